package io.glass2glass.verdict;

import io.glass2glass.report.RunSummary;
import io.glass2glass.verdict.Comparison.Figure;
import java.util.List;
import java.util.Optional;

/**
 * The comparison as one self-contained HTML page: a table with a column per configuration, each
 * cell its median (± half the spread when repeated) and its change against the first configuration,
 * marked better or worse; then what each configuration's runs were, with links to their reports.
 */
public final class ComparisonPage {

    private ComparisonPage() {}

    /** @param links per configuration, the relative paths of its runs' folders (for their index.html); may be empty */
    public static String render(Comparison c, java.util.Map<String, List<String>> links) {
        return render(c, links, java.util.Map.of());
    }

    /** @param series per configuration, its first run's time series, overlaid in one chart per figure; may be empty */
    public static String render(Comparison c, java.util.Map<String, List<String>> links,
            java.util.Map<String, io.glass2glass.report.RunSeries> series) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>glass2glass comparison</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#1f2933;padding:0 1em}")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #e4e7eb}")
                .append("th{background:#f5f7fa;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".better{color:#0b6e4f}.worse{color:#b42318}.note{color:#52606d}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}figcaption{font-weight:600}")
                .append(".legend span{margin-right:1em;font-weight:600}svg text{font:11px system-ui,sans-serif;fill:#52606d}\n</style>\n</head>\n<body>\n")
                .append("<h1>glass2glass comparison</h1>\n<p class=\"note\">The same audience against each configuration; ")
                .append("deltas against the first (<strong>").append(esc(c.configurations().get(0)))
                .append("</strong>); green is better for viewers or the origin, red worse.</p>\n")
                .append("<table id=\"comparison\">\n<tr><th>figure</th>");
        for (String config : c.configurations()) {
            h.append("<th class=\"n\">").append(esc(config)).append("<br><span class=\"note\">")
                    .append(c.runs(config).size()).append(c.runs(config).size() == 1 ? " run" : " runs").append("</span></th>");
        }
        h.append("</tr>\n");
        for (Figure f : Comparison.FIGURES) {
            h.append("<tr><td>").append(esc(f.name())).append(f.unit().isEmpty() ? "" : " <span class=\"note\">" + esc(f.unit()) + "</span>")
                    .append("</td>");
            for (int i = 0; i < c.configurations().size(); i++) {
                String config = c.configurations().get(i);
                Optional<Double> delta = i == 0 ? Optional.empty() : c.delta(f, config);
                String css = delta.filter(d -> Math.abs(d) >= 0.005)
                        .map(d -> (d > 0) == f.higherIsBetter() ? " better" : " worse").orElse("");
                h.append("<td class=\"n").append(css).append("\">").append(esc(c.text(f, config, i > 0))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n").append(ComparisonSeries.render(series));
        h.append("<h2>Runs</h2>\n<table>\n<tr><th>configuration</th><th>run</th><th>players</th><th>network</th>")
                .append("<th>injection</th></tr>\n");
        for (String config : c.configurations()) {
            List<RunSummary> runs = c.runs(config);
            List<String> paths = links.getOrDefault(config, List.of());
            for (int i = 0; i < runs.size(); i++) {
                RunSummary r = runs.get(i);
                String id = esc(r.run().runId());
                h.append("<tr><td>").append(esc(config)).append("</td><td>")
                        .append(i < paths.size() ? "<a href=\"" + esc(paths.get(i)) + "/index.html\">" + id + "</a>" : id)
                        .append("</td><td class=\"n\">").append(r.players().joined()).append("</td><td>").append(esc(r.run().network()))
                        .append("</td><td>").append(esc(r.run().injection())).append("</td></tr>\n");
            }
        }
        return h.append("</table>\n</body>\n</html>\n").toString();
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
