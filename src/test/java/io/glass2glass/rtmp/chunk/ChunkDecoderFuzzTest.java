package io.glass2glass.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded random input, pure and mutated from the codec table, never makes the decoder throw. */
class ChunkDecoderFuzzTest {

    private static final int ITERATIONS = 20_000;

    @Test
    void randomAndMutatedBytesNeverThrow() {
        SplittableRandom random = new SplittableRandom(0x6A7E5EEDL);
        List<byte[]> seeds = ChunkCodecTable.seeds();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = i % 2 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            int iteration = i;
            assertDoesNotThrow(() -> feedInRandomSlices(input, random), () -> "iteration " + iteration);
        }
    }

    private static void feedInRandomSlices(byte[] input, SplittableRandom random) {
        ChunkDecoder decoder = new ChunkDecoder(64 * 1024, 8);
        int pos = 0;
        while (pos < input.length) {
            int n = 1 + random.nextInt(Math.min(64, input.length - pos));
            for (RtmpMessage m : decoder.decode(input, pos, n)) {
                assertTrue(m.payload().length <= 64 * 1024);
                ProtocolControlMessage.decode(m);
            }
            pos += n;
        }
        assertTrue(decoder.state() != ChunkDecoder.State.MALFORMED || decoder.malformed().isPresent());
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(1, 512)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] b = Arrays.copyOf(seed, seed.length + random.nextInt(0, 16));
        int flips = random.nextInt(1, 4);
        for (int f = 0; f < flips; f++) {
            int at = random.nextInt(b.length);
            b[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (b[at] ^ (1 << random.nextInt(8)));
        }
        if (random.nextInt(4) == 0) {
            b = Arrays.copyOf(b, random.nextInt(1, b.length + 1));
        }
        return b;
    }
}
