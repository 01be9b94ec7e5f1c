package io.glass2glass.rtmp.flv;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.rtmp.flv.FlvTagTable.TagCase;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the FLV tag parsers (FLV specification v10.1, Annex E.4.2/E.4.3),
 * seeded from the tag tables: whatever the bytes, a parser returns a result and never throws.
 */
class FlvTagParserFuzzTest {

    private static final long SEED = 0x666C_7674_6167L;
    private static final int ITERATIONS = 20_000;

    private final FlvVideoTagParser video = new FlvVideoTagParser();
    private final FlvAudioTagParser audio = new FlvAudioTagParser();

    @Test
    void mutatedVideoTagsAlwaysYieldAResult() {
        Map<String, Integer> outcomes = fuzz(FlvTagTable.videoCases(), true);
        assertTrue(outcomes.keySet().containsAll(List.of("Sample", "SequenceHeader", "Unsupported", "Malformed")),
                () -> "mutations do not reach every branch: " + outcomes);
    }

    @Test
    void mutatedAudioTagsAlwaysYieldAResult() {
        Map<String, Integer> outcomes = fuzz(FlvTagTable.audioCases(), false);
        assertTrue(outcomes.keySet().containsAll(List.of("Sample", "SequenceHeader", "Unsupported", "Malformed")),
                () -> "mutations do not reach every branch: " + outcomes);
    }

    private Map<String, Integer> fuzz(List<TagCase> table, boolean isVideo) {
        Random random = new Random(SEED ^ (isVideo ? 9 : 8));
        Map<String, Integer> outcomes = new TreeMap<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                TagCase seed = table.get(random.nextInt(table.size()));
                byte[] input = mutate(seed.payload(), random);
                long timestamp = random.nextInt() & 0xFFFF_FFFFL;
                FlvTagResult result;
                try {
                    result = isVideo ? video.parse(input, timestamp, 0) : audio.parse(input, timestamp, 0);
                } catch (Throwable t) {
                    throw new AssertionError("iteration " + i + " (" + seed.name() + ") threw on " + HexFormat.of().formatHex(input), t);
                }
                assertNotNull(result, () -> "null result for " + HexFormat.of().formatHex(input));
                outcomes.merge(result.getClass().getSimpleName(), 1, Integer::sum);
            }
        });
        System.out.printf("FLV %s fuzz: %d iterations, %s%n", isVideo ? "video" : "audio", ITERATIONS, outcomes);
        return outcomes;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            bytes = switch (random.nextInt(5)) {
                case 0 -> flipBit(bytes, random);
                case 1 -> Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
                case 2 -> insert(bytes, random);
                case 3 -> overwriteByte(bytes, random);
                default -> overwriteLength(bytes, random);
            };
        }
        return bytes;
    }

    private static byte[] flipBit(byte[] bytes, Random random) {
        if (bytes.length > 0) {
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        return bytes;
    }

    private static byte[] insert(byte[] bytes, Random random) {
        int at = random.nextInt(bytes.length + 1);
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
        return out;
    }

    private static byte[] overwriteByte(byte[] bytes, Random random) {
        if (bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Writes an extreme 4-byte value where a NAL unit length or FourCC may sit. */
    private static byte[] overwriteLength(byte[] bytes, Random random) {
        if (bytes.length >= 4) {
            int at = random.nextInt(bytes.length - 3);
            int value = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> -1;
                case 2 -> Integer.MAX_VALUE;
                default -> bytes.length - at + random.nextInt(3) - 1;
            };
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
        }
        return bytes;
    }
}
