package io.glass2glass.qoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QoeLogTest {

    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final QoeRecorders recorders = new QoeRecorders();

    @Test
    void everyMetricHasItsOwnLogWithTheStandardHeader() throws IOException {
        try (QoeLog log = QoeLog.open(recorders, dir, START)) {
            assertEquals(recorders.metricNames().stream().map(name -> dir.resolve(name + ".hlog")).toList(),
                    log.files());
        }

        for (String name : List.of("startupMs", "liveLatencyMs", "rebufferRatio", "requestLatencyMs.segment",
                "requestLatencyCorrectedMs.segment", "scheduleSkewMs")) {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".hlog"));
            assertTrue(lines.contains("#[Histogram log format version 1.3]"), name + ": " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[glass2glass QoE metric " + name + ":")), name);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[StartTime: 1700000000.000")), name);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[BaseTime: 1700000000.000")), name);
            assertTrue(lines.contains(
                    "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\""), name);
        }
    }

    @Test
    void intervalLogReadsBackWithOneIntervalPerCallAndEveryRecordedValue() throws IOException {
        QoeLog log = QoeLog.open(recorders, dir, START);
        for (int i = 1; i <= 100; i++) {
            recorders.recordLiveLatency(i);
        }
        log.writeInterval(START + 5_000);
        log.writeInterval(START + 10_000);
        for (int i = 0; i < 50; i++) {
            recorders.recordLiveLatency(3_000);
        }
        log.writeInterval(START + 15_000);
        recorders.recordLiveLatency(7_000);
        log.close(START + 17_500);

        List<Histogram> intervals = read(dir.resolve("liveLatencyMs.hlog"), Histogram.class);

        assertEquals(4, intervals.size(), "three intervals and the last one written on close");
        assertEquals(List.of(100L, 0L, 50L, 1L), intervals.stream().map(Histogram::getTotalCount).toList());
        assertEquals(List.of(START, START + 5_000, START + 10_000, START + 15_000),
                intervals.stream().map(Histogram::getStartTimeStamp).toList());
        assertEquals(List.of(START + 5_000, START + 10_000, START + 15_000, START + 17_500),
                intervals.stream().map(Histogram::getEndTimeStamp).toList());
        Histogram merged = new Histogram(3);
        intervals.forEach(merged::add);
        assertEquals(151, merged.getTotalCount());
        assertEquals(recorders.summary().liveLatencyMs().count(), merged.getTotalCount());
        assertEquals(7_000, merged.getMaxValue(), 7);
    }

    @Test
    void rebufferRatioLogHoldsFloatingPointIntervals() throws IOException {
        QoeLog log = QoeLog.open(recorders, dir, START);
        recorders.recordPlayer(new PlayerQoe("p", "4g", "throughput", true, false, false, 900, 1, 500, 10_000,
                1_400, 0, Map.of(), 0, 5));
        log.close(START + 5_000);

        List<DoubleHistogram> intervals = read(dir.resolve("rebufferRatio.hlog"), DoubleHistogram.class);

        assertEquals(1, intervals.size());
        assertEquals(0.05, intervals.get(0).getMaxValue(), 0.05 * 1e-3);
    }

    @Test
    void correctedLatencyLogHoldsTheLatencyFromTheIntendedStart() throws IOException {
        QoeLog log = QoeLog.open(recorders, dir, START);
        recorders.recordRequest(ObjectKind.SEGMENT, 200, 10, 1_000, 200);
        log.close(START + 5_000);

        Histogram raw = read(dir.resolve("requestLatencyMs.segment.hlog"), Histogram.class).get(0);
        Histogram corrected = read(dir.resolve("requestLatencyCorrectedMs.segment.hlog"), Histogram.class).get(0);

        assertEquals(10, raw.getMaxValue());
        assertEquals(210, corrected.getMaxValue());
    }

    @Test
    void valuesSummarisedBetweenIntervalsStillReachTheLog() throws IOException {
        QoeLog log = QoeLog.open(recorders, dir, START);
        recorders.recordLiveLatency(1_500);
        assertEquals(1, recorders.summary().liveLatencyMs().count());
        recorders.recordLiveLatency(2_500);
        assertEquals(2, recorders.summary().liveLatencyMs().count(), "summaries never count a value twice");
        log.close(START + 5_000);

        List<Histogram> intervals = read(dir.resolve("liveLatencyMs.hlog"), Histogram.class);

        assertEquals(1, intervals.size());
        assertEquals(2, intervals.get(0).getTotalCount());
        assertEquals(2, recorders.summary().liveLatencyMs().count());
    }

    @Test
    void closingTwiceWritesTheLastIntervalOnceAndWritingAfterCloseFails() throws IOException {
        QoeLog log = QoeLog.open(recorders, dir, START);
        log.close(START + 1_000);
        log.close(START + 2_000);

        assertEquals(1, read(dir.resolve("startupMs.hlog"), Histogram.class).size());
        assertThrows(IllegalStateException.class, () -> log.writeInterval(START + 3_000));
    }

    private static <T extends EncodableHistogram> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                intervals.add(assertInstanceOf(type, interval));
            }
        }
        return intervals;
    }
}
