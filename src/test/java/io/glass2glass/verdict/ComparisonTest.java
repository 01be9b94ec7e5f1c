package io.glass2glass.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.report.RunMetadata;
import io.glass2glass.report.RunSummary;
import io.glass2glass.verdict.Comparison.Figure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    /** A run behind one edge of {@code profile}: {@code perSegment} origin requests per segment, start-up {@code startup} ms. */
    static RunSummary run(String id, String profile, double perSegment, long originBytes, long startup) {
        QoeRecorders recorders = new QoeRecorders();
        recorders.playerStarted();
        recorders.recordPlayer(new PlayerQoe("p", "cable", "throughput", true, false, false, startup, 0, 0, 60_000, 2_800, 0,
                Map.of("720p", 60_000L), 0, 30));
        JsonObject total = new JsonObject().put("requests", 100).put("hits", 90).put("misses", 10).put("collapsed", 0)
                .put("staleServed", 0).put("revalidations", 0).put("passes", 0).put("evictions", 0).put("originRequests", 10)
                .put("originBytes", originBytes).put("bytesServed", 10_000_000L).put("distinctKeys", 10);
        JsonObject edge = new JsonObject().put("profile", profile).put("edges", 1).put("hitRatio", 0.9)
                .put("originRequestsPerSegment", perSegment).put("originSegmentRequests", 30L).put("distinctSegments", 30L)
                .put("tiers", new JsonArray().add(new JsonObject().put("edge", "edge-1").put("profile", profile)
                        .put("storedBytes", 0).put("storedObjects", 0).put("hitRatio", 0.9).put("total", total)
                        .put("classes", new JsonObject())));
        RunMetadata meta = new RunMetadata(id, "http://127.0.0.1:1/live/demo/master.m3u8", "hls", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60), 1, "throughput", "cable", "1 player");
        return RunSummary.of(meta, recorders.summary()).withEdge(RunSummary.Edge.fromJson(edge));
    }

    private static Figure figure(String name) {
        return Comparison.FIGURES.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void runsAreGroupedByEdgeProfileWithMedianSpreadAndDeltaToTheFirst() {
        Comparison c = Comparison.of(List.of(
                run("a1", "cdn-live", 1.0, 1_000_000, 500), run("a2", "cdn-live", 1.0, 1_200_000, 700),
                run("b1", "no-collapse", 1.5, 2_000_000, 600), run("b2", "no-collapse", 2.5, 2_000_000, 600),
                run("b3", "no-collapse", 2.0, 2_000_000, 600)));
        assertEquals(List.of("cdn-live", "no-collapse"), c.configurations());
        Comparison.Cell perSegment = c.cell(figure("origin requests per segment"), "no-collapse");
        assertEquals(2.0, perSegment.median().orElseThrow());
        assertEquals(1.0, perSegment.spread());
        assertEquals(3, perSegment.runs());
        assertEquals(1.0, c.delta(figure("origin requests per segment"), "no-collapse").orElseThrow(), 1e-9, "twice the reference");
        assertEquals(1.1, c.cell(figure("origin egress"), "cdn-live").median().orElseThrow(), 1e-9, "MB, median of two");
        assertEquals(89.0, c.cell(figure("offload"), "cdn-live").median().orElseThrow(), 1e-9, "1 - 1.1 MB / 10 MB");
        assertEquals("2.00 ±0.50 (+100.0 %)", c.text(figure("origin requests per segment"), "no-collapse", true));
        String table = c.table();
        assertTrue(table.contains("cdn-live (2 runs)") && table.contains("no-collapse (3 runs)"), table);
    }

    @Test
    void thePageMarksWhatGotWorseAndLinksEveryRun() {
        Comparison c = Comparison.of(List.of(run("a", "cdn-live", 1.0, 1_000_000, 500), run("b", "short-ttl", 1.3, 1_500_000, 500)));
        String page = ComparisonPage.render(c, Map.of("cdn-live", List.of("a"), "short-ttl", List.of("b")));
        assertTrue(page.contains("<td class=\"n worse\">1.30 (+30.0 %)</td>"), page);
        assertTrue(page.contains("<a href=\"b/index.html\">b</a>"), page);
        assertTrue(page.matches("(?s).*<tr><td>average bitrate p50 <span class=\"note\">kb/s</span></td><td class=\"n\">2,8\\d\\d</td><td class=\"n\">2,8\\d\\d \\(\\+0.0 %\\)</td></tr>.*"), "an unchanged figure is not marked: " + page);
    }

    @Test
    void runsWithTheSameProfileAreComparedRunByRun() {
        Comparison c = Comparison.of(List.of(run("monday", "cdn-live", 1.0, 1, 500), run("tuesday", "cdn-live", 1.0, 1, 900)));
        assertEquals(List.of("monday", "tuesday"), c.configurations());
        assertEquals(0.8, c.delta(figure("video start time p50"), "tuesday").orElseThrow(), 0.01);
    }
}
