package io.glass2glass.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.report.RunSeries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison page's overlaid time series, from run folders' timelines. */
class ComparisonSeriesTest {

    @TempDir
    Path dir;

    /** A run of four 5-s intervals whose edge sends {@code originPerInterval} requests upstream each interval. */
    private RunSeries run(String name, int originPerInterval, int stalledAt3) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(run.resolve("edge"));
        Files.createDirectories(run.resolve("qoe"));
        long t0 = 1_800_000_000_000L;
        List<String> edge = new ArrayList<>();
        List<String> qoe = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            long t = t0 + i * 5_000L;
            edge.add(new JsonObject().put("t", t).put("intervalMs", 5000).put("tiers", new JsonArray().add(new JsonObject()
                    .put("edge", "edge-1").put("requests", 100L * i).put("servedFromCache", 100L * i - originPerInterval * i)
                    .put("originRequests", (long) originPerInterval * i))).encode());
            qoe.add(new JsonObject().put("t", t - 5_000).put("intervalMs", 5000)
                    .put("players", new JsonObject().put("active", 10).put("stalled", i == 3 ? stalledAt3 : 0))
                    .put("liveLatencyMs", new JsonObject().put("p50", 8000).put("p95", 9000 + 100 * i)).encode());
        }
        Files.write(run.resolve("edge/timeline.jsonl"), edge);
        Files.write(run.resolve("qoe/timeline.jsonl"), qoe);
        return RunSeries.read(run, t0);
    }

    @Test
    void originRequestsAreEachIntervalsChangeOfTheCumulativeCountersPerSecond() throws Exception {
        List<double[]> points = ComparisonSeries.points("origin-requests", run("a", 10, 0));
        assertEquals(4, points.size());
        assertEquals(2.0, points.get(0)[1], 1e-9, "10 requests over 5 s");
        assertEquals(2.0, points.get(3)[1], 1e-9, "the change, not the running total");
        List<double[]> hits = ComparisonSeries.points("hit-ratio", run("b", 25, 0));
        assertEquals(75.0, hits.get(2)[1], 1e-9);
    }

    @Test
    void eachChartOverlaysOneLinePerConfigurationInItsOwnColour() throws Exception {
        Map<String, RunSeries> series = new LinkedHashMap<>();
        series.put("cdn-live", run("c1", 5, 0));
        series.put("short-ttl", run("c2", 40, 3));
        String html = ComparisonSeries.render(series);
        for (ComparisonSeries.Chart c : ComparisonSeries.CHARTS) {
            int at = html.indexOf("id=\"series-" + c.id() + "\"");
            assertTrue(at >= 0, c.id() + " in " + html);
            String chart = html.substring(at, html.indexOf("</figure>", at));
            assertTrue(chart.contains("data-configuration=\"cdn-live\" data-points=\"4\""), chart);
            assertTrue(chart.contains("data-configuration=\"short-ttl\" data-points=\"4\""), chart);
            assertTrue(chart.contains("stroke=\"" + ComparisonSeries.COLOURS[1] + "\""), chart);
        }
        assertTrue(html.contains("&#9644; short-ttl"), "a legend names each configuration");
    }

    @Test
    void runsWithoutTimelinesDrawNoCharts() throws Exception {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        assertEquals("", ComparisonSeries.render(Map.of("x", RunSeries.read(bare, 0))));
    }
}
