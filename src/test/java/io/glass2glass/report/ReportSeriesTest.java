package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.report.ReportCharts.EdgeDelta;
import io.glass2glass.report.ReportCharts.EdgeInterval;
import io.glass2glass.report.RunSeries.Interval;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's series, without a browser: what the charts draw is what the run recorded. */
class ReportSeriesTest {

    @TempDir
    Path dir;

    @Test
    void perIntervalCountsFromAnIntervalLogAreWhatWasRecorded() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("run"), 60, 5_000, 30, true);

        RunSeries series = RunSeries.read(run.dir, 0);

        assertEquals(RunFolderFixture.START, series.startMillis());
        for (ObjectKind kind : List.of(ObjectKind.SEGMENT, ObjectKind.MEDIA_PLAYLIST, ObjectKind.MULTIVARIANT)) {
            List<Interval> intervals = series.intervals(QoeRecorders.requestLatencyMetric(kind));
            assertEquals(run.requestsPerInterval.size(), intervals.size(), kind.label());
            for (int i = 0; i < intervals.size(); i++) {
                assertEquals(run.requestsPerInterval.get(i).get(kind), intervals.get(i).count(), kind.label() + " interval " + i);
                assertEquals(RunFolderFixture.START + (i + 1) * 5_000L, intervals.get(i).endMillis());
            }
        }
        // The whole run's distribution is every interval added together: as many values as the summary counted.
        RunSummary summary = RunSummary.read(run.dir.resolve("summary.json"));
        List<double[]> startup = series.percentiles(QoeRecorders.STARTUP_MS);
        assertEquals(100.0, startup.get(startup.size() - 1)[0], 1e-9);
        assertEquals(summary.qoe().startupMs().max(), startup.get(startup.size() - 1)[1], summary.qoe().startupMs().max() / 500);
        org.HdrHistogram.Histogram total = (org.HdrHistogram.Histogram) series.totals().get(QoeRecorders.STARTUP_MS);
        assertEquals(summary.qoe().startupMs().count(), total.getTotalCount());
    }

    @Test
    void requestRatesAreCountsOverTheIntervalLength() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("run"), 30, 5_000, 20, true);
        RunSummary summary = RunSummary.read(run.dir.resolve("summary.json"));

        JsonObject charts = ReportCharts.build(summary, RunSeries.read(run.dir, 0));

        JsonObject requests = chart(charts, "requests");
        JsonObject segment = series(requests, "segment");
        for (int i = 0; i < run.requestsPerInterval.size(); i++) {
            assertEquals(run.requestsPerInterval.get(i).get(ObjectKind.SEGMENT) / 5.0, segment.getJsonArray("values").getDouble(i), 1e-9);
        }
        assertEquals(5.0, requests.getJsonArray("x").getDouble(0), "x: seconds since the start, at the interval's end");
    }

    @Test
    void edgeTimelineCountersBecomeDifferencesPerInterval() {
        List<JsonObject> lines = List.of(
                edgeLine(1_000, 100, 90, 10, 1_000, 9_000),
                edgeLine(2_000, 250, 235, 15, 1_500, 20_000),
                edgeLine(3_000, 40, 30, 10, 900, 4_000)); // the edge restarted: its counters start again

        List<EdgeInterval> intervals = ReportCharts.edgeIntervals(lines);

        assertEquals(new EdgeDelta(100, 90, 10, 1_000, 9_000, 1.0), intervals.get(0).tiers().get("edge-1"));
        assertEquals(new EdgeDelta(150, 145, 5, 500, 11_000, 1.0), intervals.get(1).tiers().get("edge-1"));
        assertEquals(new EdgeDelta(40, 30, 10, 900, 4_000, 1.0), intervals.get(2).tiers().get("edge-1"));
        assertEquals(new EdgeDelta(10, 0, 10, 1_000, 1_000, 1.0), intervals.get(0).tiers().get("shield"));
    }

    @Test
    void edgeChartsShowHitRatioAndRatesPerTier() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("run"), 30, 5_000, 20, true);
        JsonObject charts = ReportCharts.build(RunSummary.read(run.dir.resolve("summary.json")), RunSeries.read(run.dir, 0));

        JsonArray hit = series(chart(charts, "edge-hit"), "edge-1").getJsonArray("values");
        assertEquals(6, hit.size());
        for (int i = 0; i < hit.size(); i++) {
            assertTrue(hit.getDouble(i) > 80 && hit.getDouble(i) <= 100, "hit % " + hit.getDouble(i));
        }
        assertTrue(series(chart(charts, "edge-egress"), "edge-1 to players").getJsonArray("values").getDouble(5) > 0);
    }

    @Test
    void eventMarkersAreAtTheEventsTimes() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("run"), 60, 1_000, 10, true);

        JsonObject charts = ReportCharts.build(RunSummary.read(run.dir.resolve("summary.json")), RunSeries.read(run.dir, 0));

        JsonArray events = charts.getJsonArray("events");
        assertEquals(5, events.size());
        JsonObject outage = events.stream().map(JsonObject.class::cast).filter(e -> e.getString("label").equals("origin-outage"))
                .findFirst().orElseThrow();
        assertEquals((run.eventMillis("origin-outage") - RunFolderFixture.START) / 1000.0, outage.getDouble("t"), 1e-9);
        assertEquals(24.0 + 6.0, outage.getDouble("until"), 1e-9);
        assertEquals(0.1, events.getJsonObject(0).getDouble("t"), 1e-9, "sorted by time: stream-live first");
    }

    @Test
    void stallsShowWhereTheOutageWas() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("run"), 50, 5_000, 30, true);
        JsonObject charts = ReportCharts.build(RunSummary.read(run.dir.resolve("summary.json")), RunSeries.read(run.dir, 0));

        JsonObject stalls = chart(charts, "stalls");
        JsonArray seconds = series(stalls, "seconds stalled").getJsonArray("values");
        JsonArray x = stalls.getJsonArray("x");
        for (int i = 0; i < x.size(); i++) {
            boolean inOutage = x.getDouble(i) > 20 && x.getDouble(i) <= 25;
            assertEquals(inOutage, seconds.getDouble(i) > 0, "interval ending at " + x.getDouble(i));
        }
    }

    @Test
    void percentileAxisIsOneOverOneMinusP() {
        assertEquals(0, ReportCharts.nines(0), 1e-9);
        assertEquals(1, ReportCharts.nines(90), 1e-9);
        assertEquals(3, ReportCharts.nines(99.9), 1e-9);
        assertEquals(ReportCharts.MAX_NINES, ReportCharts.nines(100), 1e-9);
    }

    @Test
    void hostileStringsCannotLeaveThePage() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("run"), 20, 5_000, 5, true);
        RunSummary summary = RunSummary.read(run.dir.resolve("summary.json"));
        RunMetadata m = summary.run();
        String hostile = "http://x/\"'></script><script>alert(1)</script><!--";
        RunSummary.fromJson(summary.toJson().put("target", hostile)).write(run.dir.resolve("summary.json"));
        Files.writeString(run.dir.resolve(RunSeries.EVENTS), new JsonObject().put("t", RunFolderFixture.START + 1_000)
                .put("type", "</script><img src=x onerror=alert(2)>").put("source", "'\"").put("detail", "\u2028</SCRIPT >&amp;")
                .encode() + "\n{not json\n", StandardCharsets.UTF_8);

        String page = Files.readString(HtmlReport.render(run.dir));

        assertEquals(3, count(page, "<script"), "uPlot, the data and the page's own script only");
        assertEquals(3, count(page.toLowerCase(), "</script"), "no string ends a script element");
        assertFalse(page.contains("<img"));
        assertFalse(page.contains("<!--"));
        assertTrue(page.contains("http://x/&quot;&#39;&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--"), "escaped");
        assertTrue(page.contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(2)\\u003e"), "escaped in the chart data");
        assertTrue(page.contains("events.jsonl: 1 line(s) could not be parsed"), "a bad line is said once");
        assertEquals(m.runId(), RunSummary.read(run.dir.resolve("summary.json")).run().runId());
    }

    @Test
    void anOlderRunFolderRendersFromItsIntervalLogsAndSaysWhatIsMissing() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("old"), 30, 5_000, 10, false);

        String page = Files.readString(HtmlReport.render(run.dir));

        assertTrue(page.contains("This run did not record: players over time"), page);
        assertTrue(page.contains("edge hit ratio, origin requests and egress over time (no edge/timeline.jsonl)"));
        assertTrue(page.contains("No events.jsonl: no event markers."));
        JsonObject data = new JsonObject((between(page, "<script type=\"application/json\" id=\"g2g-data\">", "</script>")));
        List<String> ids = data.getJsonArray("charts").stream().map(c -> ((JsonObject) c).getString("id")).toList();
        assertEquals(List.of("startup", "latency", "requests", "request-latency", "skew"), ids);
        assertEquals(4, data.getJsonArray("distributions").size());
    }

    @Test
    void edgeSectionIsATablePerTierAndClassNotAKeyDump() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("run"), 20, 5_000, 5, true);

        String page = Files.readString(HtmlReport.render(run.dir));

        assertTrue(page.contains("<h3>tier edge-1</h3>"), page);
        assertTrue(page.contains("<th class=\"n\">offload %</th>"));
        assertTrue(page.contains("<tr><td>segment</td>"));
        assertTrue(page.contains("<tr><td>all</td>"));
        assertFalse(page.contains("tiers[0]"), "no raw keys");
        assertFalse(page.contains("classes."), "no raw keys");
        assertTrue(page.contains("Load generator</th><td>2 cores, max heap 2,048 MiB"), "harness parameters at the top");
    }

    static JsonObject chart(JsonObject charts, String id) {
        return charts.getJsonArray("charts").stream().map(JsonObject.class::cast).filter(c -> c.getString("id").equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no chart " + id + " in " + charts.getJsonArray("charts").size()));
    }

    static JsonObject series(JsonObject chart, String label) {
        return chart.getJsonArray("series").stream().map(JsonObject.class::cast).filter(s -> s.getString("label").equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + label + " in " + chart.getString("id")));
    }

    private static JsonObject edgeLine(long t, long requests, long cached, long origin, long originBytes, long served) {
        return new JsonObject().put("t", t).put("intervalMs", 1_000)
                .put("tiers", new JsonArray().add(new JsonObject().put("edge", "edge-1").put("requests", requests)
                        .put("servedFromCache", cached).put("originRequests", origin).put("originBytes", originBytes)
                        .put("bytesServed", served)))
                .put("shield", new JsonObject().put("edge", "shield").put("requests", origin * t / 1_000).put("servedFromCache", 0)
                        .put("originRequests", origin * t / 1_000).put("originBytes", 1_000 * t / 1_000).put("bytesServed", 1_000 * t / 1_000));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from) + from.length();
        return text.substring(start, text.indexOf(to, start));
    }
}
