package io.glass2glass.verdict;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The capacity search as one self-contained HTML page: for each QoE and stage figure a chart of the
 * figure against audience size (each step a point, green passed, red failed), the knee marked, and
 * the table of every step's evidence. Inline SVG: it opens from a CI artifact without a network.
 */
public final class CapacityPage {

    /**
     * A charted figure.
     *
     * @param key   the field of a step in {@code capacity-*.json}
     * @param scale what the stored value is multiplied by for display (100 for a fraction shown in %)
     */
    public record Chart(String key, String title, String unit, double scale) {}

    /** The figures charted, QoE first, then what each stage of the chain and the generator spent. */
    public static final List<Chart> CHARTS = List.of(
            new Chart("startupP95Ms", "Start-up p95", "ms", 1),
            new Chart("rebufferRatioP95", "Rebuffering ratio p95", "%", 100),
            new Chart("liveLatencyP95Ms", "Live latency p95", "ms", 1),
            new Chart("bitrateP50Kbps", "Average bitrate p50", "kb/s", 1),
            new Chart("encoderSpeedRatio", "Encoder speed (slowest rung) × real time", "×", 1),
            new Chart("pipelineCpuCores", "Pipeline CPU", "cores", 1),
            new Chart("eventLoopDelayP99Ms", "Worst event-loop delay p99", "ms", 1),
            new Chart("originEgressMbps", "Origin egress", "Mb/s", 1),
            new Chart("generatorCpuCores", "Load generator CPU", "cores", 1),
            new Chart("scheduleSkewP99Ms", "Load generator schedule skew p99", "ms", 1));

    private static final int[] MARGINS = {56, 22, 14, 34};

    private CapacityPage() {}

    /**
     * @param steps   the steps as {@code capacity-*.json} lists them
     * @param knee    the knee: the largest audience that passed when a larger one failed (none when every step passed)
     * @param summary the one-line result
     */
    public static String render(String title, JsonArray steps, Optional<Integer> knee, String summary) {
        List<JsonObject> sorted = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            sorted.add(steps.getJsonObject(i));
        }
        sorted.sort(Comparator.comparingInt(s -> s.getInteger("players")));
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#1f2933;padding:0 1em}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}figcaption{font-weight:600}")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #e4e7eb}")
                .append("th{background:#f5f7fa;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".passed{color:#0b6e4f}.breached,.generator_overloaded{color:#b42318}.note{color:#52606d}")
                .append("svg text{font:11px system-ui,sans-serif;fill:#52606d}\n</style>\n</head>\n<body>\n<h1>")
                .append(esc(title)).append("</h1>\n<p id=\"verdict\"><strong>").append(esc(summary)).append("</strong></p>\n")
                .append("<p class=\"note\">Each point is one step's run; green passed the thresholds, red did not")
                .append(knee.map(k -> "; the dashed line is the knee, " + k + " players").orElse("")).append(".</p>\n")
                .append("<div class=\"charts\">\n");
        for (Chart c : CHARTS) {
            if (sorted.stream().anyMatch(s -> s.getValue(c.key()) instanceof Number)) {
                h.append(chart(c, sorted, knee));
            }
        }
        h.append("</div>\n<h2>Steps</h2>\n<table id=\"steps\">\n<tr><th class=\"n\">players</th><th>verdict</th>");
        for (Chart c : CHARTS) {
            h.append("<th class=\"n\">").append(esc(c.title())).append(" <span class=\"note\">").append(esc(c.unit())).append("</span></th>");
        }
        h.append("<th>first breach</th><th>run</th></tr>\n");
        for (JsonObject s : sorted) {
            String outcome = s.getString("outcome", "");
            h.append("<tr><td class=\"n\">").append(s.getInteger("players")).append("</td><td class=\"").append(esc(outcome)).append("\">")
                    .append(esc(outcome.replace('_', ' '))).append("</td>");
            for (Chart c : CHARTS) {
                h.append("<td class=\"n\">").append(s.getValue(c.key()) instanceof Number n ? format(n.doubleValue() * c.scale()) : "–")
                        .append("</td>");
            }
            String run = s.getString("runId", "");
            h.append("<td>").append(esc(s.getString("firstBreach") == null ? "–" : s.getString("firstBreach"))).append("</td><td>")
                    .append(run.isEmpty() ? "" : "<a href=\"" + esc(run) + "/index.html\">" + esc(run) + "</a>").append("</td></tr>\n");
        }
        return h.append("</table>\n</body>\n</html>\n").toString();
    }

    private static String chart(Chart c, List<JsonObject> steps, Optional<Integer> knee) {
        double rawX = steps.stream().mapToDouble(s -> s.getInteger("players")).max().orElse(1);
        double rawY = steps.stream().filter(s -> s.getValue(c.key()) instanceof Number)
                .mapToDouble(s -> ((Number) s.getValue(c.key())).doubleValue() * c.scale()).max().orElse(0);
        SvgPlot plot = new SvgPlot(360, 190, MARGINS, rawX, 4, rawY);
        StringBuilder g = new StringBuilder("<figure id=\"chart-").append(esc(c.key())).append("\"><figcaption>").append(esc(c.title()))
                .append(" <span class=\"note\">").append(esc(c.unit())).append("</span></figcaption>\n<svg width=\"").append(plot.width)
                .append("\" height=\"").append(plot.height).append("\" role=\"img\" aria-label=\"").append(esc(c.title()))
                .append(" against players\">").append(plot.axes("players"));
        if (knee.isPresent()) {
            double x = plot.x(knee.get());
            boolean nearRight = x > plot.right() - 60;
            g.append(SvgPlot.line(x, plot.bottom(), x, plot.top(), "#3e4c59", true)).append(String.format(Locale.ROOT,
                    "<text class=\"knee\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"%s\">knee %d</text>", x + (nearRight ? -4 : 4),
                    plot.top() + 10, nearRight ? "end" : "start", knee.get()));
        }
        StringBuilder path = new StringBuilder();
        for (JsonObject s : steps) {
            if (s.getValue(c.key()) instanceof Number n) {
                path.append(path.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f",
                        plot.x(s.getInteger("players")), plot.y(n.doubleValue() * c.scale())));
            }
        }
        g.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#7b8794\" stroke-width=\"1.5\"/>");
        for (JsonObject s : steps) {
            if (!(s.getValue(c.key()) instanceof Number n)) {
                continue;
            }
            boolean passed = "passed".equals(s.getString("outcome"));
            g.append(String.format(Locale.ROOT, "<circle class=\"step %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">"
                            + "<title>%d players: %s %s</title></circle>", passed ? "passed" : "failed", plot.x(s.getInteger("players")),
                    plot.y(n.doubleValue() * c.scale()), passed ? "#0b6e4f" : "#b42318", s.getInteger("players"),
                    format(n.doubleValue() * c.scale()), esc(c.unit())));
        }
        return g.append("</svg></figure>\n").toString();
    }

    private static String format(double v) {
        return SvgPlot.format(v);
    }

    private static String esc(String s) {
        return ComparisonPage.esc(s);
    }
}
