package io.glass2glass.report;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.report.RunSeries.Event;
import io.glass2glass.report.RunSeries.Interval;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The report's charts as data for the page's script: each chart a shared x (seconds since the run's
 * start, at each interval's end) and its series, computed here so they are tested without a browser.
 * Time charts come from the interval logs and the timelines; distribution charts put the percentile
 * on a "1 / (1 - p)" axis ({@code x = log10(1 / (1 - p))}: 0 is p0, 1 is 90 %, 2 is 99 %, ...).
 */
final class ReportCharts {

    /** Percentiles past 99.9999 % are drawn at 99.9999 %: the axis is finite. */
    static final double MAX_NINES = 6;
    /** Percentile plot resolution: 20 points per nine. */
    static final double NINES_STEP = 0.05;

    private final RunSummary summary;
    private final RunSeries series;
    private final JsonArray charts = new JsonArray();
    private final JsonArray distributions = new JsonArray();
    private final List<String> missing = new ArrayList<>();
    private double xMax;

    private ReportCharts(RunSummary summary, RunSeries series) {
        this.summary = summary;
        this.series = series;
    }

    /** {@code {t0, xMax, events, charts, distributions, missing}}; {@code charts} empty when the run has no series. */
    static JsonObject build(RunSummary summary, RunSeries series) {
        ReportCharts c = new ReportCharts(summary, series);
        c.players();
        c.hlogPercentiles("startup", "Video start time (of players that started in the interval)",
                QoeRecorders.STARTUP_MS, "ms", true, false);
        c.hlogPercentiles("latency", "Live latency", QoeRecorders.LIVE_LATENCY_MS, "ms", true, true);
        c.stalls();
        c.renditions();
        c.requests();
        c.errors();
        c.edge();
        c.hlogPercentiles("skew", "Schedule skew (how late players acted)", QoeRecorders.SCHEDULE_SKEW_MS, "ms", false, true);
        c.loadGenerator();
        c.distribution("dist-startup", "Video start time", QoeRecorders.STARTUP_MS, "ms", 1);
        c.distribution("dist-rebuffer", "Rebuffering ratio", QoeRecorders.REBUFFER_RATIO, "%", 100);
        c.distribution("dist-latency", "Live latency (samples)", QoeRecorders.LIVE_LATENCY_MS, "ms", 1);
        c.distribution("dist-bitrate", "Average bitrate", QoeRecorders.AVG_BITRATE_KBPS, "kb/s", 1);
        JsonArray events = new JsonArray();
        for (Event e : series.events()) {
            JsonObject marker = new JsonObject().put("t", c.x(e.millis())).put("label", e.type());
            e.untilMillis().ifPresent(until -> marker.put("until", c.x(until)));
            events.add(marker);
        }
        return new JsonObject().put("xMax", round(c.xMax)).put("events", events).put("charts", c.charts)
                .put("distributions", c.distributions).put("missing", new JsonArray(c.missing));
    }

    /** Seconds since the run's start, to a tenth. */
    double x(long epochMillis) {
        double x = Math.round((epochMillis - series.startMillis()) / 100.0) / 10.0;
        xMax = Math.max(xMax, x);
        return x;
    }

    private void players() {
        List<JsonObject> lines = series.qoeTimeline();
        if (lines.isEmpty()) {
            missing.add("players over time (active, joins, start-ups, failures)");
            missing.add("stalls begun, seconds stalled and share of players stalled");
            missing.add("share of players per rendition and switch rate");
            missing.add("errors per request kind and status");
            return;
        }
        Chart chart = new Chart("players", "Players", "players", timelineX(lines));
        chart.series("active", "players", values(lines, l -> num(l, "players", "active")));
        chart.series("joined", "per interval", values(lines, l -> num(l, "players", "joined")));
        chart.series("started", "per interval", values(lines, l -> num(l, "players", "started")));
        chart.series("failed to start", "per interval", values(lines, l -> num(l, "players", "failedToStart")));
        chart.series("playback failed", "per interval", values(lines, l -> num(l, "players", "playbackFailed")));
        charts.add(chart.json);
    }

    private void stalls() {
        List<JsonObject> lines = series.qoeTimeline();
        if (lines.isEmpty()) {
            return;
        }
        Chart chart = new Chart("stalls", "Rebuffering (per interval)", "stalls · s stalled", timelineX(lines));
        chart.json.put("y2Label", "% of watching players");
        chart.series("stalls begun", "per interval", values(lines, l -> num(l, "stalls", "begun")));
        chart.series("seconds stalled", "s", values(lines, l -> num(l, "stalls", "seconds")));
        chart.series("players stalled now", "%", values(lines, l -> {
            double stalled = num(l, "players", "stalled");
            double watching = stalled + num(l, "players", "playing");
            return watching == 0 ? 0 : 100 * stalled / watching;
        })).put("axis", "y2");
        charts.add(chart.json);
    }

    private void renditions() {
        List<JsonObject> lines = series.qoeTimeline();
        if (lines.isEmpty()) {
            return;
        }
        // Most played first (the summary's order), then any the summary does not name.
        Set<String> ids = new LinkedHashSet<>();
        SummaryValues.renditionSeconds(summary.qoe()).forEach(e -> ids.add(e.getKey()));
        for (JsonObject l : lines) {
            JsonObject r = l.getJsonObject("renditions");
            if (r != null) {
                ids.addAll(new TreeMap<>(r.getMap()).keySet());
            }
        }
        Chart shares = new Chart("renditions", "Players per rendition (stacked)", "% of watching players", timelineX(lines));
        shares.json.put("stacked", true);
        for (String id : ids) {
            shares.series(id, "%", values(lines, l -> {
                JsonObject r = l.getJsonObject("renditions");
                if (r == null) {
                    return 0;
                }
                double all = 0;
                for (String key : r.fieldNames()) {
                    all += number(r.getValue(key));
                }
                return all == 0 ? 0 : 100 * number(r.getValue(id)) / all;
            }));
        }
        charts.add(shares.json);
        Chart switches = new Chart("switches", "Rendition switches", "switches/s", timelineX(lines));
        switches.series("switches", "/s", values(lines, l -> number(l.getValue("switches")) / intervalSeconds(l)));
        charts.add(switches.json);
    }

    private void requests() {
        Map<ObjectKind, List<Interval>> byKind = new LinkedHashMap<>();
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            List<Interval> intervals = series.intervals(QoeRecorders.requestLatencyMetric(kind));
            if (intervals.stream().anyMatch(i -> i.count() > 0)) {
                byKind.put(kind, intervals);
            }
        }
        if (byKind.isEmpty()) {
            missing.add("requests per second and latency per kind (no qoe/requestLatencyMs.*.hlog)");
            return;
        }
        List<Interval> first = byKind.values().iterator().next();
        Chart rate = new Chart("requests", "Requests per second by kind", "requests/s", hlogX(first));
        Chart latency = new Chart("request-latency", "Request latency by kind", "ms", hlogX(first));
        byKind.forEach((kind, intervals) -> {
            rate.series(kind.label(), "/s", intervals.stream().map(i -> (Object) round(i.count() / i.seconds())).toList());
            latency.series(kind.label() + " p50", "ms", percentile(intervals, Interval::p50));
            latency.series(kind.label() + " p99", "ms", percentile(intervals, Interval::p99));
        });
        charts.add(rate.json);
        charts.add(latency.json);
    }

    private void errors() {
        List<JsonObject> lines = series.qoeTimeline();
        if (lines.isEmpty()) {
            return;
        }
        // Every (kind, status) that was an error at least once: status 0 (no answer) or >= 400.
        Set<String> keys = new LinkedHashSet<>();
        for (JsonObject l : lines) {
            JsonObject requests = l.getJsonObject("requests", new JsonObject());
            for (String kind : new TreeMap<>(requests.getMap()).keySet()) {
                JsonObject statuses = requests.getJsonObject(kind).getJsonObject("statuses", new JsonObject());
                for (String status : statuses.fieldNames()) {
                    if (isError(status)) {
                        keys.add(kind + " " + status);
                    }
                }
            }
        }
        Chart chart = new Chart("errors", "Request errors by kind and status", "errors per interval", timelineX(lines));
        chart.series("all errors", "per interval", values(lines, l -> {
            double errors = 0;
            JsonObject requests = l.getJsonObject("requests", new JsonObject());
            for (String kind : requests.fieldNames()) {
                errors += number(requests.getJsonObject(kind).getValue("errors"));
            }
            return errors;
        }));
        for (String key : new java.util.TreeSet<>(keys)) {
            String kind = key.substring(0, key.indexOf(' '));
            String status = key.substring(key.indexOf(' ') + 1);
            chart.series(status.equals("0") ? kind + " no answer" : kind + " " + status, "per interval",
                    values(lines, l -> num(l, "requests", kind, "statuses", status)));
        }
        charts.add(chart.json);
    }

    private static boolean isError(String status) {
        try {
            int s = Integer.parseInt(status);
            return s == 0 || s >= 400;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void edge() {
        List<JsonObject> lines = series.edgeTimeline();
        if (lines.isEmpty()) {
            if (summary.edge().isPresent()) {
                missing.add("edge hit ratio, origin requests and egress over time (no " + RunSeries.EDGE_TIMELINE + ")");
            }
            return;
        }
        List<EdgeInterval> intervals = edgeIntervals(lines);
        JsonArray x = new JsonArray();
        intervals.forEach(i -> x.add(x(i.t())));
        Set<String> tiers = new LinkedHashSet<>();
        intervals.forEach(i -> tiers.addAll(i.tiers().keySet()));
        Chart hit = new Chart("edge-hit", "Edge hit ratio", "%", x);
        Chart origin = new Chart("edge-origin", "Origin requests per second, by tier", "requests/s", x);
        Chart egress = new Chart("edge-egress", "Egress per tier", "Mb/s", x);
        for (String tier : tiers) {
            hit.series(tier, "%", edgeValues(intervals, tier, d -> d.requests() == 0 ? null : round(100.0 * d.servedFromCache() / d.requests())));
            origin.series(tier, "/s", edgeValues(intervals, tier, d -> round(d.originRequests() / d.seconds())));
            egress.series(tier + " from origin", "Mb/s", edgeValues(intervals, tier, d -> round(d.originBytes() * 8 / 1e6 / d.seconds())));
            egress.series(tier + " to players", "Mb/s", edgeValues(intervals, tier, d -> round(d.bytesServed() * 8 / 1e6 / d.seconds())));
        }
        charts.add(hit.json);
        charts.add(origin.json);
        charts.add(egress.json);
    }

    /** One tier's counters over one interval: the difference of two cumulative lines. */
    record EdgeDelta(long requests, long servedFromCache, long originRequests, long originBytes, long bytesServed, double seconds) {}

    /** One line of the edge timeline as differences: per tier name (the shield too), what happened in the interval. */
    record EdgeInterval(long t, Map<String, EdgeDelta> tiers) {}

    /**
     * The edge timeline's cumulative counters as per-interval differences; the first line counts from
     * zero (the pipeline's start), and a counter that went down (a restarted edge) counts from zero again.
     */
    static List<EdgeInterval> edgeIntervals(List<JsonObject> lines) {
        List<EdgeInterval> out = new ArrayList<>();
        Map<String, JsonObject> previous = new LinkedHashMap<>();
        long previousT = Long.MIN_VALUE;
        for (JsonObject line : lines) {
            long t = line.getLong("t", 0L);
            double seconds = previousT == Long.MIN_VALUE ? line.getLong("intervalMs", 1000L) / 1000.0 : (t - previousT) / 1000.0;
            seconds = Math.max(seconds, 0.001);
            List<JsonObject> tiers = new ArrayList<>();
            JsonArray array = line.getJsonArray("tiers", new JsonArray());
            for (int i = 0; i < array.size(); i++) {
                tiers.add(array.getJsonObject(i));
            }
            JsonObject shield = line.getJsonObject("shield");
            if (shield != null) {
                tiers.add(shield);
            }
            Map<String, EdgeDelta> deltas = new LinkedHashMap<>();
            for (JsonObject tier : tiers) {
                String name = String.valueOf(tier.getValue("edge", "edge"));
                JsonObject before = previous.getOrDefault(name, new JsonObject());
                deltas.put(name, new EdgeDelta(delta(tier, before, "requests"), delta(tier, before, "servedFromCache"),
                        delta(tier, before, "originRequests"), delta(tier, before, "originBytes"),
                        delta(tier, before, "bytesServed"), seconds));
                previous.put(name, tier);
            }
            out.add(new EdgeInterval(t, deltas));
            previousT = t;
        }
        return out;
    }

    private static long delta(JsonObject now, JsonObject before, String field) {
        long a = (long) number(now.getValue(field));
        long b = (long) number(before.getValue(field));
        return a >= b ? a - b : a;
    }

    private static List<Object> edgeValues(List<EdgeInterval> intervals, String tier,
            java.util.function.Function<EdgeDelta, Object> value) {
        List<Object> out = new ArrayList<>();
        for (EdgeInterval i : intervals) {
            EdgeDelta d = i.tiers().get(tier);
            out.add(d == null ? null : value.apply(d));
        }
        return out;
    }

    /** The players' JVM's own health per interval: time in GC and heap in use (written into qoe/timeline.jsonl). */
    private void loadGenerator() {
        List<JsonObject> lines = series.qoeTimeline().stream().filter(l -> l.getJsonObject("harness") != null).toList();
        if (lines.isEmpty()) {
            return;
        }
        Chart chart = new Chart("harness", "Load generator: GC time and heap", "ms in GC per interval", timelineX(lines));
        chart.json.put("y2Label", "heap used, MiB");
        chart.series("GC time", "ms", values(lines, l -> num(l, "harness", "gcMillis")));
        chart.series("heap used", "MiB", values(lines, l -> num(l, "harness", "heapUsedBytes") / (1 << 20))).put("axis", "y2");
        charts.add(chart.json);
    }

    private void hlogPercentiles(String id, String title, String metric, String unit, boolean p95, boolean p99) {
        List<Interval> intervals = series.intervals(metric);
        if (intervals.isEmpty()) {
            missing.add(title.toLowerCase(java.util.Locale.ROOT) + " (no qoe/" + metric + ".hlog)");
            return;
        }
        Chart chart = new Chart(id, title, unit, hlogX(intervals));
        chart.series("p50", unit, percentile(intervals, Interval::p50));
        if (p95) {
            chart.series("p95", unit, percentile(intervals, Interval::p95));
        }
        chart.series("p99", unit, percentile(intervals, Interval::p99));
        if (!p95) {
            chart.series("max", unit, percentile(intervals, Interval::max));
        }
        charts.add(chart.json);
    }

    /**
     * A percentile plot of every player, and of each cohort of the dimensions that split the audience
     * (more than one value), at the same percentiles so they overlay: 0.05 steps of log10(1/(1-p))
     * from the minimum to the point where the largest group has no finer percentile (log10 of its count).
     */
    private void distribution(String id, String title, String metric, String unit, double scale) {
        long count = series.count(metric, null);
        if (count == 0) {
            return;
        }
        double top = Math.min(MAX_NINES, Math.max(1, Math.ceil(Math.log10(count) * 20) / 20));
        int steps = (int) Math.round(top / NINES_STEP);
        double[] levels = new double[steps + 1];
        JsonArray x = new JsonArray();
        for (int i = 0; i <= steps; i++) {
            double n = round(i * NINES_STEP);
            levels[i] = i == steps && n >= MAX_NINES ? 100 : 100 * (1 - Math.pow(10, -n));
            x.add(n);
        }
        Chart chart = new Chart(id, title + " over the whole run", unit, x);
        chart.json.put("percentile", true);
        chart.series("all players", unit, scaled(series.valuesAt(metric, null, levels).orElseThrow(), scale));
        for (String tag : splittingCohorts(metric)) {
            series.valuesAt(metric, tag, levels).ifPresent(values -> chart.series(tag, unit, scaled(values, scale)));
        }
        distributions.add(chart.json);
    }

    /** The tags of the cohorts in dimensions with more than one value, in the dimensions' order. */
    private List<String> splittingCohorts(String metric) {
        Map<String, List<String>> byDimension = new LinkedHashMap<>();
        for (String tag : series.cohortTotals().getOrDefault(metric, Map.of()).keySet()) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                byDimension.computeIfAbsent(tag.substring(0, eq), d -> new ArrayList<>()).add(tag);
            }
        }
        List<String> tags = new ArrayList<>();
        byDimension.values().stream().filter(t -> t.size() > 1).forEach(tags::addAll);
        return tags;
    }

    private static List<Object> scaled(double[] values, double scale) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(round(v * scale));
        }
        return out;
    }

    /** {@code log10(1 / (1 - p))} for a percentile {@code p} in 0..100, capped at {@link #MAX_NINES}. */
    static double nines(double percentile) {
        double rest = 1 - percentile / 100;
        return rest <= Math.pow(10, -MAX_NINES) ? MAX_NINES : Math.min(MAX_NINES, Math.log10(1 / rest));
    }

    private JsonArray hlogX(List<Interval> intervals) {
        JsonArray x = new JsonArray();
        intervals.forEach(i -> x.add(x(i.endMillis())));
        return x;
    }

    private JsonArray timelineX(List<JsonObject> lines) {
        JsonArray x = new JsonArray();
        lines.forEach(l -> x.add(x(l.getLong("t", 0L))));
        return x;
    }

    /** A percentile per interval; none (a gap) for an interval without values. */
    private static List<Object> percentile(List<Interval> intervals, ToDoubleFunction<Interval> p) {
        return intervals.stream().map(i -> i.count() == 0 ? null : (Object) round(p.applyAsDouble(i))).toList();
    }

    private static List<Object> values(List<JsonObject> lines, ToDoubleFunction<JsonObject> value) {
        return lines.stream().map(l -> (Object) round(value.applyAsDouble(l))).toList();
    }

    private static double intervalSeconds(JsonObject line) {
        return Math.max(1, number(line.getValue("intervalMs"))) / 1000.0;
    }

    /** A number at a path of nested objects, 0 when absent or not a number. */
    static double num(JsonObject line, String... path) {
        Object value = line;
        for (String key : path) {
            if (!(value instanceof JsonObject o)) {
                return 0;
            }
            value = o.getValue(key);
        }
        return number(value);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    /** Three decimals are more than a chart can show, and keep the page small. */
    static double round(double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        return Math.round(value * 1000) / 1000.0;
    }

    /** One chart under construction. */
    private static final class Chart {
        final JsonObject json;
        final JsonArray series = new JsonArray();

        Chart(String id, String title, String yLabel, JsonArray x) {
            json = new JsonObject().put("id", id).put("title", title).put("yLabel", yLabel).put("x", x).put("series", series);
        }

        JsonObject series(String label, String unit, List<Object> values) {
            JsonObject s = new JsonObject().put("label", label).put("unit", unit).put("values", new JsonArray(new ArrayList<>(values)));
            series.add(s);
            return s;
        }
    }
}
