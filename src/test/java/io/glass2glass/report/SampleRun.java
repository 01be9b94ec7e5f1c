package io.glass2glass.report;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.qoe.QoeSummary;
import java.time.Instant;
import java.util.Map;

/** A small run with known figures, for the report tests. */
final class SampleRun {

    static final Instant STARTED = Instant.parse("2025-03-04T05:06:07Z");
    static final Instant ENDED = Instant.parse("2025-03-04T05:11:07.500Z");

    private SampleRun() {}

    static RunMetadata metadata(String runId, String target) {
        return new RunMetadata(runId, target, "HLS", STARTED, ENDED, 5, "throughput",
                "mix 4g:3, wifi:1 (token bucket per player)", "ramp 5 players over 10 s, hold 290 s");
    }

    static RunMetadata metadata() {
        return metadata("20250304-050607-LivePlayersSimulation", "http://127.0.0.1:8081/live/demo/master.m3u8");
    }

    /**
     * Four players joined: three started (startup 1..3 s, one stalled 2 s of 40 s), one failed to start;
     * 100 segment requests with latencies 1..100 ms, one of them 300 ms late, one a 404.
     */
    static QoeSummary qoe() {
        QoeRecorders recorders = new QoeRecorders();
        for (int i = 0; i < 4; i++) {
            recorders.playerStarted();
        }
        recorders.recordPlayer(new PlayerQoe("p1", "4g", "throughput", true, false, false, 1_000, 2, 2_000, 40_000,
                2_000, 3, Map.of("720p", 30_000L, "360p", 8_000L), 1, 20, 2));
        recorders.recordPlayer(new PlayerQoe("p2", "4g", "throughput", true, false, false, 2_000, 0, 0, 40_000,
                2_800, 0, Map.of("720p", 40_000L), 0, 20));
        recorders.recordPlayer(new PlayerQoe("p3", "wifi", "throughput", true, false, true, 3_000, 0, 0, 20_000,
                2_800, 0, Map.of("720p", 20_000L), 0, 10));
        recorders.recordPlayer(new PlayerQoe("p4", "4g", "throughput", false, true, false, -1, 0, 0, 0, 0, 0,
                Map.of(), 2, 2));
        for (int i = 1; i <= 100; i++) {
            recorders.recordRequest(ObjectKind.SEGMENT, i == 100 ? 404 : 200, i, 250_000, i == 50 ? 300 : 0);
        }
        recorders.recordRequest(ObjectKind.MULTIVARIANT, 200, 12, 800, 0);
        for (int i = 1; i <= 100; i++) {
            recorders.recordLiveLatency(4_000 + 10L * i);
        }
        return recorders.summary();
    }
}
