package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private final String table = SummaryTable.render(RunSummary.of(SampleRun.metadata(), SampleRun.qoe()));
    private final List<String> lines = table.lines().toList();

    @Test
    void showsTheRunAndItsPlayers() {
        assertTrue(table.contains("run        20250304-050607-LivePlayersSimulation"), table);
        assertTrue(table.contains("target     http://127.0.0.1:8081/live/demo/master.m3u8"), table);
        assertTrue(table.contains("duration 300.5 s"), table);
        List<String> normalised = lines.stream().map(SummaryTableTest::normalised).toList();
        int players = normalised.indexOf("players requested joined started failed to start playback failed");
        assertTrue(players >= 0, table);
        assertEquals("5 4 3 1 1", normalised.get(players + 1));
    }

    @Test
    void showsEachQoeMetricWithItsUnitAndPercentiles() {
        assertEquals("video start time ms 2,000 3,001 3,001 3,001 3", row("video start time"));
        assertEquals("rebuffering ratio % 0.00 5.00 5.00 5.00 3", row("rebuffering ratio"));
        assertEquals("average bitrate kb/s 2,801 2,801 2,801 2,801 3", row("average bitrate"));
        assertEquals("bitrate switches count 0 3 3 3 3", row("bitrate switches"));
        assertEquals("live latency ms 4,503 4,951 4,991 5,003 100", row("live latency"));
        assertEquals("aggregate rebuffering ratio 2.00 % late segments 3 of 52 (5.77 %) abandoned 2", row("aggregate"));
        assertEquals("720p 90.0 91.84", row("720p"));
        assertEquals("360p 8.0 8.16", row("360p"));
    }

    @Test
    void showsTheLowTailOfAverageBitrateUnderItsOwnHeading() {
        assertEquals("low tail (more is better) unit min p1 p5 p10 p50", row("low tail"));
        assertEquals("average bitrate (low tail) kb/s 2,000 2,000 2,000 2,000 2,801", row("average bitrate (low tail)"));
        assertEquals(1, lines.stream().filter(line -> line.contains("(low tail)")).count(),
                "lower-is-better metrics have no low-tail row");
    }

    @Test
    void summaryWithoutTheLowTailSaysItIsUnknown() {
        JsonObject old = RunSummary.of(SampleRun.metadata("old", "http://x/master.m3u8"), SampleRun.qoe()).toJson();
        JsonObject bitrate = old.getJsonObject("qoe").getJsonObject("avgBitrateKbps");
        List.of("min", "p1", "p5", "p10").forEach(bitrate::remove);

        String rendered = SummaryTable.render(RunSummary.fromJson(old));

        assertTrue(rendered.contains("\naverage bitrate (low tail) kb/s   unknown: this summary.json predates the low tail\n"),
                rendered);
    }

    @Test
    void showsRequestsThatWereMadeWithErrorsAndLatency() {
        assertEquals("segment 100 1 1.00 25.0 50 99 100", row("segment"));
        assertEquals("multivariant 1 0 0.00 0.0 12 12 12", row("multivariant"));
        assertFalse(table.contains("mpd"), "kinds without requests are left out");
        assertEquals("schedule skew ms p50 0 p95 0 p99 0 max 300", row("schedule skew"));
    }

    @Test
    void showsWhatThePipelinesStagesSpentAndTheLoopMostBehind() {
        JsonObject pipeline = new JsonObject().put("availableProcessors", 2).put("encoderSpeedRatio", 3.25).put("originEgressMbps", 12.34)
                .put("cpuCores", new JsonObject().put("process", 1.4))
                .put("eventLoopDelayMs", new JsonObject()
                        .put("origin", new JsonObject().put("p50", 0.1).put("p99", 2.0).put("max", 9.0))
                        .put("edge-1", new JsonObject().put("p50", 0.2).put("p99", 41.5).put("max", 120.0)));
        String rendered = SummaryTable.render(RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).withSection("pipeline", pipeline));
        List<String> out = rendered.lines().map(SummaryTableTest::normalised).toList();
        assertTrue(out.contains("pipeline encoder 3.25x real time (slowest rung) CPU 1.40 of 2 cores origin egress 12.3 Mb/s"),
                rendered);
        assertTrue(out.contains("event-loop delay p99 41.5 ms, max 120.0 ms (edge-1, the most behind of 2 loops)"), rendered);
        assertFalse(table.contains("pipeline "), "no line without the section (load against a URL)");
    }

    static JsonObject cmcd() {
        return new JsonObject()
                .put("edge", new JsonObject().put("requests", 1234).put("malformed", 2).put("sessions", 50).put("startupRequests", 300)
                        .put("bufferStarvationReports", 12).put("lowBufferRequests", 40).put("videoBitrateKbpsMean", 2650.4)
                        .put("bufferLengthMsMean", 6240.0))
                .put("players", new JsonObject().put("joined", 50).put("stalls", 14).put("avgBitrateKbpsMean", 2620.0));
    }

    @Test
    void showsWhatTheEdgeReadFromCmcdNextToWhatThePlayersLivedThrough() {
        String rendered = SummaryTable.render(RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).withSection("cmcd", cmcd()));
        List<String> out = rendered.lines().map(SummaryTableTest::normalised).toList();
        assertTrue(out.contains("cmcd 50 sessions (50 players joined), 12 buffer-starvation reports (14 stalls)"), rendered);
        assertTrue(out.contains("declared bitrate 2,650 kb/s (2,620 played), buffer mean 6.2 s, 40 requests under 2 s"), rendered);
        assertTrue(out.contains("1,234 requests with CMCD, 2 malformed"), rendered);
        for (String line : rendered.lines().toList()) {
            assertTrue(line.length() <= SummaryTable.WIDTH, line);
        }
    }

    @Test
    void noLineIsWiderThanOneHundredColumns() {
        RunSummary summary = RunSummary.of(SampleRun.metadata("run", "https://cdn.example.com/" + "x".repeat(200)),
                SampleRun.qoe());

        String longTarget = SummaryTable.render(summary);

        for (String line : longTarget.lines().toList()) {
            assertTrue(line.length() <= SummaryTable.WIDTH, line.length() + ": " + line);
        }
        assertTrue(longTarget.contains("target     https://cdn.example.com/xxx"));
        assertTrue(longTarget.contains("xxx...\n"));
    }

    @Test
    void edgeLineShowsTheOffload() {
        RunSummary.Edge edge = new RunSummary.Edge("cdn-live", 2, 0.9, 1.25, 10, 8, List.of(), Optional.empty());

        String withEdge = SummaryTable.render(RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).withEdge(edge));

        assertTrue(withEdge.endsWith("\nedge       cdn-live x2   hit ratio 90.00 %   origin requests per segment 1.25 (10 / 8)\n"),
                withEdge);
        assertFalse(table.contains("edge "), "no edge line without edges");
    }

    @Test
    void summaryOfAnOlderWriterStillRenders() {
        // Before hls.js's emergency switch-down was modelled, lateSegments had no 'abandoned'.
        JsonObject old = RunSummary.of(SampleRun.metadata("old", "http://x/master.m3u8"), SampleRun.qoe()).toJson();
        old.getJsonObject("qoe").getJsonObject("lateSegments").remove("abandoned");

        String rendered = SummaryTable.render(RunSummary.fromJson(old));

        assertTrue(rendered.contains("run        old"), rendered);
        assertTrue(rendered.contains("abandoned 0"), rendered);
    }

    /** The line that starts with {@code prefix}, its columns separated by single spaces. */
    private String row(String prefix) {
        return lines.stream()
                .map(SummaryTableTest::normalised)
                .filter(line -> line.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with " + prefix + " in\n" + table));
    }

    private static String normalised(String line) {
        return line.trim().replaceAll("\\s+", " ");
    }
}
