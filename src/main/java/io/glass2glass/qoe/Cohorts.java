package io.glass2glass.qoe;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The audience split by cohort: per dimension (player group, network profile, ABR, format, edge) and value, a
 * {@link QoeRecorders} of its own that the cohort's players report into beside the run's. Summaries
 * have the run's shape ({@code cohorts.{dimension}.{value}} in summary.json), and the whole-run
 * histograms go to {@code qoe/cohorts/{metric}.hlog}, one interval per cohort tagged
 * {@code dimension=value}, so percentile plots per cohort (and merges of shards) stay exact.
 */
public final class Cohorts {

    public static final String NETWORK = "network";
    public static final String ABR = "abr";
    public static final String FORMAT = "format";
    public static final String EDGE = "edge";
    /** A scenario's player group. */
    public static final String GROUP = "group";
    /** The dimensions, in report order. */
    public static final List<String> DIMENSIONS = List.of(GROUP, NETWORK, ABR, FORMAT, EDGE);

    /** The folder of the cohort histograms, under the run folder's {@code qoe/}. */
    public static final String DIR = "cohorts";

    /** Cohorts per dimension are few (a mix of profiles, a few edges); more is a caller's mistake, not an audience. */
    static final int MAX_VALUES_PER_DIMENSION = 64;

    private final Map<String, ConcurrentHashMap<String, QoeRecorders>> byDimension = new LinkedHashMap<>();

    public Cohorts() {
        for (String dimension : DIMENSIONS) {
            byDimension.put(dimension, new ConcurrentHashMap<>());
        }
    }

    /**
     * The recorders of one player's cohorts, one per dimension it names.
     *
     * @param cohort dimension to value, e.g. {@code network=3g, edge=edge-2}
     * @throws IllegalArgumentException for an unknown dimension or too many values in one
     */
    public List<QoeRecorders> recordersFor(Map<String, String> cohort) {
        List<QoeRecorders> recorders = new ArrayList<>(cohort.size());
        cohort.forEach((dimension, value) -> {
            ConcurrentHashMap<String, QoeRecorders> values = byDimension.get(dimension);
            if (values == null) {
                throw new IllegalArgumentException("unknown cohort dimension " + dimension + "; known: " + DIMENSIONS);
            }
            QoeRecorders r = values.get(value);
            if (r == null) {
                synchronized (values) {
                    if (!values.containsKey(value) && values.size() >= MAX_VALUES_PER_DIMENSION) {
                        throw new IllegalArgumentException("more than " + MAX_VALUES_PER_DIMENSION + " values of cohort " + dimension);
                    }
                    r = values.computeIfAbsent(value, v -> new QoeRecorders());
                }
            }
            recorders.add(r);
        });
        return recorders;
    }

    /** Every cohort's summary so far: dimension, then value, both sorted; dimensions without players left out. */
    public Map<String, Map<String, QoeSummary>> summaries() {
        Map<String, Map<String, QoeSummary>> out = new LinkedHashMap<>();
        byDimension.forEach((dimension, values) -> {
            if (!values.isEmpty()) {
                Map<String, QoeSummary> summaries = new TreeMap<>();
                values.forEach((value, r) -> summaries.put(value, r.summary()));
                out.put(dimension, summaries);
            }
        });
        return out;
    }

    /** The tag of a cohort's histograms: HdrHistogram log tags may not hold commas or white space. */
    public static String tag(String dimension, String value) {
        return (dimension + "=" + value).replaceAll("[,\\s]", "_");
    }

    /**
     * Writes {@code dir/{metric}.hlog} for every metric: a standard HdrHistogram log with one tagged
     * interval (the whole run, {@code startMillis} to {@code endMillis}) per cohort.
     */
    public void writeHistograms(Path dir, long startMillis, long endMillis) throws IOException {
        if (byDimension.values().stream().allMatch(Map::isEmpty)) {
            return;
        }
        Files.createDirectories(dir);
        List<String> names = new QoeRecorders().metricNames();
        for (int m = 0; m < names.size(); m++) {
            Path file = dir.resolve(names.get(m) + ".hlog");
            try (PrintStream out = new PrintStream(new BufferedOutputStream(Files.newOutputStream(file)), false,
                    StandardCharsets.US_ASCII)) {
                HistogramLogWriter writer = new HistogramLogWriter(out);
                writer.outputLogFormatVersion();
                writer.outputComment("[glass2glass QoE metric " + names.get(m) + " per cohort, whole run; Interval_Max in the metric's unit]");
                writer.outputStartTime(startMillis);
                writer.setBaseTime(startMillis);
                writer.outputBaseTime(startMillis);
                writer.outputLegend();
                for (Map.Entry<String, ConcurrentHashMap<String, QoeRecorders>> d : byDimension.entrySet()) {
                    for (Map.Entry<String, QoeRecorders> v : new TreeMap<>(d.getValue()).entrySet()) {
                        EncodableHistogram h = v.getValue().metrics().get(m).totalHistogram();
                        h.setTag(tag(d.getKey(), v.getKey()));
                        h.setStartTimeStamp(startMillis);
                        h.setEndTimeStamp(endMillis);
                        writer.outputIntervalHistogram(0, (endMillis - startMillis) / 1000.0, h, 1.0);
                    }
                }
                out.flush();
                if (out.checkError()) {
                    throw new UncheckedIOException(new IOException("could not write " + file));
                }
            }
        }
    }
}
