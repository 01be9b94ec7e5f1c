package io.glass2glass.report;

import io.glass2glass.qoe.QoeRecorders;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * QoE per phase of a scenario's events: for each event in {@code events.jsonl} that a scenario's
 * timeline wrote, the viewers' figures before, during and after it, each window as long as the event
 * (an instant event, such as a publisher restart, counts the {@value #INSTANT_WINDOW_MILLIS} ms after
 * it as "during"), so the three rates compare like with like. Figures come from the run folder: the
 * interval lines of {@code qoe/timeline.jsonl} whose interval ends inside a window, and the interval
 * histograms of {@code qoe/*.hlog} added exactly (HdrHistogram {@code add}) for percentiles.
 * In {@code summary.json} as {@code phases.{event}.{before|during|after}}; the second event of a type
 * is {@code {type}-2}.
 */
public final class RunPhases {

    public static final String SECTION = "phases";
    static final long INSTANT_WINDOW_MILLIS = 10_000;
    /** The source events.jsonl names for a scenario's events. */
    static final String SCENARIO = "scenario";
    public static final List<String> PHASES = List.of("before", "during", "after");

    private RunPhases() {}

    /** The phases of the run folder's scenario events; empty when it has none. */
    public static JsonObject of(Path runDir) throws IOException {
        RunSeries series = RunSeries.read(runDir, 0);
        List<RunSeries.Event> events = series.events().stream().filter(e -> e.source().equals(SCENARIO)).toList();
        JsonObject phases = new JsonObject();
        if (events.isEmpty()) {
            return phases;
        }
        Map<String, List<Histogram>> intervals = new HashMap<>();
        for (String metric : List.of(QoeRecorders.STARTUP_MS, QoeRecorders.LIVE_LATENCY_MS)) {
            intervals.put(metric, histograms(runDir.resolve("qoe").resolve(metric + ".hlog")));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (RunSeries.Event e : events) {
            int n = seen.merge(e.type(), 1, Integer::sum);
            String key = n == 1 ? e.type() : e.type() + "-" + n;
            long from = e.millis();
            long to = e.untilMillis().orElse(from + INSTANT_WINDOW_MILLIS);
            long length = Math.max(1, to - from);
            JsonObject phase = new JsonObject().put("event", e.type()).put("detail", e.detail())
                    .put("atSeconds", round((from - series.startMillis()) / 1000.0, 1))
                    .put("untilSeconds", round((to - series.startMillis()) / 1000.0, 1));
            phase.put("before", window(series, intervals, from - length, from));
            phase.put("during", window(series, intervals, from, to));
            phase.put("after", window(series, intervals, to, to + length));
            phases.put(key, phase);
        }
        return phases;
    }

    /** The figures of one window, from the intervals that end inside it. */
    static JsonObject window(RunSeries series, Map<String, List<Histogram>> intervals, long from, long to) {
        long intervalCount = 0;
        long stallsBegun = 0;
        double stallSeconds = 0;
        double watchedSeconds = 0;
        long requests = 0;
        long errors = 0;
        long failed = 0;
        long startFailed = 0;
        long stalledPeak = 0;
        double activeSum = 0;
        double covered = 0;
        for (JsonObject line : series.qoeTimeline()) {
            long t = line.getLong("t", 0L);
            long ms = line.getLong("intervalMs", 0L);
            if (t <= from || t > to || ms <= 0) {
                continue;
            }
            intervalCount++;
            covered += ms / 1000.0;
            JsonObject players = line.getJsonObject("players", new JsonObject());
            long playing = players.getLong("playing", 0L);
            long stalled = players.getLong("stalled", 0L);
            watchedSeconds += (playing + stalled) * ms / 1000.0;
            activeSum += players.getLong("active", 0L);
            stalledPeak = Math.max(stalledPeak, stalled);
            failed += players.getLong("playbackFailed", 0L);
            startFailed += players.getLong("failedToStart", 0L);
            JsonObject stalls = line.getJsonObject("stalls", new JsonObject());
            stallsBegun += stalls.getLong("begun", 0L);
            stallSeconds += stalls.getDouble("seconds", 0.0);
            JsonObject byKind = line.getJsonObject("requests", new JsonObject());
            for (String kind : byKind.fieldNames()) {
                JsonObject k = byKind.getJsonObject(kind);
                requests += k.getLong("count", 0L);
                errors += k.getLong("errors", 0L);
            }
        }
        JsonObject w = new JsonObject()
                .put("fromSeconds", round((from - series.startMillis()) / 1000.0, 1))
                .put("toSeconds", round((to - series.startMillis()) / 1000.0, 1))
                .put("intervals", intervalCount)
                .put("players", intervalCount == 0 ? 0 : round(activeSum / intervalCount, 1))
                .put("stallsBegun", stallsBegun)
                .put("stallSeconds", round(stallSeconds, 3))
                .put("stalledPlayersPeak", stalledPeak)
                .put("rebufferRatio", watchedSeconds <= 0 ? 0 : round(stallSeconds / watchedSeconds, 5))
                .put("requests", requests)
                .put("errors", errors)
                .put("errorRate", requests == 0 ? 0 : round((double) errors / requests, 5))
                .put("playbackFailed", failed)
                .put("failedToStart", startFailed);
        percentiles(intervals.get(QoeRecorders.STARTUP_MS), from, to).ifPresent(h -> w.put(QoeRecorders.STARTUP_MS, h));
        percentiles(intervals.get(QoeRecorders.LIVE_LATENCY_MS), from, to).ifPresent(h -> w.put(QoeRecorders.LIVE_LATENCY_MS, h));
        return w;
    }

    /** p50 and p95 over the interval histograms that end inside the window, added exactly. */
    private static Optional<JsonObject> percentiles(List<Histogram> histograms, long from, long to) {
        Histogram sum = null;
        for (Histogram h : histograms) {
            if (h.getEndTimeStamp() <= from || h.getEndTimeStamp() > to || h.getTotalCount() == 0) {
                continue;
            }
            if (sum == null) {
                sum = h.copy();
                sum.setAutoResize(true);
            } else {
                sum.add(h);
            }
        }
        if (sum == null) {
            return Optional.empty();
        }
        return Optional.of(new JsonObject().put("count", sum.getTotalCount()).put("p50", sum.getValueAtPercentile(50))
                .put("p95", sum.getValueAtPercentile(95)).put("max", sum.getMaxValue()));
    }

    private static List<Histogram> histograms(Path hlog) throws IOException {
        List<Histogram> out = new ArrayList<>();
        if (!Files.isRegularFile(hlog)) {
            return out;
        }
        try (InputStream in = Files.newInputStream(hlog)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (next instanceof Histogram h) {
                    out.add(h);
                }
            }
        } catch (RuntimeException e) {
            // A truncated log: the windows get what could be read.
        }
        return out;
    }

    private static double round(double v, int digits) {
        return Double.parseDouble(String.format(Locale.ROOT, "%." + digits + "f", v));
    }
}
