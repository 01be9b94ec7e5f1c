package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.qoe.QoeRecorders;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The field names, structure and number forms of summary.json: a contract (the README's field table). */
class SummaryJsonTest {

    private static final List<String> DISTRIBUTION = List.of("p50", "p95", "p99", "max", "mean", "count");
    private static final List<String> PERCENTILES = List.of("p50", "p95", "p99", "max");
    private static final List<String> LOW_TAIL = List.of("min", "p1", "p5", "p10");

    @TempDir
    Path dir;

    private final JsonObject json = RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).toJson();

    @Test
    void runMetadataIsWrittenAsGiven() {
        assertEquals(1, json.getInteger("schemaVersion"));
        assertEquals("20250304-050607-LivePlayersSimulation", json.getString("runId"));
        assertEquals("http://127.0.0.1:8081/live/demo/master.m3u8", json.getString("target"));
        assertEquals("hls", json.getString("format"));
        assertEquals("2025-03-04T05:06:07Z", json.getString("startedAt"));
        assertEquals("2025-03-04T05:11:07.500Z", json.getString("endedAt"));
        assertEquals(300.5, json.getDouble("durationSeconds"));
        assertEquals("throughput", json.getString("abr"));
        assertEquals("mix 4g:3, wifi:1 (token bucket per player)", json.getString("network"));
        assertEquals("ramp 5 players over 10 s, hold 290 s", json.getString("injection"));
    }

    @Test
    void playersAreCountedByOutcome() {
        assertEquals(new JsonObject().put("requested", 5L).put("joined", 4L).put("started", 3L)
                .put("failedToStart", 1L).put("playbackFailed", 1L), json.getJsonObject("players"));
    }

    @Test
    void everyQoeMetricIsADistribution() {
        JsonObject qoe = json.getJsonObject("qoe");
        for (String metric : List.of("startupMs", "rebufferRatio", "rebufferCount", "rebufferMs", "avgBitrateKbps",
                "switches", "liveLatencyMs", "lateSegments")) {
            assertTrue(qoe.getJsonObject(metric).fieldNames().containsAll(DISTRIBUTION), metric);
        }
        JsonObject startup = qoe.getJsonObject("startupMs");
        assertNear(2_000, startup, "p50");
        assertNear(3_000, startup, "p95");
        assertNear(3_000, startup, "p99");
        assertNear(3_000, startup, "max");
        assertNear(2_000, startup, "mean");
        assertEquals(3, startup.getLong("count"));
        assertInstanceOf(Long.class, startup.getValue("p50"), "whole numbers are JSON integers");

        JsonObject ratio = qoe.getJsonObject("rebufferRatio");
        assertEquals(0, ratio.getDouble("p50"), 1e-4);
        assertNear(0.05, ratio, "max");
        assertEquals(3, ratio.getLong("count"));
        assertEquals(0.02, qoe.getDouble("rebufferRatioAggregate"), 1e-12, "2 s stalled over 100 s watched");
        assertEquals(2, qoe.getDouble("stallSeconds"));
        assertEquals(100, qoe.getDouble("watchSeconds"));

        assertNear(2, qoe.getJsonObject("rebufferCount"), "max");
        assertNear(2_000, qoe.getJsonObject("rebufferMs"), "max");
        assertNear(2_800, qoe.getJsonObject("avgBitrateKbps"), "p50");
        assertNear(3, qoe.getJsonObject("switches"), "max");
        assertNear(4_500, qoe.getJsonObject("liveLatencyMs"), "p50");
        assertNear(5_000, qoe.getJsonObject("liveLatencyMs"), "max");
        assertEquals(100, qoe.getJsonObject("liveLatencyMs").getLong("count"));
    }

    @Test
    void averageBitrateHasItsLowTailBeforeTheUpperPercentiles() {
        JsonObject bitrate = json.getJsonObject("qoe").getJsonObject("avgBitrateKbps");

        assertEquals(List.of("min", "p1", "p5", "p10", "p50", "p95", "p99", "max", "mean", "count"),
                List.copyOf(bitrate.fieldNames()));
        // Players at 2,000, 2,800 and 2,800 kb/s: the bottom 10 % is the 2,000 kb/s one.
        assertEquals(List.of(2_000L, 2_000L, 2_000L, 2_000L), lowTail(bitrate));
    }

    @Test
    void lowTailOfOneToHundredKilobitsIsExact() {
        QoeRecorders recorders = new QoeRecorders();
        for (int kbps = 1; kbps <= 100; kbps++) {
            recorders.recordPlayer(new PlayerQoe("p" + kbps, "4g", "throughput", true, false, false, 500, 0, 0, 10_000,
                    kbps, 0, Map.of(), 0, 5));
        }

        JsonObject bitrate = RunSummary.of(SampleRun.metadata(), recorders.summary()).toJson()
                .getJsonObject("qoe").getJsonObject("avgBitrateKbps");

        assertEquals(List.of(1L, 1L, 5L, 10L), lowTail(bitrate));
        assertEquals(50, bitrate.getLong("p50"));
    }

    @Test
    void lowerIsBetterMetricsHaveNoLowTailFields() {
        JsonObject qoe = json.getJsonObject("qoe");
        List<JsonObject> distributions = new ArrayList<>();
        for (String metric : List.of("startupMs", "rebufferRatio", "rebufferCount", "rebufferMs", "switches",
                "liveLatencyMs", "lateSegments")) {
            distributions.add(qoe.getJsonObject(metric));
        }
        distributions.add(json.getJsonObject("scheduleSkewMs"));
        JsonObject requests = json.getJsonObject("requests");
        for (String kind : requests.fieldNames()) {
            distributions.add(requests.getJsonObject(kind).getJsonObject("latencyMs"));
            distributions.add(requests.getJsonObject(kind).getJsonObject("latencyCorrectedMs"));
        }

        for (JsonObject d : distributions) {
            for (String field : LOW_TAIL) {
                assertFalse(d.containsKey(field), field + " in " + d);
            }
        }
    }

    @Test
    void olderSummaryWithoutTheLowTailReadsAsUnknownAndIsRewrittenWithout() {
        JsonObject old = json.copy();
        LOW_TAIL.forEach(old.getJsonObject("qoe").getJsonObject("avgBitrateKbps")::remove);

        RunSummary summary = RunSummary.fromJson(old);

        assertEquals(Optional.empty(), summary.qoe().avgBitrateKbps().lowTail(), "unknown, not zero");
        assertEquals(2_801, summary.qoe().avgBitrateKbps().p50());
        assertEquals(old, summary.toJson(), "no low tail invented on rewrite");
    }

    @Test
    void lateSegmentsAndTimeAtRenditionAreRunTotals() {
        JsonObject qoe = json.getJsonObject("qoe");
        JsonObject late = qoe.getJsonObject("lateSegments");
        assertEquals(4, late.getLong("count"), "players that downloaded a segment");
        assertNear(2, late, "max");
        assertEquals(3, late.getLong("total"));
        assertEquals(52, late.getLong("segmentsDownloaded"));
        assertEquals(2, late.getLong("abandoned"), "video downloads abandoned for a lower rendition");
        assertEquals(new JsonObject().put("360p", 8L).put("720p", 90L), qoe.getJsonObject("timeAtRenditionSeconds"));
    }

    @Test
    void requestsAreSummarisedForEveryKindWithRawAndCorrectedLatency() {
        JsonObject requests = json.getJsonObject("requests");
        assertEquals(Set.of("multivariant", "media_playlist", "mpd", "init", "segment", "time"),
                requests.fieldNames());

        JsonObject segment = requests.getJsonObject("segment");
        assertEquals(100, segment.getLong("count"));
        assertEquals(1, segment.getLong("errors"));
        assertEquals(25_000_000, segment.getLong("bytes"));
        JsonObject latency = segment.getJsonObject("latencyMs");
        assertEquals(Set.copyOf(PERCENTILES), latency.fieldNames());
        assertEquals(List.of(50L, 95L, 99L, 100L), values(latency));
        JsonObject corrected = segment.getJsonObject("latencyCorrectedMs");
        assertEquals(List.of(51L, 96L, 100L, 350L), values(corrected), "the 50 ms request was 300 ms late");

        assertEquals(1, requests.getJsonObject("multivariant").getLong("count"));
        assertEquals(0, requests.getJsonObject("mpd").getLong("count"));
        assertEquals(0, requests.getJsonObject("mpd").getJsonObject("latencyMs").getLong("p99"));
    }

    @Test
    void scheduleSkewCoversEveryRequest() {
        JsonObject skew = json.getJsonObject("scheduleSkewMs");
        assertEquals(Set.copyOf(PERCENTILES), skew.fieldNames());
        assertEquals(List.of(0L, 0L, 0L, 300L), values(skew));
    }

    @Test
    void topLevelFieldsComeInTheirOrder() {
        assertEquals(List.of("schemaVersion", "runId", "target", "format", "startedAt", "endedAt", "durationSeconds", "abr",
                "network", "injection", "players", "qoe", "requests", "scheduleSkewMs"), List.copyOf(json.fieldNames()));
        assertEquals(List.of("multivariant", "media_playlist", "mpd", "init", "segment", "time"),
                List.copyOf(json.getJsonObject("requests").fieldNames()));
    }

    @Test
    void writtenSummaryIsPrettyPrintedAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("summary.json");
        RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).write(file);

        assertTrue(Files.readString(file).contains("\n  \"players\" : {"), "pretty-printed");
        assertEquals(json, new JsonObject(Files.readString(file)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    private static List<Long> lowTail(JsonObject distribution) {
        return LOW_TAIL.stream().map(distribution::getLong).toList();
    }

    private static List<Long> values(JsonObject percentiles) {
        return PERCENTILES.stream().map(percentiles::getLong).toList();
    }

    /** Equal within HdrHistogram's precision of three significant digits. */
    private static void assertNear(double expected, JsonObject distribution, String statistic) {
        double actual = distribution.getDouble(statistic);
        assertEquals(expected, actual, Math.abs(expected) * 1e-3, statistic + " of " + distribution);
    }
}
