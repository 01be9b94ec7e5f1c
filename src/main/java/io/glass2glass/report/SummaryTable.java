package io.glass2glass.report;

import static io.glass2glass.report.SummaryValues.decimal;
import static io.glass2glass.report.SummaryValues.number;
import static io.glass2glass.report.SummaryValues.object;
import static io.glass2glass.report.SummaryValues.percent;
import static io.glass2glass.report.SummaryValues.ratio;
import static io.glass2glass.report.SummaryValues.text;
import static io.glass2glass.report.SummaryValues.value;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.report.SummaryValues.QoeRow;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console summary of a run: fixed-width plain-text tables rendered from {@code summary.json}
 * (see {@link SummaryJson}), no line wider than {@value #WIDTH} columns.
 */
public final class SummaryTable {

    /** The widest line rendered; a longer description (a long target URL) is cut with an ellipsis. */
    public static final int WIDTH = 100;

    private static final String QOE_ROW = "%-26s %-6s %11s %11s %11s %11s %10s";
    private static final String PLAYERS_ROW = "%-10s %12s %12s %12s %16s %16s";
    private static final String RENDITION_ROW = "%-26s %14s %8s";
    private static final String REQUEST_ROW = "%-16s %10s %8s %8s %12s %9s %9s %16s";

    private final List<String> lines = new ArrayList<>();

    private SummaryTable() {}

    /** Renders the summary as console text, ending with a newline. */
    public static String render(JsonObject summary) {
        SummaryTable table = new SummaryTable();
        table.run(summary);
        table.players(object(summary, "players"));
        table.qoe(object(summary, "qoe"));
        table.renditions(SummaryValues.renditionSeconds(object(summary, "qoe")));
        table.requests(object(summary, "requests"), object(summary, "scheduleSkewMs"));
        if (summary.getValue("edge") instanceof JsonObject edge) {
            table.edge(edge);
        }
        StringBuilder out = new StringBuilder();
        for (String line : table.lines) {
            out.append(clip(line)).append('\n');
        }
        return out.toString();
    }

    private void run(JsonObject summary) {
        line("run        %s", text(summary, "runId"));
        line("target     %s", text(summary, "target"));
        line("format     %-6s duration %s s   %s .. %s", text(summary, "format"),
                number(summary, "durationSeconds", 1), text(summary, "startedAt"), text(summary, "endedAt"));
        line("abr        %s", text(summary, "abr"));
        line("network    %s", text(summary, "network"));
        line("injection  %s", text(summary, "injection"));
    }

    /** The caching tier's offload, when the players went through edges. */
    private void edge(JsonObject edge) {
        line("");
        line("edge       %s x%s%s   hit ratio %s %%   origin requests per segment %s (%s / %s)",
                text(edge, "profile"), number(edge, "edges", 0), edge.containsKey("shield") ? " + shield" : "",
                percent(value(edge, "hitRatio")), number(edge, "originRequestsPerSegment", 2),
                number(edge, "originSegmentRequests", 0), number(edge, "distinctSegments", 0));
    }

    private void players(JsonObject players) {
        line("");
        line(PLAYERS_ROW, "players", "requested", "joined", "started", "failed to start", "playback failed");
        line(PLAYERS_ROW, "", number(players, "requested", 0), number(players, "joined", 0),
                number(players, "started", 0), number(players, "failedToStart", 0),
                number(players, "playbackFailed", 0));
    }

    private void qoe(JsonObject qoe) {
        line("");
        line(QOE_ROW, "QoE (CTA-2066)", "unit", "p50", "p95", "p99", "max", "count");
        for (QoeRow row : SummaryValues.QOE_ROWS) {
            JsonObject d = object(qoe, row.key());
            line(QOE_ROW, row.name(), row.unit(), row.figure(d, "p50"), row.figure(d, "p95"), row.figure(d, "p99"),
                    row.figure(d, "max"), number(d, "count", 0));
        }
        JsonObject late = object(qoe, "lateSegments");
        line("aggregate rebuffering ratio %s %%   late segments %s of %s (%s %%)   abandoned %s",
                percent(value(qoe, "rebufferRatioAggregate")), number(late, "total", 0),
                number(late, "segmentsDownloaded", 0),
                percent(ratio(value(late, "total"), value(late, "segmentsDownloaded"))), number(late, "abandoned", 0));
    }

    private void renditions(List<Map.Entry<String, Double>> secondsPerRendition) {
        if (secondsPerRendition.isEmpty()) {
            return;
        }
        double total = secondsPerRendition.stream().mapToDouble(Map.Entry::getValue).sum();
        line("");
        line(RENDITION_ROW, "time at rendition", "seconds", "share %");
        for (Map.Entry<String, Double> e : secondsPerRendition) {
            line(RENDITION_ROW, e.getKey(), decimal(e.getValue(), 1), percent(ratio(e.getValue(), total)));
        }
    }

    private void requests(JsonObject requests, JsonObject skew) {
        line("");
        line(REQUEST_ROW, "requests", "count", "errors", "error %", "MB", "p50 ms", "p99 ms", "p99 corrected ms");
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            JsonObject r = object(requests, kind.label());
            if (value(r, "count") == 0) {
                continue;
            }
            JsonObject latency = object(r, "latencyMs");
            line(REQUEST_ROW, kind.label(), number(r, "count", 0), number(r, "errors", 0),
                    percent(ratio(value(r, "errors"), value(r, "count"))), decimal(value(r, "bytes") / 1e6, 1),
                    number(latency, "p50", 0), number(latency, "p99", 0),
                    number(object(r, "latencyCorrectedMs"), "p99", 0));
        }
        line("schedule skew ms   p50 %s   p95 %s   p99 %s   max %s", number(skew, "p50", 0), number(skew, "p95", 0),
                number(skew, "p99", 0), number(skew, "max", 0));
    }

    private void line(String pattern, Object... args) {
        lines.add(String.format(Locale.ROOT, pattern, args));
    }

    private static String clip(String line) {
        String trimmed = line.stripTrailing();
        return trimmed.length() <= WIDTH ? trimmed : trimmed.substring(0, WIDTH - 3) + "...";
    }
}
