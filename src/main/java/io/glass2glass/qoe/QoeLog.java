package io.glass2glass.qoe;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Interval logs of a run's QoE metrics: one HdrHistogram log per metric, {@code {dir}/{metric}.hlog},
 * written with {@link HistogramLogWriter} in its standard format (log format version, start and base
 * time, legend), one untagged interval histogram per {@link #writeInterval(long)}.
 *
 * <p>Values are in the metric's own unit (milliseconds, counts, kb/s, or a fraction for
 * {@code rebufferRatio}), and the {@code Interval_Max} column is written in that unit too, so read
 * the logs with {@code HistogramLogProcessor -outputValueUnitRatio 1}. The caller schedules the
 * intervals (every few seconds); the recorders keep the whole-run totals for {@link QoeSummary}.
 */
public final class QoeLog implements AutoCloseable {

    private final List<Entry> entries;
    private final long startMillis;
    private long lastMillis;
    private boolean closed;

    private record Entry(QoeMetric metric, Path file, HistogramLogWriter writer, PrintStream out) {}

    private QoeLog(List<Entry> entries, long startMillis) {
        this.entries = entries;
        this.startMillis = startMillis;
        this.lastMillis = startMillis;
    }

    /**
     * Creates {@code dir} if needed and one log per metric of {@code recorders}, each with its
     * header; {@code startMillis} (epoch ms) is the log's start and base time. Values recorded
     * before this call land in the first interval.
     */
    public static QoeLog open(QoeRecorders recorders, Path dir, long startMillis) throws IOException {
        Files.createDirectories(dir);
        List<Entry> entries = new ArrayList<>();
        try {
            for (QoeMetric metric : recorders.metrics()) {
                Path file = dir.resolve(metric.name() + ".hlog");
                OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
                PrintStream out = new PrintStream(stream, false, StandardCharsets.US_ASCII);
                HistogramLogWriter writer = new HistogramLogWriter(out);
                entries.add(new Entry(metric, file, writer, out));
                writer.outputLogFormatVersion();
                writer.outputComment("[glass2glass QoE metric " + metric.name() + ": " + metric.description()
                        + "; Interval_Max in the same unit]");
                writer.outputStartTime(startMillis);
                writer.setBaseTime(startMillis);
                writer.outputBaseTime(startMillis);
                writer.outputLegend();
                flush(file, out);
            }
        } catch (IOException | RuntimeException e) {
            entries.forEach(entry -> entry.out().close());
            throw e;
        }
        return new QoeLog(List.copyOf(entries), startMillis);
    }

    /** The log files, one per metric, in the order of {@link QoeRecorders#metricNames()}. */
    public List<Path> files() {
        return entries.stream().map(Entry::file).toList();
    }

    /**
     * Writes one interval to every log: the values recorded since the previous interval (or the
     * start), stamped from the previous interval's end to {@code nowMillis} (epoch ms).
     *
     * @return the interval's histograms by metric name, for a caller that wants a figure of the interval
     * @throws IllegalStateException after {@link #close()}
     * @throws UncheckedIOException  if a log could not be written
     */
    public synchronized Map<String, EncodableHistogram> writeInterval(long nowMillis) {
        if (closed) {
            throw new IllegalStateException("interval log already closed");
        }
        long intervalStart = lastMillis;
        long intervalEnd = Math.max(nowMillis, intervalStart);
        double startSeconds = (intervalStart - startMillis) / 1000.0;
        double endSeconds = (intervalEnd - startMillis) / 1000.0;
        Map<String, EncodableHistogram> written = new LinkedHashMap<>();
        for (Entry entry : entries) {
            EncodableHistogram interval = entry.metric().takeInterval();
            interval.setStartTimeStamp(intervalStart);
            interval.setEndTimeStamp(intervalEnd);
            // A unit ratio of 1: values are milliseconds or counts, not the nanoseconds HdrHistogram assumes.
            entry.writer().outputIntervalHistogram(startSeconds, endSeconds, interval, 1.0);
            flush(entry.file(), entry.out());
            written.put(entry.metric().name(), interval);
        }
        lastMillis = intervalEnd;
        return written;
    }

    /** Writes the last interval, ending at {@code nowMillis}, and closes every log; later calls do nothing. */
    public synchronized void close(long nowMillis) {
        if (closed) {
            return;
        }
        try {
            writeInterval(nowMillis);
        } finally {
            closed = true;
            entries.forEach(entry -> entry.out().close());
        }
    }

    /** Writes the last interval, ending now, and closes every log. */
    @Override
    public void close() {
        close(System.currentTimeMillis());
    }

    private static void flush(Path file, PrintStream out) {
        out.flush();
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("could not write interval log " + file));
        }
    }
}
