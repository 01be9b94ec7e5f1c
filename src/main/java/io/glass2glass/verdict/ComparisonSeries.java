package io.glass2glass.verdict;

import io.glass2glass.report.RunSeries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison's time series: for each configuration (its first run) the origin's load, the
 * edges' hit ratio, live latency and stalled players per interval, drawn over each other in one
 * chart per figure (inline SVG, one colour per configuration), time counted from each run's start.
 */
public final class ComparisonSeries {

    /** One charted series: its title, unit, and how to read a run's points. */
    record Chart(String id, String title, String unit) {}

    static final List<Chart> CHARTS = List.of(
            new Chart("origin-requests", "Origin requests", "per s"),
            new Chart("hit-ratio", "Edge hit ratio", "%"),
            new Chart("latency-p95", "Live latency p95", "ms"),
            new Chart("stalled", "Players stalled", "players"));

    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

    private static final int[] MARGINS = {60, 16, 12, 34};

    private ComparisonSeries() {}

    /** A run's points of one chart: {seconds since the run's start, value}. */
    static List<double[]> points(String chart, RunSeries run) {
        List<double[]> out = new ArrayList<>();
        long start = run.startMillis();
        switch (chart) {
            case "origin-requests", "hit-ratio" -> {
                long prevOrigin = 0;
                long prevRequests = 0;
                long prevCached = 0;
                for (JsonObject line : run.edgeTimeline()) {
                    long origin = 0;
                    long requests = 0;
                    long cached = 0;
                    JsonArray tiers = line.getJsonArray("tiers", new JsonArray());
                    for (int i = 0; i < tiers.size(); i++) {
                        JsonObject tier = tiers.getJsonObject(i);
                        origin += tier.getLong("originRequests", 0L);
                        requests += tier.getLong("requests", 0L);
                        cached += tier.getLong("servedFromCache", 0L);
                    }
                    double seconds = line.getLong("intervalMs", 1000L) / 1000.0;
                    double t = (line.getLong("t", start) - start) / 1000.0;
                    // The edge timeline's counters are cumulative: each point is the interval's change.
                    if (chart.equals("origin-requests")) {
                        out.add(new double[] {t, (origin - prevOrigin) / Math.max(0.001, seconds)});
                    } else if (requests > prevRequests) {
                        out.add(new double[] {t, 100.0 * (cached - prevCached) / (requests - prevRequests)});
                    }
                    prevOrigin = origin;
                    prevRequests = requests;
                    prevCached = cached;
                }
            }
            case "latency-p95" -> {
                for (JsonObject line : run.qoeTimeline()) {
                    JsonObject latency = line.getJsonObject("liveLatencyMs");
                    if (latency != null && latency.getValue("p95") instanceof Number n) {
                        out.add(new double[] {(line.getLong("t", start) - start) / 1000.0, n.doubleValue()});
                    }
                }
            }
            case "stalled" -> {
                for (JsonObject line : run.qoeTimeline()) {
                    JsonObject players = line.getJsonObject("players");
                    if (players != null && players.getValue("stalled") instanceof Number n) {
                        out.add(new double[] {(line.getLong("t", start) - start) / 1000.0, n.doubleValue()});
                    }
                }
            }
            default -> throw new IllegalArgumentException(chart);
        }
        return out;
    }

    /** The charts' HTML (a legend, then a figure per chart that any configuration has points for); empty when none has. */
    static String render(Map<String, RunSeries> byConfiguration) {
        StringBuilder h = new StringBuilder();
        List<String> configs = new ArrayList<>(byConfiguration.keySet());
        int drawn = 0;
        for (Chart c : CHARTS) {
            List<List<double[]>> lines = new ArrayList<>();
            for (String config : configs) {
                lines.add(points(c.id(), byConfiguration.get(config)));
            }
            if (lines.stream().allMatch(List::isEmpty)) {
                continue;
            }
            drawn++;
            h.append(chart(c, configs, lines));
        }
        if (drawn == 0) {
            return "";
        }
        StringBuilder legend = new StringBuilder("<h2>Over time</h2>\n<p class=\"legend\">");
        for (int i = 0; i < configs.size(); i++) {
            legend.append("<span style=\"color:").append(COLOURS[i % COLOURS.length]).append("\">&#9644; ")
                    .append(ComparisonPage.esc(configs.get(i))).append("</span> ");
        }
        return legend.append("<span class=\"note\">(each configuration's first run, seconds from its start)</span></p>\n")
                .append("<div class=\"charts\">\n").append(h).append("</div>\n").toString();
    }

    private static String chart(Chart c, List<String> configs, List<List<double[]>> lines) {
        double maxT = 1;
        double maxV = 0;
        for (List<double[]> line : lines) {
            for (double[] p : line) {
                maxT = Math.max(maxT, p[0]);
                maxV = Math.max(maxV, p[1]);
            }
        }
        SvgPlot plot = new SvgPlot(560, 220, MARGINS, maxT, 5, maxV);
        StringBuilder g = new StringBuilder("<figure class=\"series\" id=\"series-").append(c.id()).append("\"><figcaption>")
                .append(ComparisonPage.esc(c.title())).append(" <span class=\"note\">").append(ComparisonPage.esc(c.unit()))
                .append("</span></figcaption>\n<svg width=\"").append(plot.width).append("\" height=\"").append(plot.height)
                .append("\" role=\"img\">").append(plot.axes("seconds"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            for (double[] p : lines.get(i)) {
                d.append(d.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", plot.x(p[0]), plot.y(p[1])));
            }
            g.append("<path class=\"configuration\" data-configuration=\"").append(ComparisonPage.esc(configs.get(i)))
                    .append("\" data-points=\"").append(lines.get(i).size()).append("\" d=\"").append(d)
                    .append("\" fill=\"none\" stroke-width=\"1.8\" stroke=\"").append(COLOURS[i % COLOURS.length]).append("\"/>");
        }
        return g.append("</svg></figure>\n").toString();
    }
}
