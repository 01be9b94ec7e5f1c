package io.glass2glass.report;

import static io.glass2glass.report.SummaryValues.decimal;
import static io.glass2glass.report.SummaryValues.percent;
import static io.glass2glass.report.SummaryValues.ratio;
import static io.glass2glass.report.SummaryValues.text;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.report.RunSummary.CacheCounters;
import io.glass2glass.report.RunSummary.Cohort;
import io.glass2glass.report.RunSummary.Distribution;
import io.glass2glass.report.RunSummary.Edge;
import io.glass2glass.report.RunSummary.EdgeTier;
import io.glass2glass.report.RunSummary.Harness;
import io.glass2glass.report.RunSummary.LateSegments;
import io.glass2glass.report.RunSummary.Percentiles;
import io.glass2glass.report.RunSummary.Players;
import io.glass2glass.report.RunSummary.Qoe;
import io.glass2glass.report.RunSummary.Requests;
import io.glass2glass.report.SummaryValues.QoeRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The run's {@code index.html}, rendered from the run folder ({@link #render(Path)}, the one entry
 * point of {@code load}, {@code run} and {@code report}): one self-contained page (inline CSS, and
 * uPlot's script inlined from its webjar; nothing fetched from elsewhere) with the run's parameters,
 * the tables of its {@link RunSummary}, charts over time and percentile distributions from
 * {@link RunSeries} (drawn by {@code report.js} from data made by {@link ReportCharts}), the edge's
 * tiers per object class, the run's events, and links to Gatling's report and the interval logs.
 * Every value from the run is HTML-escaped, and the chart data is JSON with {@code <} escaped, so no
 * string can end a script element.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;\
            padding:0 1rem;color:#1f2933;background:#fff}
            h1{font-size:1.5rem;margin-bottom:.25rem}
            h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d9e2ec}
            table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.3rem .7rem;border-bottom:1px solid #e4e7eb;\
            text-align:left;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f5f7fa;font-weight:600}
            .meta th{background:none;color:#52606d;font-weight:500}.note{color:#52606d;font-size:.9rem}
            svg.bar rect.track{fill:#e4e7eb}svg.bar rect.fill{fill:#2f80ed}code{font-size:.9rem}
            figure.chart{margin:1rem 0}figure.chart figcaption{font-weight:600;margin-bottom:.25rem}
            h3{font-size:1rem;margin-top:1.25rem}table.edge{font-size:.85rem}table.edge td,table.edge th{padding:.25rem .45rem}
            """;

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    private final StringBuilder html = new StringBuilder();

    private HtmlReport() {}

    /** Whether {@code dir} looks like a run folder: a directory with a {@code summary.json}. */
    public static boolean isRunFolder(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("summary.json"));
    }

    /**
     * Renders {@code runDir/index.html} from the run folder: its {@code summary.json}, the interval
     * logs under {@code qoe/} and, when the run wrote them, the timelines and {@code events.jsonl};
     * links the Gatling report found in {@code gatling/}.
     *
     * @return the page written
     * @throws IOException naming the file when {@code summary.json} is missing or not a summary
     */
    public static Path render(Path runDir) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        RunSummary summary = RunSummary.read(run.summaryJson());
        RunSeries series = RunSeries.read(runDir, summary.run().startedAt().toEpochMilli());
        String page = render(summary, series, gatlingReport(run), hlogFiles(run));
        Files.writeString(run.indexHtml(), page, StandardCharsets.UTF_8);
        return run.indexHtml();
    }

    /** Renders the page of a summary alone, without time series (no charts, no script). */
    public static String render(RunSummary summary, String gatlingReport, List<String> hlogFiles) {
        return render(summary, RunSeries.none(summary.run().startedAt().toEpochMilli()), gatlingReport, hlogFiles);
    }

    /**
     * Renders the page.
     *
     * @param gatlingReport the Gatling report's path relative to the page, e.g. {@code gatling/index.html}
     * @param hlogFiles     the interval logs' paths relative to the page, e.g. {@code qoe/startupMs.hlog}
     */
    public static String render(RunSummary summary, RunSeries series, String gatlingReport, List<String> hlogFiles) {
        JsonObject charts = ReportCharts.build(summary, series);
        boolean drawn = !charts.getJsonArray("charts").isEmpty() || !charts.getJsonArray("distributions").isEmpty();
        HtmlReport page = new HtmlReport();
        page.head(summary.run(), drawn);
        page.metadata(summary, series);
        page.players(summary.run().playersRequested(), summary.players());
        page.qoe(summary.qoe());
        page.cohorts(summary.cohorts());
        page.charts(series, charts, drawn);
        page.renditions(SummaryValues.renditionSeconds(summary.qoe()));
        page.requests(summary.requests(), summary.scheduleSkewMs());
        summary.edge().ifPresent(page::edge);
        page.events(series);
        if (summary.otherSections().getValue(RunPhases.SECTION) instanceof JsonObject phases && !phases.isEmpty()) {
            page.phases(phases);
        }
        for (Map.Entry<String, Object> other : summary.otherSections()) {
            if (!other.getKey().equals(RunPhases.SECTION)) {
                page.section(other.getKey(), other.getValue());
            }
        }
        page.files(gatlingReport, hlogFiles);
        if (drawn) {
            page.scripts(charts);
        }
        page.raw("</body>\n</html>\n");
        return page.html.toString();
    }

    private void head(RunMetadata run, boolean charts) {
        String runId = text(run.runId());
        raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        raw("<title>glass2glass run ").escaped(runId).raw("</title>\n");
        raw("<style>\n").raw(STYLE).raw("</style>\n");
        if (charts) {
            raw("<style>/* uPlot ").raw(Lazy.ASSETS.version()).raw(", MIT licence, (c) Leon Sorokin, https://github.com/leeoniya/uPlot */\n")
                    .raw(Lazy.ASSETS.css()).raw("\n</style>\n");
        }
        raw("</head>\n<body>\n");
        raw("<h1>glass2glass run <code>").escaped(runId).raw("</code></h1>\n");
        raw("<p class=\"note\">QoE of simulated live players; names follow CTA-2066. Percentiles from HdrHistogram")
                .raw(" (3 significant digits) over the whole run.</p>\n");
    }

    private void metadata(RunSummary summary, RunSeries series) {
        RunMetadata run = summary.run();
        raw("<table class=\"meta\">\n");
        metaRow("Target", text(run.target()));
        metaRow("Format", text(run.format()));
        metaRow("Started", text(run.startedAt()));
        metaRow("Ended", text(run.endedAt()));
        metaRow("Duration", decimal(run.durationSeconds(), 1) + " s");
        metaRow("ABR", text(run.abr()));
        metaRow("Network", text(run.network()));
        metaRow("Injection", text(run.injection()));
        metaRow("Players requested", decimal(run.playersRequested(), 0));
        intervalSeconds(series).ifPresent(seconds -> metaRow("Interval", decimal(seconds, 1) + " s"));
        summary.harness().ifPresent(this::harnessRows);
        Optional.ofNullable(summary.otherSections().getJsonObject("pipeline")).ifPresent(this::pipelineRows);
        Optional.ofNullable(summary.otherSections().getJsonObject("cmcd")).ifPresent(this::cmcdRows);
        summary.edge().ifPresent(edge -> metaRow("Edges", decimal(edge.edges(), 0) + " (profile " + text(edge.profile()) + ")"
                + (edge.shield().isPresent() ? " with a shield" : "")));
        summary.setup().ifPresent(setup -> {
            setup.ladder().ifPresent(ladder -> metaRow("Ladder", ladder));
            metaRow("Versions", "glass2glass " + setup.glass2glass() + ", Gatling " + setup.gatling() + ", " + setup.java());
            metaRow("OS", setup.os());
        });
        raw("</table>\n");
    }

    private void harnessRows(Harness harness) {
        metaRow("Load generator", decimal(harness.availableProcessors(), 0) + " cores, max heap "
                + decimal(harness.maxHeapBytes() / 1048576.0, 0) + " MiB"
                + (Double.isFinite(harness.cpuCores()) ? ", " + decimal(harness.cpuCores(), 2) + " cores busy on average" : ""));
        metaRow("Peak players at once", decimal(harness.peakConcurrentPlayers(), 0) + " (live heap "
                + decimal(harness.peakHeapAfterGcBytes() / 1048576.0, 1) + " MiB, "
                + decimal(harness.heapPerPlayerBytes() / 1024.0, 1) + " KiB per player)");
    }

    /** What the embedded pipeline's stages spent while the players played ({@code run} only). */
    /** What a CDN would read from the players' CMCD, next to what they lived through. */
    private void cmcdRows(JsonObject c) {
        JsonObject edge = c.getJsonObject("edge", new JsonObject());
        JsonObject players = c.getJsonObject("players", new JsonObject());
        metaRow("CMCD at the edge", decimal(edge.getLong("sessions", 0L), 0) + " sessions (" + decimal(players.getLong("joined", 0L), 0)
                + " players joined); " + decimal(edge.getLong("bufferStarvationReports", 0L), 0) + " buffer-starvation reports ("
                + decimal(players.getLong("stalls", 0L), 0) + " stalls); declared video bitrate "
                + (edge.getValue("videoBitrateKbpsMean") instanceof Number n ? decimal(n.doubleValue(), 0) : "–") + " kb/s (played "
                + (players.getValue("avgBitrateKbpsMean") instanceof Number n ? decimal(n.doubleValue(), 0) : "–") + " kb/s); "
                + decimal(edge.getLong("requests", 0L), 0) + " requests with CMCD, " + decimal(edge.getLong("malformed", 0L), 0)
                + " malformed");
    }

    private void pipelineRows(JsonObject p) {
        JsonObject cpu = p.getJsonObject("cpuCores", new JsonObject());
        metaRow("Pipeline", (p.getValue("encoderSpeedRatio") instanceof Number n ? "encoders " + decimal(n.doubleValue(), 2)
                + "× real time (slowest rung), " : "")
                + (cpu.getValue("process") instanceof Number n ? "CPU " + decimal(n.doubleValue(), 2) + " of "
                + decimal(p.getInteger("availableProcessors", 0), 0) + " cores, " : "")
                + "origin egress " + decimal(p.getDouble("originEgressMbps", 0.0), 1) + " Mb/s");
        JsonObject delays = p.getJsonObject("eventLoopDelayMs", new JsonObject());
        List<String> loops = new ArrayList<>();
        for (String stage : delays.fieldNames()) {
            JsonObject d = delays.getJsonObject(stage);
            loops.add(stage + " " + decimal(d.getDouble("p99", 0.0), 1) + " ms (max " + decimal(d.getDouble("max", 0.0), 0) + ")");
        }
        if (!loops.isEmpty()) {
            metaRow("Event-loop delay p99", String.join(", ", loops));
        }
    }

    /** The interval logs' period: the median interval length of the start-up log (or any). */
    private static Optional<Double> intervalSeconds(RunSeries series) {
        List<Double> lengths = new ArrayList<>();
        series.hlogs().values().stream().filter(l -> !l.isEmpty()).findFirst()
                .ifPresent(intervals -> intervals.forEach(i -> lengths.add(i.seconds())));
        if (lengths.isEmpty()) {
            return Optional.empty();
        }
        lengths.sort(Double::compare);
        return Optional.of(lengths.get(lengths.size() / 2));
    }

    private void metaRow(String label, String value) {
        raw("<tr><th scope=\"row\">").escaped(label).raw("</th><td>").escaped(value).raw("</td></tr>\n");
    }

    private void players(long requested, Players players) {
        raw("<h2>Players</h2>\n<table>\n<tr>");
        for (String heading : List.of("requested", "joined", "started", "failed to start", "playback failed")) {
            raw("<th class=\"n\">").escaped(heading).raw("</th>");
        }
        raw("</tr>\n");
        row(decimal(requested, 0), decimal(players.joined(), 0), decimal(players.started(), 0),
                decimal(players.failedToStart(), 0), decimal(players.playbackFailed(), 0));
        raw("</table>\n");
    }

    private void qoe(Qoe qoe) {
        raw("<h2>Quality of experience</h2>\n<table>\n");
        raw("<tr><th>metric</th><th>unit</th>");
        for (String heading : List.of("p50", "p95", "p99", "max", "mean", "count")) {
            raw("<th class=\"n\">").escaped(heading).raw("</th>");
        }
        raw("</tr>\n");
        for (QoeRow row : SummaryValues.QOE_ROWS) {
            Distribution d = row.metric().apply(qoe);
            raw("<tr><td>").escaped(row.name()).raw("</td><td>").escaped(row.unit()).raw("</td>");
            for (double statistic : new double[] {d.p50(), d.p95(), d.p99(), d.max()}) {
                numberCell(row.figure(statistic));
            }
            numberCell(decimal(d.mean() * row.scale(), row.decimals() + 1));
            numberCell(decimal(d.count(), 0));
            raw("</tr>\n");
        }
        lowTail(qoe);
        raw("</table>\n");
        LateSegments late = qoe.lateSegments();
        raw("<p>Aggregate rebuffering ratio (all time stalled over all time watched): <strong>")
                .escaped(percent(qoe.rebufferRatioAggregate())).raw(" %</strong> (")
                .escaped(decimal(qoe.stallSeconds(), 1)).raw(" s of ").escaped(decimal(qoe.watchSeconds(), 1))
                .raw(" s). Late segments (downloaded slower than real time): ")
                .escaped(decimal(late.total(), 0)).raw(" of ").escaped(decimal(late.segmentsDownloaded(), 0))
                .raw(" (").escaped(percent(ratio(late.total(), late.segmentsDownloaded())))
                .raw(" %). Video downloads abandoned for a lower rendition: ").escaped(decimal(late.abandoned(), 0))
                .raw(".</p>\n");
    }

    /**
     * Cohorts: per dimension that splits the audience, a row per value with the figures people compare
     * (start-up, rebuffering, bitrate, latency); dimensions with one value are named in a line.
     */
    private void cohorts(Map<String, Map<String, Cohort>> cohorts) {
        if (cohorts.isEmpty()) {
            return;
        }
        raw("<h2>Cohorts</h2>\n");
        List<String> single = new ArrayList<>();
        cohorts.forEach((dimension, values) -> {
            if (values.size() == 1) {
                single.add(dimension + " " + values.keySet().iterator().next());
            }
        });
        if (!single.isEmpty()) {
            raw("<p class=\"note\">Every player had the same ").escaped(String.join(", ", single))
                    .raw(": those cohorts are the whole run.</p>\n");
        }
        cohorts.forEach((dimension, values) -> {
            if (values.size() < 2) {
                return;
            }
            raw("<table class=\"cohorts\" data-dimension=\"").escaped(dimension).raw("\">\n<tr><th>").escaped(dimension).raw("</th>");
            for (String heading : List.of("players", "started", "failed", "start-up p50 ms", "start-up p95 ms",
                    "rebuffering p95 %", "aggregate rebuffering %", "bitrate p5 kb/s", "bitrate p50 kb/s", "latency p50 ms", "latency p95 ms")) {
                raw("<th class=\"n\">").escaped(heading).raw("</th>");
            }
            raw("</tr>\n");
            values.forEach((value, c) -> {
                Qoe q = c.qoe();
                raw("<tr><td>").escaped(value).raw("</td>");
                numberCell(decimal(c.players().joined(), 0));
                numberCell(decimal(c.players().started(), 0));
                numberCell(decimal(c.players().failedToStart() + c.players().playbackFailed(), 0));
                numberCell(decimal(q.startupMs().p50(), 0));
                numberCell(decimal(q.startupMs().p95(), 0));
                numberCell(decimal(q.rebufferRatio().p95() * 100, 2));
                numberCell(percent(q.rebufferRatioAggregate()));
                numberCell(q.avgBitrateKbps().lowTail().map(low -> decimal(low.p5(), 0)).orElse("-"));
                numberCell(decimal(q.avgBitrateKbps().p50(), 0));
                numberCell(decimal(q.liveLatencyMs().p50(), 0));
                numberCell(decimal(q.liveLatencyMs().p95(), 0));
                raw("</tr>\n");
            });
            raw("</table>\n");
        });
    }

    /** Where more is better the worst players are at the bottom: min and low percentiles, under their own heading. */
    private void lowTail(Qoe qoe) {
        if (SummaryValues.LOW_TAIL_ROWS.isEmpty()) {
            return;
        }
        raw("<tr><th>low tail (more is better)</th><th>unit</th>");
        for (String heading : List.of("min", "p1", "p5", "p10", "p50")) {
            raw("<th class=\"n\">").escaped(heading).raw("</th>");
        }
        raw("<th></th></tr>\n");
        for (QoeRow row : SummaryValues.LOW_TAIL_ROWS) {
            Distribution d = row.metric().apply(qoe);
            raw("<tr><td>").escaped(row.lowTailName()).raw("</td><td>").escaped(row.unit()).raw("</td>");
            d.lowTail().ifPresentOrElse(low -> {
                for (double statistic : new double[] {low.min(), low.p1(), low.p5(), low.p10(), d.p50()}) {
                    numberCell(row.figure(statistic));
                }
                raw("<td></td>");
            }, () -> raw("<td colspan=\"6\" class=\"note\">").escaped(SummaryValues.NO_LOW_TAIL).raw("</td>"));
            raw("</tr>\n");
        }
    }

    private void renditions(List<Map.Entry<String, Double>> secondsPerRendition) {
        raw("<h2>Time at rendition</h2>\n");
        if (secondsPerRendition.isEmpty()) {
            raw("<p class=\"note\">No media played.</p>\n");
            return;
        }
        double total = secondsPerRendition.stream().mapToDouble(Map.Entry::getValue).sum();
        raw("<table>\n");
        headerRow("rendition", "seconds", "share", "");
        for (Map.Entry<String, Double> e : secondsPerRendition) {
            double seconds = e.getValue();
            double share = ratio(seconds, total);
            raw("<tr><td>").escaped(e.getKey()).raw("</td>");
            numberCell(decimal(seconds, 1));
            numberCell(percent(share) + " %");
            raw("<td><svg class=\"bar\" width=\"300\" height=\"14\" role=\"img\" aria-label=\"")
                    .escaped(percent(share)).raw(" %\"><rect class=\"track\" width=\"300\" height=\"14\"/>")
                    .raw("<rect class=\"fill\" width=\"").raw(String.format(Locale.ROOT, "%.1f", 300 * share))
                    .raw("\" height=\"14\"/></svg></td></tr>\n");
        }
        raw("</table>\n");
    }

    private void requests(Map<ObjectKind, Requests> requests, Percentiles skew) {
        raw("<h2>Requests</h2>\n<table>\n");
        headerRow("kind", "count", "errors", "error %", "MB", "p50 ms", "p95 ms", "p99 ms", "max ms",
                "p99 corrected ms", "max corrected ms");
        requests.forEach((kind, r) -> {
            if (r.count() == 0) {
                return;
            }
            Percentiles latency = r.latencyMs();
            raw("<tr><td>").escaped(kind.label()).raw("</td>");
            numberCell(decimal(r.count(), 0));
            numberCell(decimal(r.errors(), 0));
            numberCell(percent(ratio(r.errors(), r.count())));
            numberCell(decimal(r.bytes() / 1e6, 1));
            for (double statistic : new double[] {latency.p50(), latency.p95(), latency.p99(), latency.max()}) {
                numberCell(decimal(statistic, 0));
            }
            numberCell(decimal(r.latencyCorrectedMs().p99(), 0));
            numberCell(decimal(r.latencyCorrectedMs().max(), 0));
            raw("</tr>\n");
        });
        raw("</table>\n");
        raw("<p>Schedule skew (how late players sent requests compared with their schedule): p50 ")
                .escaped(decimal(skew.p50(), 0)).raw(" ms, p95 ").escaped(decimal(skew.p95(), 0))
                .raw(" ms, p99 ").escaped(decimal(skew.p99(), 0)).raw(" ms, max ").escaped(decimal(skew.max(), 0))
                .raw(" ms. Corrected latencies count from when a request was meant to be sent")
                .raw(" (coordinated omission).</p>\n");
    }

    /** A section a newer version wrote, which this one cannot know: shown as a key/value table, escaped. */
    private void section(String name, Object value) {
        raw("<h2>").escaped(name).raw("</h2>\n<table>\n");
        flatten("", value);
        raw("</table>\n");
    }

    private void flatten(String path, Object value) {
        if (value instanceof JsonObject object && !object.isEmpty()) {
            for (Map.Entry<String, Object> e : object) {
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue());
            }
        } else if (value instanceof JsonArray array && !array.isEmpty()) {
            for (int i = 0; i < array.size(); i++) {
                flatten(path + "[" + i + "]", array.getValue(i));
            }
        } else {
            raw("<tr><th scope=\"row\">").escaped(path.isEmpty() ? "value" : path).raw("</th><td>")
                    .escaped(String.valueOf(value)).raw("</td></tr>\n");
        }
    }

    private void charts(RunSeries series, JsonObject charts, boolean drawn) {
        raw("<h2>Over time</h2>\n");
        if (series.hlogs().isEmpty() && series.qoeTimeline().isEmpty() && series.edgeTimeline().isEmpty()) {
            raw("<p class=\"note\">No time series: the run folder has no interval logs or timelines.</p>\n");
        } else {
            raw("<p class=\"note\">Per interval, at each interval's end; seconds since the run's start. Hover a chart for")
                    .raw(" values; dashed lines are the run's events. Start-up times land in the interval the player started")
                    .raw(" in (in run folders written before cohorts existed: the interval its session ended).</p>\n");
        }
        List<String> missing = new ArrayList<>();
        charts.getJsonArray("missing").forEach(m -> missing.add(String.valueOf(m)));
        if (!series.hlogs().isEmpty() && !missing.isEmpty()) {
            raw("<p class=\"note\">This run did not record: ").escaped(String.join("; ", missing)).raw(".</p>\n");
        }
        if (!series.hlogs().isEmpty() && !series.present().events()) {
            raw("<p class=\"note\">No ").escaped(RunSeries.EVENTS).raw(": no event markers.</p>\n");
        }
        for (String note : series.notes()) {
            raw("<p class=\"note\">").escaped(note).raw("</p>\n");
        }
        raw("<div id=\"g2g-time-charts\"></div>\n");
        if (drawn && !charts.getJsonArray("distributions").isEmpty()) {
            raw("<h2>Distributions over the whole run</h2>\n<p class=\"note\">Percentile plots (HdrHistogram style) of")
                    .raw(" every interval added together: x is the percentile on a 1/(1-p) scale, y the value at it.</p>\n");
        }
        raw("<div id=\"g2g-distributions\"></div>\n");
    }

    /** The edge section: per tier (and shield) a table by object class, and the origin's load per segment. */
    private void edge(Edge edge) {
        raw("<h2>Edge</h2>\n");
        raw("<p>Profile <strong>").escaped(text(edge.profile())).raw("</strong>, ").escaped(decimal(edge.edges(), 0))
                .raw(" player-facing edge(s)").raw(edge.shield().isPresent() ? " behind one origin shield" : "")
                .raw(". Hit ratio (request-weighted over the player-facing edges): <strong>")
                .escaped(percent(edge.hitRatio())).raw(" %</strong>.</p>\n");
        raw("<table>\n");
        headerRow("origin", "segment requests answered", "distinct segments", "requests per segment");
        raw("<tr><td>origin</td>");
        numberCell(decimal(edge.originSegmentRequests(), 0));
        numberCell(decimal(edge.distinctSegments(), 0));
        numberCell(decimal(edge.originRequestsPerSegment(), 2));
        raw("</tr>\n</table>\n");
        for (EdgeTier tier : edge.tiers()) {
            edgeTier(tier, "tier");
        }
        edge.shield().ifPresent(shield -> edgeTier(shield, "shield"));
        raw("<p class=\"note\">Hit % counts hits, collapsed waiters, stale answers and revalidations (304) as served")
                .raw(" from the cache; offload % is the share of bytes served that did not come from upstream.</p>\n");
    }

    private void edgeTier(EdgeTier tier, String role) {
        raw("<h3>").escaped(role + " " + text(tier.edge())).raw("</h3>\n");
        raw("<p class=\"note\">Hit ratio ").escaped(percent(tier.hitRatio())).raw(" %; stored ")
                .escaped(decimal(tier.storedObjects(), 0)).raw(" objects, ").escaped(decimal(tier.storedBytes() / 1e6, 1))
                .raw(" MB at the end.</p>\n");
        raw("<table class=\"edge\">\n");
        headerRow("class", "requests", "hit %", "hits", "misses", "collapsed", "stale", "revalidated", "passed",
                "origin requests", "MB in", "MB out", "offload %");
        tier.classes().forEach((kind, c) -> {
            if (c.requests() > 0 || c.originRequests() > 0) {
                edgeRow(kind.label(), c);
            }
        });
        edgeRow("all", tier.total());
        raw("</table>\n");
    }

    private void edgeRow(String label, CacheCounters c) {
        raw("<tr><td>").escaped(label).raw("</td>");
        numberCell(decimal(c.requests(), 0));
        numberCell(percent(ratio(c.hits() + c.collapsed() + c.staleServed() + c.revalidations(), c.requests())));
        for (long n : new long[] {c.hits(), c.misses(), c.collapsed(), c.staleServed(), c.revalidations(), c.passes(),
                c.originRequests()}) {
            numberCell(decimal(n, 0));
        }
        numberCell(decimal(c.originBytes() / 1e6, 2));
        numberCell(decimal(c.bytesServed() / 1e6, 2));
        numberCell(c.bytesServed() == 0 ? "-" : percent(Math.max(0, 1 - (double) c.originBytes() / c.bytesServed())));
        raw("</tr>\n");
    }

    private void events(RunSeries series) {
        if (series.events().isEmpty()) {
            return;
        }
        raw("<h2>Events</h2>\n<table>\n");
        raw("<tr><th>type</th><th class=\"n\">at s</th><th class=\"n\">until s</th><th>source</th><th>detail</th></tr>\n");
        for (RunSeries.Event e : series.events()) {
            raw("<tr><td>").escaped(e.type()).raw("</td>");
            numberCell(decimal((e.millis() - series.startMillis()) / 1000.0, 1));
            numberCell(e.untilMillis().map(u -> decimal((u - series.startMillis()) / 1000.0, 1)).orElse(""));
            raw("<td>").escaped(e.source()).raw("</td><td>").escaped(e.detail()).raw("</td></tr>\n");
        }
        raw("</table>\n");
    }

    /** QoE before, during and after each scripted event: the rows a reader compares. */
    private void phases(JsonObject phases) {
        raw("<h2>Phases</h2>\n<p class=\"note\">Each event's window, and windows as long just before and just after it"
                + " (an instant event: the 10 s after it). Start-up counts players who started in the window.</p>\n<table>\n");
        raw("<tr><th>event</th><th>phase</th><th class=\"n\">from s</th><th class=\"n\">to s</th><th class=\"n\">players</th>"
                + "<th class=\"n\">stalls begun</th><th class=\"n\">rebuffering %</th><th class=\"n\">start-up p95 ms</th>"
                + "<th class=\"n\">latency p50 ms</th><th class=\"n\">errors</th><th class=\"n\">failed</th></tr>\n");
        for (String key : phases.fieldNames()) {
            if (!(phases.getValue(key) instanceof JsonObject event)) {
                continue;
            }
            for (String phase : RunPhases.PHASES) {
                if (!(event.getValue(phase) instanceof JsonObject w)) {
                    continue;
                }
                raw("<tr><td>").escaped(phase.equals("before") ? key : "").raw("</td><td>").escaped(phase).raw("</td>");
                numberCell(SummaryValues.decimal(w.getDouble("fromSeconds", 0.0), 1));
                numberCell(SummaryValues.decimal(w.getDouble("toSeconds", 0.0), 1));
                numberCell(SummaryValues.decimal(w.getDouble("players", 0.0), 0));
                numberCell(String.valueOf(w.getLong("stallsBegun", 0L)));
                numberCell(SummaryValues.decimal(w.getDouble("rebufferRatio", 0.0) * 100, 2));
                numberCell(w.getValue("startupMs") instanceof JsonObject st ? SummaryValues.decimal(st.getDouble("p95", 0.0), 0) : "");
                numberCell(w.getValue("liveLatencyMs") instanceof JsonObject l ? SummaryValues.decimal(l.getDouble("p50", 0.0), 0) : "");
                numberCell(String.valueOf(w.getLong("errors", 0L)));
                numberCell(String.valueOf(w.getLong("playbackFailed", 0L) + w.getLong("failedToStart", 0L)));
                raw("</tr>\n");
            }
        }
        raw("</table>\n");
    }

    private void scripts(JsonObject charts) {
        raw("<script>/* uPlot ").raw(Lazy.ASSETS.version()).raw(", MIT licence, (c) Leon Sorokin, https://github.com/leeoniya/uPlot */\n")
                .raw(Lazy.ASSETS.js()).raw("\n</script>\n");
        raw("<script type=\"application/json\" id=\"g2g-data\">").raw(scriptJson(charts)).raw("</script>\n");
        raw("<script>\n").raw(Lazy.ASSETS.reportJs()).raw("</script>\n");
    }

    /**
     * JSON that is safe inside a script element: {@code <}, {@code >} and {@code &} (which can only
     * occur inside JSON strings) and the JavaScript line separators as {@code \\u} escapes.
     */
    static String scriptJson(JsonObject json) {
        return json.encode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** uPlot's script and stylesheet from its webjar, and the page's own script; read once. */
    private record Assets(String version, String js, String css, String reportJs) {

        static Assets load() {
            try {
                Properties pom = new Properties();
                pom.load(new java.io.StringReader(resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")));
                String version = pom.getProperty("version");
                String dist = WEBJAR + version + "/dist/";
                return new Assets(version, resource(dist + "uPlot.iife.min.js"), resource(dist + "uPlot.min.css"),
                        resource("io/glass2glass/report/report.js"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String resource(String name) throws IOException {
            try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("missing resource " + name + " (the uplot webjar is a dependency)");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.toLowerCase(Locale.ROOT).contains("</script")) {
                    throw new IOException(name + " would end its inline script element");
                }
                return text;
            }
        }
    }

    private static final class Lazy {
        static final Assets ASSETS = Assets.load();
    }

    private void files(String gatlingReport, List<String> hlogFiles) {
        raw("<h2>Files</h2>\n<ul>\n");
        link(gatlingReport, "Gatling report");
        link("summary.json", "summary.json");
        raw("</ul>\n");
        raw("<p>HdrHistogram interval logs, one per metric (values in the unit of the metric's name; read with")
                .raw(" <code>HistogramLogProcessor -outputValueUnitRatio 1</code> or HistogramLogAnalyzer):</p>\n");
        raw("<ul>\n");
        for (String file : hlogFiles) {
            link(file, file);
        }
        raw("</ul>\n");
    }

    private void link(String href, String label) {
        raw("<li><a href=\"").escaped(encodePath(href)).raw("\">").escaped(label).raw("</a></li>\n");
    }

    private void headerRow(String first, String... numeric) {
        raw("<tr><th>").escaped(first).raw("</th>");
        for (String heading : numeric) {
            raw("<th class=\"n\">").escaped(heading).raw("</th>");
        }
        raw("</tr>\n");
    }

    private void row(String... numbers) {
        raw("<tr>");
        for (String n : numbers) {
            numberCell(n);
        }
        raw("</tr>\n");
    }

    private void numberCell(String value) {
        raw("<td class=\"n\">").escaped(value).raw("</td>");
    }

    private HtmlReport raw(String markup) {
        html.append(markup);
        return this;
    }

    private HtmlReport escaped(String value) {
        html.append(escape(value));
        return this;
    }

    /** Escapes text for an HTML element or a quoted attribute. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Percent-encodes each segment of a relative path, keeping the separators. */
    private static String encodePath(String path) {
        return Stream.of(path.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    private static String gatlingReport(RunFolder run) throws IOException {
        Path gatling = run.gatlingDir();
        if (Files.isRegularFile(gatling.resolve("index.html")) || !Files.isDirectory(gatling)) {
            return "gatling/index.html";
        }
        // Gatling writes each run into a subfolder of its results folder: {simulation}-{timestamp}/index.html.
        try (Stream<Path> children = Files.list(gatling)) {
            Optional<Path> nested = children
                    .filter(child -> Files.isRegularFile(child.resolve("index.html")))
                    .sorted()
                    .reduce((first, last) -> last);
            return nested.map(dir -> "gatling/" + dir.getFileName() + "/index.html").orElse("gatling/index.html");
        }
    }

    private static List<String> hlogFiles(RunFolder run) throws IOException {
        if (!Files.isDirectory(run.qoeDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(run.qoeDir())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".hlog"))
                    .sorted()
                    .map(name -> "qoe/" + name)
                    .toList();
        }
    }
}
