package io.glass2glass.qoe;

import io.glass2glass.qoe.QoeSummary.Distribution;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleRecorder;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One QoE metric: an HdrHistogram recorder that players write into without locking, and the
 * whole-run total of every interval taken from it.
 *
 * <p>Intervals are taken by the interval log; a summary taken in between drains the recorder too,
 * so its values are kept as pending and handed to the log with the next interval — every value
 * lands in exactly one interval and in the total.
 */
abstract sealed class QoeMetric permits QoeMetric.Longs, QoeMetric.Doubles {

    /** Three significant digits: 0.1% value resolution over an auto-resizing range. */
    static final int SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final String description;
    private final boolean higherIsBetter;

    QoeMetric(String name, String description) {
        this.name = name;
        this.description = description;
        this.higherIsBetter = QoeRecorders.higherIsBetter(name);
    }

    /** The metric's name, also its interval log's file name without {@code .hlog}. */
    final String name() {
        return name;
    }

    /** What the metric measures and in which unit, for the interval log's header. */
    final String description() {
        return description;
    }

    /** Whether more is better ({@link QoeRecorders#higherIsBetter}): then its total carries the low tail. */
    final boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Takes the values recorded since the previous interval (pending ones included). */
    abstract EncodableHistogram takeInterval();

    /** Percentiles over the whole run, including values not yet taken into an interval. */
    abstract Distribution total();

    /** A copy of the whole run's histogram, including values not yet taken into an interval. */
    abstract EncodableHistogram totalHistogram();

    /** A metric of whole numbers (milliseconds, counts, kb/s) on a {@link Recorder}. */
    static final class Longs extends QoeMetric {
        private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
        private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
        private Histogram pending;

        Longs(String name, String description) {
            super(name, description);
        }

        /** Records one value; negative values (clock steps) count as zero rather than fail the caller. */
        void record(long value) {
            recorder.recordValue(Math.max(0, value));
        }

        @Override
        synchronized Histogram takeInterval() {
            Histogram interval = drain();
            pending = null;
            return interval;
        }

        @Override
        synchronized Distribution total() {
            drain();
            return Distribution.of(total, higherIsBetter());
        }

        @Override
        synchronized Histogram totalHistogram() {
            drain();
            return total.copy();
        }

        private Histogram drain() {
            Histogram fresh = recorder.getIntervalHistogram();
            total.add(fresh);
            if (pending == null) {
                pending = fresh;
            } else {
                pending.add(fresh);
            }
            return pending;
        }
    }

    /** A metric of fractions (ratios) on a {@link DoubleRecorder}. */
    static final class Doubles extends QoeMetric {
        private final DoubleRecorder recorder = new DoubleRecorder(SIGNIFICANT_DIGITS);
        private final DoubleHistogram total = new DoubleHistogram(SIGNIFICANT_DIGITS);
        private DoubleHistogram pending;

        Doubles(String name, String description) {
            super(name, description);
        }

        /** Records one value; negative and NaN values count as zero rather than fail the caller. */
        void record(double value) {
            recorder.recordValue(value > 0 ? value : 0);
        }

        @Override
        synchronized DoubleHistogram takeInterval() {
            DoubleHistogram interval = drain();
            pending = null;
            return interval;
        }

        @Override
        synchronized Distribution total() {
            drain();
            return Distribution.of(total, higherIsBetter());
        }

        @Override
        synchronized DoubleHistogram totalHistogram() {
            drain();
            return total.copy();
        }

        private DoubleHistogram drain() {
            DoubleHistogram fresh = recorder.getIntervalHistogram();
            total.add(fresh);
            if (pending == null) {
                pending = fresh;
            } else {
                pending.add(fresh);
            }
            return pending;
        }
    }
}
