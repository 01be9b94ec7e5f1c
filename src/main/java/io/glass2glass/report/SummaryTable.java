package io.glass2glass.report;

import static io.glass2glass.report.SummaryValues.decimal;
import static io.glass2glass.report.SummaryValues.percent;
import static io.glass2glass.report.SummaryValues.ratio;
import static io.glass2glass.report.SummaryValues.text;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.report.RunSummary.Distribution;
import io.glass2glass.report.RunSummary.Edge;
import io.glass2glass.report.RunSummary.LateSegments;
import io.glass2glass.report.RunSummary.Percentiles;
import io.glass2glass.report.RunSummary.Players;
import io.glass2glass.report.RunSummary.Qoe;
import io.glass2glass.report.RunSummary.Requests;
import io.glass2glass.report.SummaryValues.QoeRow;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console summary of a run: fixed-width plain-text tables rendered from its {@link RunSummary},
 * no line wider than {@value #WIDTH} columns.
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
    public static String render(RunSummary summary) {
        SummaryTable table = new SummaryTable();
        table.run(summary.run());
        table.players(summary.run().playersRequested(), summary.players());
        table.qoe(summary.qoe());
        table.lowTail(summary.qoe());
        table.renditions(SummaryValues.renditionSeconds(summary.qoe()));
        table.requests(summary.requests(), summary.scheduleSkewMs());
        summary.edge().ifPresent(table::edge);
        JsonObject pipeline = summary.otherSections().getJsonObject("pipeline");
        if (pipeline != null) {
            table.pipeline(pipeline);
        }
        JsonObject cmcd = summary.otherSections().getJsonObject("cmcd");
        if (cmcd != null) {
            table.cmcd(cmcd);
        }
        StringBuilder out = new StringBuilder();
        for (String line : table.lines) {
            out.append(clip(line)).append('\n');
        }
        return out.toString();
    }

    private void run(RunMetadata run) {
        line("run        %s", text(run.runId()));
        line("target     %s", text(run.target()));
        line("format     %-6s duration %s s   %s .. %s", text(run.format()), decimal(run.durationSeconds(), 1),
                run.startedAt(), run.endedAt());
        line("abr        %s", text(run.abr()));
        line("network    %s", text(run.network()));
        line("injection  %s", text(run.injection()));
    }

    /**
     * What the embedded pipeline's stages spent (the {@code pipeline} section {@code run} writes):
     * one line for the encoders and CPU, one for the event loop that fell behind most.
     */
    private void pipeline(JsonObject p) {
        JsonObject cpu = p.getJsonObject("cpuCores", new JsonObject());
        line("pipeline   encoder %sx real time (slowest rung)   CPU %s of %s cores   origin egress %s Mb/s",
                p.getValue("encoderSpeedRatio") instanceof Number n ? decimal(n.doubleValue(), 2) : "-",
                cpu.getValue("process") instanceof Number n ? decimal(n.doubleValue(), 2) : "-",
                decimal(p.getInteger("availableProcessors", 0), 0),
                p.getValue("originEgressMbps") instanceof Number n ? decimal(n.doubleValue(), 1) : "-");
        LoopDelay.worst(p).ifPresent(worst -> line("           event-loop delay p99 %s ms, max %s ms (%s, the most behind of %s loops)",
                decimal(worst.p99Ms(), 1), decimal(worst.maxMs(), 1), text(worst.stage()), decimal(worst.loops(), 0)));
    }

    /** What the edges read from the players' CMCD (CTA-5004), with what the players lived through in brackets. */
    private void cmcd(JsonObject c) {
        JsonObject edge = c.getJsonObject("edge", new JsonObject());
        JsonObject players = c.getJsonObject("players", new JsonObject());
        line("cmcd       %s sessions (%s players joined), %s buffer-starvation reports (%s stalls)",
                decimal(edge.getLong("sessions", 0L), 0), decimal(players.getLong("joined", 0L), 0),
                decimal(edge.getLong("bufferStarvationReports", 0L), 0), decimal(players.getLong("stalls", 0L), 0));
        line("           declared bitrate %s kb/s (%s played), buffer mean %s s, %s requests under 2 s",
                edge.getValue("videoBitrateKbpsMean") instanceof Number n ? decimal(n.doubleValue(), 0) : "-",
                players.getValue("avgBitrateKbpsMean") instanceof Number n ? decimal(n.doubleValue(), 0) : "-",
                edge.getValue("bufferLengthMsMean") instanceof Number n ? decimal(n.doubleValue() / 1000, 1) : "-",
                decimal(edge.getLong("lowBufferRequests", 0L), 0));
        line("           %s requests with CMCD, %s malformed", decimal(edge.getLong("requests", 0L), 0),
                decimal(edge.getLong("malformed", 0L), 0));
    }

    /** The caching tier's offload, when the players went through edges. */
    private void edge(Edge edge) {
        line("");
        line("edge       %s x%s%s   hit ratio %s %%   origin requests per segment %s (%s / %s)",
                text(edge.profile()), decimal(edge.edges(), 0), edge.shield().isPresent() ? " + shield" : "",
                percent(edge.hitRatio()), decimal(edge.originRequestsPerSegment(), 2),
                decimal(edge.originSegmentRequests(), 0), decimal(edge.distinctSegments(), 0));
    }

    private void players(long requested, Players players) {
        line("");
        line(PLAYERS_ROW, "players", "requested", "joined", "started", "failed to start", "playback failed");
        line(PLAYERS_ROW, "", decimal(requested, 0), decimal(players.joined(), 0), decimal(players.started(), 0),
                decimal(players.failedToStart(), 0), decimal(players.playbackFailed(), 0));
    }

    private void qoe(Qoe qoe) {
        line("");
        line(QOE_ROW, "QoE (CTA-2066)", "unit", "p50", "p95", "p99", "max", "count");
        for (QoeRow row : SummaryValues.QOE_ROWS) {
            Distribution d = row.metric().apply(qoe);
            line(QOE_ROW, row.name(), row.unit(), row.figure(d.p50()), row.figure(d.p95()), row.figure(d.p99()),
                    row.figure(d.max()), decimal(d.count(), 0));
        }
        LateSegments late = qoe.lateSegments();
        line("aggregate rebuffering ratio %s %%   late segments %s of %s (%s %%)   abandoned %s",
                percent(qoe.rebufferRatioAggregate()), decimal(late.total(), 0), decimal(late.segmentsDownloaded(), 0),
                percent(ratio(late.total(), late.segmentsDownloaded())), decimal(late.abandoned(), 0));
    }

    /** Where more is better the worst players are at the bottom: min and low percentiles, in the QoE columns. */
    private void lowTail(Qoe qoe) {
        if (SummaryValues.LOW_TAIL_ROWS.isEmpty()) {
            return;
        }
        line("");
        line(QOE_ROW, "low tail (more is better)", "unit", "min", "p1", "p5", "p10", "p50");
        for (QoeRow row : SummaryValues.LOW_TAIL_ROWS) {
            Distribution d = row.metric().apply(qoe);
            d.lowTail().ifPresentOrElse(
                    low -> line(QOE_ROW, row.lowTailName(), row.unit(), row.figure(low.min()), row.figure(low.p1()),
                            row.figure(low.p5()), row.figure(low.p10()), row.figure(d.p50())),
                    () -> line("%-26s %-6s %s", row.lowTailName(), row.unit(), SummaryValues.NO_LOW_TAIL));
        }
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

    private void requests(Map<ObjectKind, Requests> requests, Percentiles skew) {
        line("");
        line(REQUEST_ROW, "requests", "count", "errors", "error %", "MB", "p50 ms", "p99 ms", "p99 corrected ms");
        requests.forEach((kind, r) -> {
            if (r.count() == 0) {
                return;
            }
            line(REQUEST_ROW, kind.label(), decimal(r.count(), 0), decimal(r.errors(), 0),
                    percent(ratio(r.errors(), r.count())), decimal(r.bytes() / 1e6, 1),
                    decimal(r.latencyMs().p50(), 0), decimal(r.latencyMs().p99(), 0), decimal(r.latencyCorrectedMs().p99(), 0));
        });
        line("schedule skew ms   p50 %s   p95 %s   p99 %s   max %s", decimal(skew.p50(), 0), decimal(skew.p95(), 0),
                decimal(skew.p99(), 0), decimal(skew.max(), 0));
    }

    private void line(String pattern, Object... args) {
        lines.add(String.format(Locale.ROOT, pattern, args));
    }

    private static String clip(String line) {
        String trimmed = line.stripTrailing();
        return trimmed.length() <= WIDTH ? trimmed : trimmed.substring(0, WIDTH - 3) + "...";
    }
}
