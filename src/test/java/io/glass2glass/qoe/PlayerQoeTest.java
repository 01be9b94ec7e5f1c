package io.glass2glass.qoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlayerQoeTest {

    @Test
    void rebufferRatioIsStalledOverWatchedTime() {
        assertEquals(0.05, player(3_000, 60_000).rebufferRatio(), 1e-12);
    }

    @Test
    void rebufferRatioIsZeroWhenNothingWasWatched() {
        assertEquals(0, player(0, 0).rebufferRatio());
    }

    @Test
    void renditionTimesAreCopiedSoTheCallerCannotChangeThem() {
        Map<String, Long> times = new HashMap<>(Map.of("720p", 1_000L));
        PlayerQoe q = new PlayerQoe("p", "fast", "throughput", true, false, false, 800, 0, 0, 1_000, 2_800, 0,
                times, 0, 1);
        times.put("360p", 5L);

        assertEquals(Map.of("720p", 1_000L), q.millisPerRendition());
        assertThrows(UnsupportedOperationException.class, () -> q.millisPerRendition().put("480p", 1L));
    }

    private static PlayerQoe player(long rebufferMillis, long watchMillis) {
        return new PlayerQoe("p1", "4g", "throughput", true, false, false, 900, 1, rebufferMillis, watchMillis,
                1_400, 2, Map.of(), 0, 10);
    }
}
