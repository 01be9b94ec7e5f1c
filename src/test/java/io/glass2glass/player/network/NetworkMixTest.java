package io.glass2glass.player.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkMixTest {

    @TempDir
    Path dir;

    @Test
    void sixtyFortySplitsTenAndAHundredPlayersExactly() {
        NetworkMix mix = NetworkMix.parse("cable:60,3g:40");
        assertEquals(Map.of("cable", 6, "3g", 4), count(mix, 1, 10));
        assertEquals(Map.of("cable", 6, "3g", 4), count(mix, 0, 10));
        assertEquals(Map.of("cable", 6, "3g", 4), count(mix, 37, 10));
        assertEquals(Map.of("cable", 60, "3g", 40), count(mix, 1, 100));
    }

    @Test
    void interleavesTheProfilesInsteadOfGroupingThem() {
        NetworkMix mix = NetworkMix.parse("cable:60,3g:40");
        int cable = 0;
        for (int k = 1; k <= 100; k++) {
            if (mix.forPlayer(k - 1).name().equals("cable")) {
                cable++;
            }
            assertTrue(Math.abs(cable - 0.6 * k) < 1, "after " + k + " players: " + cable + " on cable");
        }
    }

    @Test
    void aSingleNamePutsEveryPlayerOnIt() {
        NetworkMix mix = NetworkMix.parse("4g");
        assertEquals(Map.of("4g", 25), count(mix, 0, 25));
        assertEquals("4g", mix.describe());
        assertEquals(1, mix.entries().get(0).weight());
    }

    @Test
    void describeShowsEachProfilesShare() {
        assertEquals("cable 60%, 3g 40%", NetworkMix.parse("cable:60,3g:40").describe());
        assertEquals("fiber 33.3%, cable 33.3%, 4g 33.3%", NetworkMix.parse("fiber,cable,4g").describe());
    }

    @Test
    void emulationSaysHowTheLinksAreShaped() {
        assertEquals(NetworkProfiles.load("4g").emulation(), NetworkMix.parse("4g").emulation());
        String mixed = NetworkMix.parse("unlimited:1,3g:1").emulation();
        assertTrue(mixed.startsWith("Application-level shaping per player"), mixed);
        assertTrue(mixed.contains("players on unlimited are not shaped"), mixed);
    }

    @Test
    void acceptsFilePathsWithWeights() throws IOException {
        Path file = Files.writeString(dir.resolve("train.json"), "[{\"duration_ms\": 1000, \"bandwidth_kbps\": 700, \"latency_ms\": 90}]");
        NetworkMix mix = NetworkMix.parse(file + ":1,cable:3");
        assertEquals(Map.of("train", 1, "cable", 3), count(mix, 0, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cable:0", "cable:-1", "cable:1.5", "cable:", "cable:99999999"})
    void rejectsWeightsThatAreNotPositiveWholeNumbers(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkMix.parse(spec));
        assertTrue(e.getMessage().contains("weight must be a whole number"), e.getMessage());
    }

    @Test
    void rejectsUnknownProfilesEmptyEntriesAndRepeats() {
        assertThrows(IllegalArgumentException.class, () -> NetworkMix.parse("dialup:3"));
        assertThrows(IllegalArgumentException.class, () -> NetworkMix.parse("cable:1,,3g:1"));
        assertThrows(IllegalArgumentException.class, () -> NetworkMix.parse("cable:1,"));
        assertThrows(IllegalArgumentException.class, () -> NetworkMix.parse(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkMix.parse("cable:1,cable:2"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    private static Map<String, Integer> count(NetworkMix mix, long first, int players) {
        Map<String, Integer> counts = new HashMap<>();
        for (long p = first; p < first + players; p++) {
            counts.merge(mix.forPlayer(p).name(), 1, Integer::sum);
        }
        return counts;
    }
}
