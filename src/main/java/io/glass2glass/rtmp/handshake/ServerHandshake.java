package io.glass2glass.rtmp.handshake;

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
    public static final int RTMP_VERSION = HandshakeBlock.RTMP_VERSION;

    private static final byte[] SERVER_VERSION = {0x04, 0x05, 0x00, 0x01};

    private final RandomGenerator random;
    private final LongSupplier epochMillis;
    private final long startMillis;
    private final HandshakeBlock c1 = new HandshakeBlock();
    private final HandshakeBlock c2 = new HandshakeBlock();
    private final HandshakeBlock.Leftover leftover = new HandshakeBlock.Leftover();
    private boolean versionRead;
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
        if (!HandshakeBlock.validSlice(data, offset, length)) {
            fail("invalid slice");
            return new byte[0];
        }
        byte[] out = new byte[0];
        int pos = offset;
        int end = offset + length;
        while (pos < end && state != State.FAILED) {
            switch (state) {
                case AWAIT_C0C1 -> {
                    if (!versionRead) {
                        int version = data[pos++] & 0xFF;
                        versionRead = true;
                        if (version != RTMP_VERSION) {
                            fail("unsupported RTMP version " + version + " in C0, expected 3");
                            break;
                        }
                    }
                    pos += c1.fill(data, pos, end);
                    if (c1.full()) {
                        out = respond();
                        state = State.AWAIT_C2;
                    }
                }
                case AWAIT_C2 -> {
                    pos += c2.fill(data, pos, end);
                    if (c2.full()) {
                        state = State.DONE;
                    }
                }
                case DONE -> {
                    leftover.add(data, pos, end);
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
        return c2.bytes().clone();
    }

    /** Bytes received after C2: the start of the chunk stream (RTMP spec §5.3). */
    public byte[] leftover() {
        return leftover.bytes();
    }

    private byte[] respond() {
        byte[] c1 = this.c1.bytes();
        byte[] s1 = HandshakeBlock.first(random, (int) (epochMillis.getAsLong() - startMillis));
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
            // Plain handshake (§5.2.3, §5.2.4): S1 keeps its zero version field; S2 echoes C1 as sent.
            s2 = c1;
        }
        return HandshakeBlock.versioned(s1, s2);
    }

    private void fail(String reason) {
        state = State.FAILED;
        failureReason = reason;
    }
}
