package io.glass2glass.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.rtmp.amf.Amf0CodecTable.Amf0Case;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the AMF0 decoder (AMF0 specification §2), seeded from the codec
 * table: whatever the bytes, the decoder returns a result, never throws, and never yields a value
 * beyond its limits.
 */
class Amf0DecoderFuzzTest {
    private static final long SEED = 0x6C61_7666_3631L;
    private static final int ITERATIONS = 20_000;
    private static final int[] LENGTH_PREFIXED_MARKERS = {
            Amf0Marker.STRING, Amf0Marker.OBJECT, Amf0Marker.ECMA_ARRAY, Amf0Marker.STRICT_ARRAY, Amf0Marker.LONG_STRING};

    private final Amf0Decoder decoder = new Amf0Decoder();

    @Test
    void mutatedTableEntriesAlwaysDecodeOrReportMalformed() {
        List<byte[]> seeds = new ArrayList<>();
        for (Amf0Case row : Amf0CodecTable.cases()) {
            seeds.add(row.bytes());
        }
        seeds.add(Amf0CodecTable.bytes(Amf0CodecTable.CONNECT_COMMAND_HEX));
        Random random = new Random(SEED);
        int[] outcomes = new int[2];

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
                Amf0Result result;
                try {
                    result = decoder.decode(input);
                } catch (Throwable t) {
                    throw new AssertionError("iteration " + i + " threw on " + preview(input), t);
                }
                assertNotNull(result, () -> "null result for " + preview(input));
                if (result instanceof Amf0Result.Decoded decoded) {
                    outcomes[0]++;
                    for (Amf0Value value : decoded.values()) {
                        assertWithinLimits(value, 0);
                    }
                } else {
                    outcomes[1]++;
                }
            }
        });
        // Both outcomes must occur, or the mutations are not reaching the decoder's checks.
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0,
                () -> "decoded " + outcomes[0] + ", malformed " + outcomes[1]);
        System.out.printf("AMF0 fuzz: %d iterations, %d decoded, %d malformed%n", ITERATIONS, outcomes[0], outcomes[1]);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            bytes = switch (random.nextInt(5)) {
                case 0 -> flipBit(bytes, random);
                case 1 -> Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
                case 2 -> insert(bytes, random);
                case 3 -> overwriteLength(bytes, random.nextInt(bytes.length + 1), random);
                default -> overwriteLengthAfterMarker(bytes, random);
            };
        }
        return bytes;
    }

    private static byte[] flipBit(byte[] bytes, Random random) {
        if (bytes.length > 0) {
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return bytes;
    }

    private static byte[] insert(byte[] bytes, Random random) {
        byte[] inserted = new byte[1 + random.nextInt(8)];
        random.nextBytes(inserted);
        int at = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    /** Writes 0x7FFFFFFF (or 0xFFFF for a U16 field) at {@code at}, clipped to the array. */
    private static byte[] overwriteLength(byte[] bytes, int at, Random random) {
        byte[] length = random.nextBoolean() ? new byte[] {0x7F, -1, -1, -1} : new byte[] {-1, -1};
        for (int i = 0; i < length.length && at + i < bytes.length; i++) {
            bytes[at + i] = length[i];
        }
        return bytes;
    }

    private static byte[] overwriteLengthAfterMarker(byte[] bytes, Random random) {
        List<Integer> markers = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            for (int marker : LENGTH_PREFIXED_MARKERS) {
                if ((bytes[i] & 0xFF) == marker) {
                    markers.add(i);
                }
            }
        }
        if (markers.isEmpty()) {
            return bytes;
        }
        return overwriteLength(bytes, markers.get(random.nextInt(markers.size())) + 1, random);
    }

    private static void assertWithinLimits(Amf0Value value, int depth) {
        if (value instanceof Amf0String s) {
            assertTrue(s.value().length() <= Amf0Decoder.DEFAULT_MAX_LONG_STRING_BYTES, "string over limit");
        } else if (value instanceof Amf0Properties p) {
            assertTrue(depth < Amf0Decoder.MAX_DEPTH, "nesting over limit");
            Map<String, Amf0Value> properties = p.properties();
            assertTrue(properties.size() <= Amf0Decoder.MAX_ENTRIES, "properties over limit");
            for (Amf0Value child : properties.values()) {
                assertWithinLimits(child, depth + 1);
            }
        } else if (value instanceof Amf0StrictArray a) {
            assertTrue(depth < Amf0Decoder.MAX_DEPTH, "nesting over limit");
            assertTrue(a.values().size() <= Amf0Decoder.MAX_ENTRIES, "strict array over limit");
            for (Amf0Value child : a.values()) {
                assertWithinLimits(child, depth + 1);
            }
        }
    }

    private static String preview(byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 64));
        return input.length > 64 ? hex + "… (" + input.length + " bytes)" : hex;
    }
}
