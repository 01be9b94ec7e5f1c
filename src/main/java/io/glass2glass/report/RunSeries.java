package io.glass2glass.report;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * A run folder's time series, as the report charts them: the {@code qoe/*.hlog} interval logs
 * (HdrHistogram, read with {@link HistogramLogReader}), and when the run wrote them
 * {@code qoe/timeline.jsonl}, {@code edge/timeline.jsonl} and {@code events.jsonl}
 * (formats: issue 12's FORMATS.md). A line that does not parse is skipped and said once in {@link #notes()}.
 *
 * @param startMillis  the run's time origin, epoch ms: the interval logs' start time, else the first
 *                     timeline interval's start, else {@code fallbackStart}
 * @param hlogs        per metric (the file name without {@code .hlog}), its intervals in file order
 * @param totals       per metric, every interval added together (whole-run distribution)
 * @param qoeTimeline  {@code qoe/timeline.jsonl}, empty when absent
 * @param edgeTimeline {@code edge/timeline.jsonl}, empty when absent
 * @param events       {@code events.jsonl}, sorted by time, empty when absent
 * @param present      which of the three jsonl files the run folder has
 * @param notes        what could not be read
 * @param cohortTotals per metric, per cohort tag ({@code network=3g}), the whole run's histogram from
 *                     {@code qoe/cohorts/*.hlog}; empty for runs without cohorts
 */
public record RunSeries(
        long startMillis,
        Map<String, List<Interval>> hlogs,
        Map<String, EncodableHistogram> totals,
        List<JsonObject> qoeTimeline,
        List<JsonObject> edgeTimeline,
        List<Event> events,
        Present present,
        List<String> notes,
        Map<String, Map<String, EncodableHistogram>> cohortTotals) {

    public static final String QOE_TIMELINE = "qoe/timeline.jsonl";
    public static final String EDGE_TIMELINE = "edge/timeline.jsonl";
    public static final String EVENTS = "events.jsonl";
    /** The cohorts' whole-run histograms, under {@code qoe/}. */
    public static final String COHORTS = "cohorts";

    public RunSeries {
        hlogs = Collections.unmodifiableMap(new TreeMap<>(hlogs));
        totals = Collections.unmodifiableMap(new TreeMap<>(totals));
        qoeTimeline = List.copyOf(qoeTimeline);
        edgeTimeline = List.copyOf(edgeTimeline);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
        Map<String, Map<String, EncodableHistogram>> byMetric = new TreeMap<>();
        cohortTotals.forEach((metric, byTag) -> byMetric.put(metric, Collections.unmodifiableMap(new LinkedHashMap<>(byTag))));
        cohortTotals = Collections.unmodifiableMap(byMetric);
    }

    /** Which optional files the run folder had. */
    public record Present(boolean qoeTimeline, boolean edgeTimeline, boolean events) {}

    /**
     * One interval of one metric.
     *
     * @param startMillis epoch ms
     * @param endMillis   epoch ms
     * @param count       values recorded in the interval
     */
    public record Interval(long startMillis, long endMillis, long count, double p50, double p95, double p99, double max) {

        /** The interval's length in seconds (at least a millisecond, so a rate never divides by zero). */
        public double seconds() {
            return Math.max(1, endMillis - startMillis) / 1000.0;
        }
    }

    /** One line of {@code events.jsonl}; {@code untilMillis} is set for events with a duration. */
    public record Event(long millis, String type, String source, String detail, Optional<Long> untilMillis) {}

    /** A run with no time series at all (a summary rendered on its own). */
    public static RunSeries none(long startMillis) {
        return new RunSeries(startMillis, Map.of(), Map.of(), List.of(), List.of(), List.of(),
                new Present(false, false, false), List.of(), Map.of());
    }

    /** Reads the run folder's series; {@code fallbackStart} (epoch ms) is used when no file says when the run began. */
    public static RunSeries read(Path runDir, long fallbackStart) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<String, List<Interval>> hlogs = new LinkedHashMap<>();
        Map<String, EncodableHistogram> totals = new LinkedHashMap<>();
        long hlogStart = Long.MAX_VALUE;
        Path qoe = runDir.resolve("qoe");
        if (Files.isDirectory(qoe)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(qoe)) {
                files = list.filter(f -> f.getFileName().toString().endsWith(".hlog")).sorted().toList();
            }
            for (Path file : files) {
                String metric = file.getFileName().toString().replaceFirst("\\.hlog$", "");
                try (InputStream in = Files.newInputStream(file)) {
                    HlogRead read = readHlog(in);
                    hlogs.put(metric, read.intervals());
                    read.total().ifPresent(total -> totals.put(metric, total));
                    if (read.startMillis() > 0) {
                        hlogStart = Math.min(hlogStart, read.startMillis());
                    }
                } catch (RuntimeException e) {
                    // A truncated or foreign log must not stop the rest of the page.
                    notes.add("qoe/" + file.getFileName() + " could not be read: " + e);
                }
            }
        }
        List<JsonObject> qoeTimeline = jsonLines(runDir.resolve(QOE_TIMELINE), QOE_TIMELINE, notes);
        List<JsonObject> edgeTimeline = jsonLines(runDir.resolve(EDGE_TIMELINE), EDGE_TIMELINE, notes);
        List<Event> events = new ArrayList<>();
        for (JsonObject line : jsonLines(runDir.resolve(EVENTS), EVENTS, notes)) {
            Object t = line.getValue("t");
            if (!(t instanceof Number millis)) {
                continue;
            }
            Object until = line.getValue("until");
            events.add(new Event(millis.longValue(), String.valueOf(line.getValue("type", "event")),
                    String.valueOf(line.getValue("source", "")), String.valueOf(line.getValue("detail", "")),
                    until instanceof Number u ? Optional.of(u.longValue()) : Optional.empty()));
        }
        events.sort((a, b) -> Long.compare(a.millis(), b.millis()));
        long start = hlogStart != Long.MAX_VALUE ? hlogStart
                : !qoeTimeline.isEmpty() ? qoeTimeline.get(0).getLong("t", fallbackStart) - qoeTimeline.get(0).getLong("intervalMs", 0L)
                : fallbackStart;
        Present present = new Present(Files.isRegularFile(runDir.resolve(QOE_TIMELINE)),
                Files.isRegularFile(runDir.resolve(EDGE_TIMELINE)), Files.isRegularFile(runDir.resolve(EVENTS)));
        Map<String, Map<String, EncodableHistogram>> cohorts = cohortTotals(qoe.resolve(COHORTS), notes);
        return new RunSeries(start, hlogs, totals, qoeTimeline, edgeTimeline, events, present, notes, cohorts);
    }

    /** Reads {@code qoe/cohorts/{metric}.hlog}: one tagged interval per cohort, the whole run. */
    private static Map<String, Map<String, EncodableHistogram>> cohortTotals(Path dir, List<String> notes) throws IOException {
        Map<String, Map<String, EncodableHistogram>> cohorts = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return cohorts;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".hlog")).sorted().toList();
        }
        for (Path file : files) {
            String metric = file.getFileName().toString().replaceFirst("\\.hlog$", "");
            Map<String, EncodableHistogram> byTag = new LinkedHashMap<>();
            try (InputStream in = Files.newInputStream(file)) {
                HistogramLogReader reader = new HistogramLogReader(in);
                EncodableHistogram next;
                while ((next = reader.nextIntervalHistogram()) != null) {
                    if (next.getTag() != null) {
                        byTag.put(next.getTag(), next);
                    }
                }
            } catch (RuntimeException e) {
                notes.add("qoe/" + COHORTS + "/" + file.getFileName() + " could not be read: " + e);
                continue;
            }
            cohorts.put(metric, byTag);
        }
        return cohorts;
    }

    /** The intervals of one interval log, and their sum. */
    record HlogRead(long startMillis, List<Interval> intervals, Optional<EncodableHistogram> total) {}

    /** Reads one interval log: per interval its count and percentiles (values in the metric's unit). */
    static HlogRead readHlog(InputStream in) {
        HistogramLogReader reader = new HistogramLogReader(in);
        List<Interval> intervals = new ArrayList<>();
        EncodableHistogram total = null;
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            if (next instanceof Histogram h) {
                intervals.add(new Interval(h.getStartTimeStamp(), h.getEndTimeStamp(), h.getTotalCount(),
                        h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue()));
                if (total == null) {
                    Histogram copy = h.copy();
                    copy.setAutoResize(true); // a later interval may hold larger values
                    total = copy;
                } else if (total instanceof Histogram t) {
                    t.add(h);
                }
            } else if (next instanceof DoubleHistogram h) {
                intervals.add(new Interval(h.getStartTimeStamp(), h.getEndTimeStamp(), h.getTotalCount(),
                        h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99),
                        h.getTotalCount() == 0 ? 0 : h.getMaxValue()));
                if (total == null) {
                    DoubleHistogram copy = h.copy();
                    copy.setAutoResize(true);
                    total = copy;
                } else if (total instanceof DoubleHistogram t) {
                    t.add(h);
                }
            }
        }
        long start = (long) Math.round(reader.getStartTimeSec() * 1000);
        return new HlogRead(start, intervals, Optional.ofNullable(total));
    }

    /**
     * The whole-run percentile distribution of a metric, HdrHistogram's percentile output (5 steps per
     * halving of the distance to 100 %): pairs of (percentile 0..100, value), empty when nothing was recorded.
     */
    public List<double[]> percentiles(String metric) {
        EncodableHistogram total = totals.get(metric);
        List<double[]> points = new ArrayList<>();
        if (total instanceof Histogram h && h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(5)) {
                points.add(new double[] {v.getPercentileLevelIteratedTo(), v.getValueIteratedTo()});
            }
        } else if (total instanceof DoubleHistogram h && h.getTotalCount() > 0) {
            for (DoubleHistogramIterationValue v : h.percentiles(5)) {
                points.add(new double[] {v.getPercentileLevelIteratedTo(), v.getValueIteratedTo()});
            }
        }
        return points;
    }

    /**
     * The value of a metric at each of {@code percentiles} (0..100) over the whole run, of every player
     * ({@code tag} null) or of one cohort; empty when nothing was recorded.
     */
    public Optional<double[]> valuesAt(String metric, String tag, double[] percentiles) {
        EncodableHistogram h = tag == null ? totals.get(metric) : cohortTotals.getOrDefault(metric, Map.of()).get(tag);
        double[] values = new double[percentiles.length];
        if (h instanceof Histogram histogram && histogram.getTotalCount() > 0) {
            for (int i = 0; i < percentiles.length; i++) {
                values[i] = histogram.getValueAtPercentile(percentiles[i]);
            }
            return Optional.of(values);
        }
        if (h instanceof DoubleHistogram histogram && histogram.getTotalCount() > 0) {
            for (int i = 0; i < percentiles.length; i++) {
                values[i] = histogram.getValueAtPercentile(percentiles[i]);
            }
            return Optional.of(values);
        }
        return Optional.empty();
    }

    /** How many values a metric recorded over the whole run (of a cohort when {@code tag} is set). */
    public long count(String metric, String tag) {
        EncodableHistogram h = tag == null ? totals.get(metric) : cohortTotals.getOrDefault(metric, Map.of()).get(tag);
        return h instanceof Histogram histogram ? histogram.getTotalCount()
                : h instanceof DoubleHistogram histogram ? histogram.getTotalCount() : 0;
    }

    /** The intervals of one metric, empty when the run has no such log. */
    public List<Interval> intervals(String metric) {
        return hlogs.getOrDefault(metric, List.of());
    }

    private static List<JsonObject> jsonLines(Path file, String name, List<String> notes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<JsonObject> lines = new ArrayList<>();
        int skipped = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(new JsonObject(line));
            } catch (DecodeException | ClassCastException e) {
                skipped++; // e.g. a last line cut short by a crash
            }
        }
        if (skipped > 0) {
            notes.add(name + ": " + skipped + " line(s) could not be parsed and were skipped");
        }
        return lines;
    }
}
