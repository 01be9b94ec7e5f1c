package io.glass2glass.ingest.rtmp.handshake;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Server side of the RTMP handshake (RTMP spec §5.2): reads C0+C1, answers S0+S1+S2, reads C2.
 *
 * <p>Fed with byte slices exactly as they arrive; bytes following C2 (the first chunks) are kept
 * as {@link #leftover()}. Answers the plain handshake (S2 echoes C1, S1 has a zero version field)
 * and, when C1 carries a valid Flash Player digest ({@link HandshakeDigest}), the digest variant.
 * Bad input never throws: the state becomes {@link State#FAILED} with a {@link #failureReason()}.
 */
public final class ServerHandshake {

    /** Handshake progress, server view (RTMP spec §5.2.6). */
    public enum State { AWAIT_C0C1, AWAIT_C2, DONE, FAILED }

    /** The only RTMP version this server speaks (RTMP spec §5.2.2). */
    public static final int RTMP_VERSION = 3;

    private static final byte[] SERVER_VERSION = {0x04, 0x05, 0x00, 0x01};
    private static final int C0C1_SIZE = 1 + HandshakeDigest.BLOCK_SIZE;

    private final RandomGenerator random;
    private final LongSupplier epochMillis;
    private final long startMillis;
    private final byte[] c0c1 = new byte[C0C1_SIZE];
    private final byte[] c2 = new byte[HandshakeDigest.BLOCK_SIZE];
    private final ByteArrayOutputStream leftover = new ByteArrayOutputStream();
    private int filled;
    private State state = State.AWAIT_C0C1;
    private String failureReason;
    private boolean digest;

    /** A handshake using the given randomness and clock (milliseconds) for S1. */
    public ServerHandshake(RandomGenerator random, LongSupplier epochMillis) {
        this.random = Objects.requireNonNull(random, "random");
        this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
        this.startMillis = epochMillis.getAsLong();
    }

    /** A handshake with a fresh {@link java.security.SecureRandom} and the system clock. */
    public ServerHandshake() {
        this(new java.security.SecureRandom(), System::currentTimeMillis);
    }

    /** Feeds the whole array; see {@link #feed(byte[], int, int)}. */
    public byte[] feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /**
     * Consumes received bytes and returns the bytes to send now (S0+S1+S2 once C0+C1 is complete,
     * otherwise an empty array). Bytes after C2, and bytes fed once done, go to {@link #leftover()}.
     */
    public byte[] feed(byte[] data, int offset, int length) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            fail("invalid slice");
            return new byte[0];
        }
        byte[] out = new byte[0];
        int pos = offset;
        int end = offset + length;
        while (pos < end && state != State.FAILED) {
            switch (state) {
                case AWAIT_C0C1 -> {
                    int n = Math.min(end - pos, C0C1_SIZE - filled);
                    System.arraycopy(data, pos, c0c1, filled, n);
                    pos += n;
                    filled += n;
                    if (filled >= 1 && (c0c1[0] & 0xFF) != RTMP_VERSION) {
                        fail("unsupported RTMP version " + (c0c1[0] & 0xFF) + " in C0, expected 3");
                    } else if (filled == C0C1_SIZE) {
                        out = respond();
                        filled = 0;
                        state = State.AWAIT_C2;
                    }
                }
                case AWAIT_C2 -> {
                    int n = Math.min(end - pos, c2.length - filled);
                    System.arraycopy(data, pos, c2, filled, n);
                    pos += n;
                    filled += n;
                    if (filled == c2.length) {
                        state = State.DONE;
                    }
                }
                case DONE -> {
                    leftover.write(data, pos, end - pos);
                    pos = end;
                }
                case FAILED -> pos = end;
            }
        }
        return out;
    }

    /** Current state. */
    public State state() {
        return state;
    }

    /** Why the handshake failed, or {@code null} unless {@link State#FAILED}. */
    public String failureReason() {
        return failureReason;
    }

    /** Whether the client used the digest (Flash Player 9) variant. */
    public boolean digestHandshake() {
        return digest;
    }

    /** The received C2 (meaningful once {@link State#DONE}). */
    public byte[] c2() {
        return c2.clone();
    }

    /** Bytes received after C2: the start of the chunk stream (RTMP spec §5.3). */
    public byte[] leftover() {
        return leftover.toByteArray();
    }

    private byte[] respond() {
        byte[] c1 = Arrays.copyOfRange(c0c1, 1, C0C1_SIZE);
        byte[] s1 = new byte[HandshakeDigest.BLOCK_SIZE];
        random.nextBytes(s1);
        int time = (int) (epochMillis.getAsLong() - startMillis);
        writeInt(s1, 0, time);
        byte[] s2;
        boolean clientVersioned = c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0;
        int schema = clientVersioned ? HandshakeDigest.findClientSchema(c1) : -1;
        if (schema >= 0) {
            digest = true;
            System.arraycopy(SERVER_VERSION, 0, s1, 4, 4);
            HandshakeDigest.sign(s1, schema, HandshakeDigest.GENUINE_FMS_KEY, HandshakeDigest.FMS_KEY_TEXT_LENGTH);
            int offset = HandshakeDigest.digestOffset(c1, schema);
            byte[] clientDigest = Arrays.copyOfRange(c1, offset, offset + HandshakeDigest.DIGEST_SIZE);
            s2 = new byte[HandshakeDigest.BLOCK_SIZE];
            random.nextBytes(s2);
            byte[] signature = HandshakeDigest.responseSignature(s2, clientDigest, HandshakeDigest.GENUINE_FMS_KEY);
            System.arraycopy(signature, 0, s2, s2.length - HandshakeDigest.DIGEST_SIZE, HandshakeDigest.DIGEST_SIZE);
        } else {
            // Plain handshake (§5.2.3, §5.2.4): zero version field in S1; S2 echoes C1 as sent.
            s1[4] = 0;
            s1[5] = 0;
            s1[6] = 0;
            s1[7] = 0;
            s2 = c1;
        }
        byte[] out = new byte[1 + 2 * HandshakeDigest.BLOCK_SIZE];
        out[0] = RTMP_VERSION;
        System.arraycopy(s1, 0, out, 1, s1.length);
        System.arraycopy(s2, 0, out, 1 + s1.length, s2.length);
        return out;
    }

    private void fail(String reason) {
        state = State.FAILED;
        failureReason = reason;
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
