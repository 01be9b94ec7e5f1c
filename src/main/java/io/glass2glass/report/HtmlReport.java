package io.glass2glass.report;

import static io.glass2glass.report.SummaryValues.decimal;
import static io.glass2glass.report.SummaryValues.percent;
import static io.glass2glass.report.SummaryValues.ratio;
import static io.glass2glass.report.SummaryValues.text;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.report.RunSummary.Distribution;
import io.glass2glass.report.RunSummary.LateSegments;
import io.glass2glass.report.RunSummary.Percentiles;
import io.glass2glass.report.RunSummary.Players;
import io.glass2glass.report.RunSummary.Qoe;
import io.glass2glass.report.RunSummary.Requests;
import io.glass2glass.report.SummaryValues.QoeRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The run's {@code index.html}: one self-contained static page (inline CSS and SVG, no script, nothing
 * fetched from elsewhere) with the run's metadata, the tables of its {@link RunSummary}, a bar per
 * rendition of the time played at it, the later sections ({@code harness}, {@code edge} and any a
 * newer version wrote) as key/value tables, and links to Gatling's report and the {@code qoe/*.hlog}
 * interval logs. Every value from the summary is HTML-escaped.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:64rem;\
            padding:0 1rem;color:#1f2933;background:#fff}
            h1{font-size:1.5rem;margin-bottom:.25rem}
            h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d9e2ec}
            table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.3rem .7rem;border-bottom:1px solid #e4e7eb;\
            text-align:left;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f5f7fa;font-weight:600}
            .meta th{background:none;color:#52606d;font-weight:500}.note{color:#52606d;font-size:.9rem}
            svg.bar rect.track{fill:#e4e7eb}svg.bar rect.fill{fill:#2f80ed}code{font-size:.9rem}
            """;

    private final StringBuilder html = new StringBuilder();

    private HtmlReport() {}

    /**
     * Writes {@code index.html} into the run folder, linking the Gatling report found in
     * {@code gatling/} (its own {@code index.html}, or the one in Gatling's per-run subfolder) and
     * every {@code qoe/*.hlog}.
     */
    public static void write(RunFolder run, RunSummary summary) throws IOException {
        String page = render(summary, gatlingReport(run), hlogFiles(run));
        Files.writeString(run.indexHtml(), page, StandardCharsets.UTF_8);
    }

    /**
     * Renders the page.
     *
     * @param gatlingReport the Gatling report's path relative to the page, e.g. {@code gatling/index.html}
     * @param hlogFiles     the interval logs' paths relative to the page, e.g. {@code qoe/startupMs.hlog}
     */
    public static String render(RunSummary summary, String gatlingReport, List<String> hlogFiles) {
        HtmlReport page = new HtmlReport();
        page.head(summary.run());
        page.metadata(summary.run());
        page.players(summary.run().playersRequested(), summary.players());
        page.qoe(summary.qoe());
        page.renditions(SummaryValues.renditionSeconds(summary.qoe()));
        page.requests(summary.requests(), summary.scheduleSkewMs());
        page.laterSections(summary);
        page.files(gatlingReport, hlogFiles);
        page.raw("</body>\n</html>\n");
        return page.html.toString();
    }

    private void head(RunMetadata run) {
        String runId = text(run.runId());
        raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        raw("<title>glass2glass run ").escaped(runId).raw("</title>\n");
        raw("<style>\n").raw(STYLE).raw("</style>\n</head>\n<body>\n");
        raw("<h1>glass2glass run <code>").escaped(runId).raw("</code></h1>\n");
        raw("<p class=\"note\">QoE of simulated live players; names follow CTA-2066. Percentiles from HdrHistogram")
                .raw(" (3 significant digits) over the whole run.</p>\n");
    }

    private void metadata(RunMetadata run) {
        raw("<table class=\"meta\">\n");
        metaRow("Target", text(run.target()));
        metaRow("Format", text(run.format()));
        metaRow("Started", text(run.startedAt()));
        metaRow("Ended", text(run.endedAt()));
        metaRow("Duration", decimal(run.durationSeconds(), 1) + " s");
        metaRow("ABR", text(run.abr()));
        metaRow("Network", text(run.network()));
        metaRow("Injection", text(run.injection()));
        raw("</table>\n");
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

    /** The sections after the players' figures, in file order, shown as flattened key/value tables. */
    private void laterSections(RunSummary summary) {
        summary.harness().ifPresent(harness -> section("harness", SummaryJson.encode(harness)));
        summary.edge().ifPresent(edge -> section("edge", edge.toJson()));
        for (Map.Entry<String, Object> other : summary.otherSections()) {
            section(other.getKey(), other.getValue());
        }
    }

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
