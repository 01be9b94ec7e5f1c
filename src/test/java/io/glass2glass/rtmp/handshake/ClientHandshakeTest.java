package io.glass2glass.rtmp.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ClientHandshake} (RTMP spec 1.0 §5.2) against our {@link ServerHandshake} and against hand-made server answers. */
class ClientHandshakeTest {

    private static final int BLOCK = ClientHandshake.BLOCK_SIZE;
    private static final byte[] CHUNKS = "server chunk bytes".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong clock = new AtomicLong(5_000);

    private ClientHandshake client() {
        return new ClientHandshake(new SplittableRandom(11), clock::get);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] block(int seed) {
        byte[] b = new byte[BLOCK];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void c0c1CarriesVersionThreeTheClockAndAZeroField() {
        ClientHandshake hs = client();
        clock.set(5_250);
        byte[] c0c1 = hs.start();
        assertEquals(1 + BLOCK, c0c1.length);
        assertEquals(3, c0c1[0]);
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 250}, Arrays.copyOfRange(c0c1, 1, 5), "time since the handshake began");
        assertArrayEquals(new byte[4], Arrays.copyOfRange(c0c1, 5, 9), "zero field (§5.2.3)");
        assertEquals(ClientHandshake.State.AWAIT_S0, hs.state());
        assertThrows(IllegalStateException.class, hs::start);
    }

    @Test
    void completesAgainstOurServerSplitAtEveryByteBoundary() {
        for (int split = 0; split <= 1 + 2 * BLOCK + CHUNKS.length; split++) {
            ClientHandshake hs = client();
            ServerHandshake server = new ServerHandshake(new SplittableRandom(3), () -> 0L);
            byte[] answer = concat(server.feed(hs.start()), CHUNKS);
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            sent.writeBytes(hs.feed(answer, 0, split));
            sent.writeBytes(hs.feed(answer, split, answer.length - split));
            assertEquals(ClientHandshake.State.DONE, hs.state(), "split " + split);
            assertEquals(BLOCK, sent.size(), "one C2, split " + split);
            assertTrue(hs.s2EchoesC1(), "split " + split);
            assertArrayEquals(CHUNKS, hs.leftover(), "split " + split);
            server.feed(sent.toByteArray());
            assertEquals(ServerHandshake.State.DONE, server.state(), "split " + split);
        }
    }

    @Test
    void byteByByteFeedingAnswersC2OnlyOnceS1IsComplete() {
        ClientHandshake hs = client();
        hs.start();
        byte[] s1 = block(4);
        byte[] answer = concat(new byte[] {3}, s1);
        for (int i = 0; i < answer.length - 1; i++) {
            assertEquals(0, hs.feed(answer, i, 1).length, "byte " + i);
        }
        clock.set(5_077);
        byte[] c2 = hs.feed(answer, answer.length - 1, 1);
        assertEquals(ClientHandshake.State.AWAIT_S2, hs.state());
        assertArrayEquals(Arrays.copyOfRange(s1, 0, 4), Arrays.copyOfRange(c2, 0, 4), "C2 time is S1's time (§5.2.4)");
        assertArrayEquals(new byte[] {0, 0, 0, 77}, Arrays.copyOfRange(c2, 4, 8), "C2 time2 is when S1 was read");
        assertArrayEquals(Arrays.copyOfRange(s1, 8, BLOCK), Arrays.copyOfRange(c2, 8, BLOCK), "C2 echoes S1's random data");
        assertEquals(((s1[0] & 0xFFL) << 24) | ((s1[1] & 0xFFL) << 16) | ((s1[2] & 0xFFL) << 8) | (s1[3] & 0xFFL), hs.serverTime());
    }

    /** One row: what a server answers, and where the client ends up. */
    record Answer(String name, boolean started, byte[] bytes, ClientHandshake.State state, boolean c2Sent, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Answer> answers() {
        byte[] s1 = block(5);
        return List.of(
                new Answer("S0 version 6 (encrypted RTMPE)", true, concat(new byte[] {6}, s1), ClientHandshake.State.FAILED, false,
                        "version 6 in S0"),
                new Answer("S0 version 0", true, new byte[] {0}, ClientHandshake.State.FAILED, false, "version 0 in S0"),
                new Answer("S0 version 255", true, new byte[] {(byte) 255, 1, 2}, ClientHandshake.State.FAILED, false, "version 255"),
                new Answer("HTTP answer instead of S0", true, "HTTP/1.1 400".getBytes(StandardCharsets.US_ASCII),
                        ClientHandshake.State.FAILED, false, "version 72"),
                new Answer("bytes before C0+C1 was sent", false, new byte[] {3}, ClientHandshake.State.FAILED, false, "before C0+C1"),
                new Answer("S0 only", true, new byte[] {3}, ClientHandshake.State.AWAIT_S1, false, null),
                new Answer("S0 and half of S1", true, concat(new byte[] {3}, Arrays.copyOf(s1, BLOCK / 2)), ClientHandshake.State.AWAIT_S1,
                        false, null),
                new Answer("S0 and S1", true, concat(new byte[] {3}, s1), ClientHandshake.State.AWAIT_S2, true, null),
                new Answer("S0, S1 and an S2 that does not echo C1", true, concat(new byte[] {3}, s1, block(6)), ClientHandshake.State.DONE,
                        true, null),
                new Answer("nothing", true, new byte[0], ClientHandshake.State.AWAIT_S0, false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void serverAnswerDrivesTheClient(Answer a) {
        ClientHandshake hs = client();
        if (a.started()) {
            hs.start();
        }
        byte[] out = hs.feed(a.bytes());
        assertEquals(a.state(), hs.state(), a.name());
        assertEquals(a.c2Sent() ? BLOCK : 0, out.length, "C2 sent");
        if (a.reason() == null) {
            assertNull(hs.failureReason());
        } else {
            assertTrue(hs.failureReason().contains(a.reason()), hs.failureReason());
            assertEquals(0, hs.feed(concat(new byte[] {3}, block(7))).length, "nothing sent once failed");
            assertEquals(ClientHandshake.State.FAILED, hs.state());
        }
        if (a.state() == ClientHandshake.State.DONE) {
            assertFalse(hs.s2EchoesC1(), "an S2 of other random bytes is accepted but reported");
        }
    }

    @Test
    void invalidSliceFailsWithoutThrowing() {
        ClientHandshake hs = client();
        hs.start();
        assertEquals(0, hs.feed(new byte[4], 3, 5).length);
        assertEquals(ClientHandshake.State.FAILED, hs.state());
        assertTrue(hs.failureReason().contains("invalid slice"));
    }

    @Test
    void bytesFedAfterDoneAreLeftover() {
        ClientHandshake hs = client();
        hs.start();
        hs.feed(concat(new byte[] {3}, block(8), block(9)));
        assertEquals(ClientHandshake.State.DONE, hs.state());
        hs.feed(CHUNKS, 0, 6);
        hs.feed(CHUNKS, 6, CHUNKS.length - 6);
        assertArrayEquals(CHUNKS, hs.leftover());
    }
}
