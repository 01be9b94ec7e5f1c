package io.glass2glass.rtmp.handshake;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Client side of the plain RTMP handshake (Adobe RTMP specification 1.0 §5.2): sends C0+C1, reads
 * S0+S1, answers C2, reads S2.
 *
 * <p>Fed with byte slices exactly as they arrive; bytes following S2 (the server's first chunks) are
 * kept as {@link #leftover()}. C1 has a zero version field (§5.2.3), which tells digest-aware servers
 * to answer plainly. C2 echoes S1 with the time S1 was read (§5.2.4). A server whose S2 does not echo
 * C1 is still accepted, as librtmp and ffmpeg accept it, and {@link #s2EchoesC1()} says so. Bad input
 * never throws: the state becomes {@link State#FAILED} with a {@link #failureReason()}.
 */
public final class ClientHandshake {

    /** Handshake progress, client view (§5.2.6). */
    public enum State { START, AWAIT_S0, AWAIT_S1, AWAIT_S2, DONE, FAILED }

    /** The RTMP version this client speaks (§5.2.2). */
    public static final int RTMP_VERSION = HandshakeBlock.RTMP_VERSION;
    /** Length of C1, S1, C2 and S2 (§5.2.3). */
    public static final int BLOCK_SIZE = HandshakeBlock.SIZE;

    private final RandomGenerator random;
    private final LongSupplier epochMillis;
    private final long startMillis;
    private byte[] c1;
    private final HandshakeBlock s1 = new HandshakeBlock();
    private final HandshakeBlock s2 = new HandshakeBlock();
    private final HandshakeBlock.Leftover leftover = new HandshakeBlock.Leftover();
    private State state = State.START;
    private String failureReason;

    /** A handshake using the given randomness and clock (milliseconds) for C1 and C2. */
    public ClientHandshake(RandomGenerator random, LongSupplier epochMillis) {
        this.random = Objects.requireNonNull(random, "random");
        this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
        this.startMillis = epochMillis.getAsLong();
    }

    /** A handshake with a fast non-cryptographic random source (C1 only needs to be unique) and the system clock. */
    public ClientHandshake() {
        this(new java.util.SplittableRandom(), System::currentTimeMillis);
    }

    /**
     * C0+C1, the first bytes to send; once per handshake.
     *
     * @throws IllegalStateException when called a second time
     */
    public byte[] start() {
        if (state != State.START) {
            throw new IllegalStateException("the handshake has already started");
        }
        c1 = HandshakeBlock.first(random, elapsed());
        state = State.AWAIT_S0;
        return HandshakeBlock.versioned(c1);
    }

    /** Feeds the whole array; see {@link #feed(byte[], int, int)}. */
    public byte[] feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /**
     * Consumes received bytes and returns the bytes to send now: C2 once S1 is complete, otherwise an
     * empty array. Bytes after S2, and bytes fed once done, go to {@link #leftover()}.
     */
    public byte[] feed(byte[] data, int offset, int length) {
        if (!HandshakeBlock.validSlice(data, offset, length)) {
            fail("invalid slice");
            return new byte[0];
        }
        byte[] out = new byte[0];
        int pos = offset;
        int end = offset + length;
        if (state == State.START && length > 0) {
            fail("the server sent " + length + " bytes before C0+C1");
            return out;
        }
        while (pos < end && state != State.FAILED) {
            switch (state) {
                case AWAIT_S0 -> {
                    int version = data[pos++] & 0xFF;
                    if (version != RTMP_VERSION) {
                        fail("server answered RTMP version " + version + " in S0, expected 3");
                    } else {
                        state = State.AWAIT_S1;
                    }
                }
                case AWAIT_S1 -> {
                    pos += s1.fill(data, pos, end);
                    if (s1.full()) {
                        out = HandshakeBlock.echo(s1.bytes(), elapsed());
                        state = State.AWAIT_S2;
                    }
                }
                case AWAIT_S2 -> {
                    pos += s2.fill(data, pos, end);
                    if (s2.full()) {
                        state = State.DONE;
                    }
                }
                case DONE -> {
                    leftover.add(data, pos, end);
                    pos = end;
                }
                default -> pos = end;
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

    /** Whether S2 echoed C1's random data (§5.2.4); meaningful once {@link State#DONE}. */
    public boolean s2EchoesC1() {
        return c1 != null && Arrays.equals(s2.bytes(), 8, BLOCK_SIZE, c1, 8, BLOCK_SIZE);
    }

    /** The server's time field from S1 (§5.2.3), unsigned; meaningful from {@link State#AWAIT_S2} on. */
    public long serverTime() {
        return HandshakeBlock.readUint32(s1.bytes(), 0);
    }

    /** Bytes received after S2: the start of the server's chunk stream (§5.3). */
    public byte[] leftover() {
        return leftover.bytes();
    }

    private int elapsed() {
        return (int) (epochMillis.getAsLong() - startMillis);
    }

    private void fail(String reason) {
        state = State.FAILED;
        failureReason = reason;
    }

}
