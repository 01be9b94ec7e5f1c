package io.glass2glass.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 digests of the "complex" (Flash Player 9) RTMP handshake, the de-facto extension of
 * RTMP spec §5.2 used by Flash-era players and librtmp: a 32-byte digest hidden in C1/S1 at an
 * offset derived from four key bytes, and an S2 signed with a key derived from the C1 digest.
 *
 * <p>Schema 0 keeps the offset bytes at 8..11 (digest somewhere in 12..771); schema 1 keeps them
 * at 772..775 (digest somewhere in 776..1535).
 */
public final class HandshakeDigest {

    /** Size of C1, S1, C2 and S2 (RTMP spec §5.2.3). */
    public static final int BLOCK_SIZE = HandshakeBlock.SIZE;
    /** Size of an HMAC-SHA256 digest. */
    public static final int DIGEST_SIZE = 32;

    private static final byte[] KEY_TAIL = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE
    };

    /** "Genuine Adobe Flash Player 001" followed by the shared 32-byte tail (62 bytes). */
    public static final byte[] GENUINE_FP_KEY = concat("Genuine Adobe Flash Player 001", KEY_TAIL);
    /** "Genuine Adobe Flash Media Server 001" followed by the shared 32-byte tail (68 bytes). */
    public static final byte[] GENUINE_FMS_KEY = concat("Genuine Adobe Flash Media Server 001", KEY_TAIL);
    /** Length of the text part of the FP key: the key that signs C1. */
    public static final int FP_KEY_TEXT_LENGTH = 30;
    /** Length of the text part of the FMS key: the key that signs S1. */
    public static final int FMS_KEY_TEXT_LENGTH = 36;

    private HandshakeDigest() {
    }

    /** Offset of the 32-byte digest inside a 1536-byte block for schema 0 or 1. */
    public static int digestOffset(byte[] block, int schema) {
        int base = schema == 0 ? 8 : 772;
        int sum = (block[base] & 0xFF) + (block[base + 1] & 0xFF) + (block[base + 2] & 0xFF) + (block[base + 3] & 0xFF);
        return sum % 728 + base + 4;
    }

    /** HMAC-SHA256 over the block with the 32 digest bytes at {@code offset} left out. */
    public static byte[] blockDigest(byte[] block, int offset, byte[] key, int keyLength) {
        Mac mac = mac(key, keyLength);
        mac.update(block, 0, offset);
        mac.update(block, offset + DIGEST_SIZE, BLOCK_SIZE - offset - DIGEST_SIZE);
        return mac.doFinal();
    }

    /** Writes a digest into the block for the given schema and returns its offset. */
    public static int sign(byte[] block, int schema, byte[] key, int keyLength) {
        int offset = digestOffset(block, schema);
        System.arraycopy(blockDigest(block, offset, key, keyLength), 0, block, offset, DIGEST_SIZE);
        return offset;
    }

    /**
     * Finds a valid client digest in C1 (signed with the FP key text), trying schema 1 then schema 0
     * as nginx-rtmp does; returns the schema (0 or 1), or -1 when C1 carries no valid digest.
     */
    public static int findClientSchema(byte[] c1) {
        for (int schema : new int[] {1, 0}) {
            int offset = digestOffset(c1, schema);
            byte[] expected = blockDigest(c1, offset, GENUINE_FP_KEY, FP_KEY_TEXT_LENGTH);
            if (MessageDigest.isEqual(expected, Arrays.copyOfRange(c1, offset, offset + DIGEST_SIZE))) {
                return schema;
            }
        }
        return -1;
    }

    /**
     * The signature closing S2 (or C2): HMAC over the first 1504 bytes, keyed by
     * HMAC(full key, peer digest).
     */
    public static byte[] responseSignature(byte[] block, byte[] peerDigest, byte[] fullKey) {
        byte[] key = hmac(fullKey, fullKey.length, peerDigest, 0, peerDigest.length);
        return hmac(key, key.length, block, 0, BLOCK_SIZE - DIGEST_SIZE);
    }

    /** HMAC-SHA256 of a slice with the first {@code keyLength} bytes of {@code key}. */
    public static byte[] hmac(byte[] key, int keyLength, byte[] data, int offset, int length) {
        Mac mac = mac(key, keyLength);
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    private static Mac mac(byte[] key, int keyLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] concat(String text, byte[] tail) {
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        byte[] key = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, key, head.length, tail.length);
        return key;
    }
}
