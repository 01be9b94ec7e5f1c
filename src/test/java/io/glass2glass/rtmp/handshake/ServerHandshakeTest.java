package io.glass2glass.rtmp.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerHandshakeTest {

    private static final int BLOCK = 1536;
    private static final byte[] CHUNKS = "first chunk bytes".getBytes(StandardCharsets.US_ASCII);

    private static ServerHandshake handshake() {
        return new ServerHandshake(new SplittableRandom(7), () -> 1_000L);
    }

    private static byte[] plainC1() {
        byte[] c1 = new byte[BLOCK];
        new SplittableRandom(1).nextBytes(c1);
        Arrays.fill(c1, 0, 8, (byte) 0); // time 0, zero field (§5.2.3)
        return c1;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void plainHandshakeRoundTripSplitAtEveryByteBoundary() {
        byte[] c1 = plainC1();
        byte[] c2 = new byte[BLOCK];
        new SplittableRandom(2).nextBytes(c2);
        byte[] input = concat(new byte[] {3}, c1, c2, CHUNKS);
        for (int split = 0; split <= input.length; split++) {
            ServerHandshake hs = handshake();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            sent.writeBytes(hs.feed(input, 0, split));
            sent.writeBytes(hs.feed(input, split, input.length - split));
            byte[] out = sent.toByteArray();
            assertEquals(ServerHandshake.State.DONE, hs.state(), "split " + split);
            assertEquals(1 + 2 * BLOCK, out.length, "split " + split);
            assertEquals(3, out[0]);
            assertArrayEquals(new byte[4], Arrays.copyOfRange(out, 5, 9), "S1 zero field");
            assertArrayEquals(c1, Arrays.copyOfRange(out, 1 + BLOCK, out.length), "S2 echoes C1");
            assertArrayEquals(CHUNKS, hs.leftover(), "split " + split);
            assertArrayEquals(c2, hs.c2());
            assertFalse(hs.digestHandshake());
        }
    }

    @Test
    void byteByByteFeedingAnswersOnlyOnceC1IsComplete() {
        byte[] input = concat(new byte[] {3}, plainC1());
        ServerHandshake hs = handshake();
        for (int i = 0; i < input.length - 1; i++) {
            assertEquals(0, hs.feed(input, i, 1).length);
            assertEquals(ServerHandshake.State.AWAIT_C0C1, hs.state());
        }
        assertEquals(1 + 2 * BLOCK, hs.feed(input, input.length - 1, 1).length);
        assertEquals(ServerHandshake.State.AWAIT_C2, hs.state());
    }

    @ParameterizedTest(name = "schema {0}")
    @ValueSource(ints = {0, 1})
    void digestC1WithPublishedClientKeyVerifiesAndS2ValidatesAgainstIt(int schema) throws Exception {
        byte[] c1 = new byte[BLOCK];
        new SplittableRandom(3 + schema).nextBytes(c1);
        Arrays.fill(c1, 0, 4, (byte) 0);
        byte[] flashVersion = {(byte) 0x80, 0x00, 0x07, 0x02};
        System.arraycopy(flashVersion, 0, c1, 4, 4);
        byte[] fpKeyText = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
        int offset = digestOffset(c1, schema);
        byte[] clientDigest = hmac(fpKeyText, without(c1, offset));
        System.arraycopy(clientDigest, 0, c1, offset, 32);

        ServerHandshake hs = handshake();
        byte[] out = hs.feed(concat(new byte[] {3}, c1));
        assertTrue(hs.digestHandshake());
        assertEquals(ServerHandshake.State.AWAIT_C2, hs.state());

        byte[] s1 = Arrays.copyOfRange(out, 1, 1 + BLOCK);
        byte[] s2 = Arrays.copyOfRange(out, 1 + BLOCK, out.length);
        byte[] fmsKeyText = "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);
        int s1Offset = digestOffset(s1, schema);
        assertArrayEquals(hmac(fmsKeyText, without(s1, s1Offset)), Arrays.copyOfRange(s1, s1Offset, s1Offset + 32),
                "S1 carries a server digest");
        assertFalse(Arrays.equals(new byte[4], Arrays.copyOfRange(s1, 4, 8)), "S1 has a version");

        // librtmp's check of S2: key = HMAC(full FMS key, C1 digest), signature over S2[0..1504).
        byte[] fullFmsKey = HandshakeDigest.GENUINE_FMS_KEY;
        assertEquals(68, fullFmsKey.length);
        assertArrayEquals(fmsKeyText, Arrays.copyOf(fullFmsKey, 36));
        byte[] key = hmac(fullFmsKey, clientDigest);
        assertArrayEquals(hmac(key, Arrays.copyOf(s2, BLOCK - 32)), Arrays.copyOfRange(s2, BLOCK - 32, BLOCK),
                "S2 signature");

        hs.feed(new byte[BLOCK]);
        assertEquals(ServerHandshake.State.DONE, hs.state());
    }

    @Test
    void versionedC1WithoutValidDigestFallsBackToPlain() {
        byte[] c1 = plainC1();
        c1[4] = 9;
        ServerHandshake hs = handshake();
        byte[] out = hs.feed(concat(new byte[] {3}, c1));
        assertFalse(hs.digestHandshake());
        assertArrayEquals(c1, Arrays.copyOfRange(out, 1 + BLOCK, out.length));
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {0, 6, 8, 255})
    void versionOtherThanThreeFails(int version) {
        ServerHandshake hs = handshake();
        byte[] out = hs.feed(new byte[] {(byte) version, 1, 2, 3});
        assertEquals(0, out.length);
        assertEquals(ServerHandshake.State.FAILED, hs.state());
        assertNotNull(hs.failureReason());
        assertTrue(hs.failureReason().contains("version " + version), hs.failureReason());
        assertEquals(0, hs.feed(new byte[BLOCK]).length);
        assertEquals(ServerHandshake.State.FAILED, hs.state());
    }

    @Test
    void invalidSliceFailsWithoutThrowing() {
        ServerHandshake hs = handshake();
        assertEquals(0, hs.feed(new byte[4], 3, 5).length);
        assertEquals(ServerHandshake.State.FAILED, hs.state());
        assertNotNull(hs.failureReason());
    }

    @Test
    void bytesFedAfterDoneAreLeftover() {
        ServerHandshake hs = handshake();
        hs.feed(concat(new byte[] {3}, plainC1(), new byte[BLOCK]));
        assertEquals(ServerHandshake.State.DONE, hs.state());
        hs.feed(CHUNKS);
        assertArrayEquals(CHUNKS, hs.leftover());
    }

    private static int digestOffset(byte[] block, int schema) {
        int base = schema == 0 ? 8 : 772;
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += block[base + i] & 0xFF;
        }
        return base + 4 + sum % 728;
    }

    private static byte[] without(byte[] block, int offset) {
        return concat(Arrays.copyOf(block, offset), Arrays.copyOfRange(block, offset + 32, block.length));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
