package io.glass2glass.player.abr;

import java.util.ArrayDeque;

/**
 * Throughput average as dash.js keeps it for its rules ({@code src/streaming/rules/ThroughputHistory.js}, default
 * {@code movingAverageMethod: slidingWindow}): the mean of the last {@code averageThroughputSampleAmount.live} 3
 * samples, widened by one for each of them that differs from its predecessor by a factor of 1.3 or more
 * ({@code throughputIncreaseScale}, {@code throughputDecreaseScale}), out of at most {@code maxMeasurementsToKeep} 20.
 * Downloads faster than {@code cacheLoadThresholds.video} 50 ms look like cache hits: they are kept only until the
 * first slower download arrives, then dropped, so they cannot inflate the average.
 *
 * <p>dash.js measures throughput without the request latency ({@code useDeadTimeLatency}) and discounts the latency
 * afterwards in {@code getQualityForBitrate}; the player reports one duration with latency included, which folds both
 * into the sample.
 */
final class SlidingWindowThroughput {

    static final int MAX_MEASUREMENTS_TO_KEEP = 20;
    static final int AVERAGE_THROUGHPUT_SAMPLE_AMOUNT_LIVE = 3;
    static final double THROUGHPUT_INCREASE_SCALE = 1.3;
    static final double THROUGHPUT_DECREASE_SCALE = 1.3;
    static final long CACHE_LOAD_THRESHOLD_VIDEO_MILLIS = 50;

    /** Samples in kbit/s (bits per millisecond), oldest first. */
    private final ArrayDeque<Double> samples = new ArrayDeque<>();
    private boolean hasCachedEntries;

    void push(long bytes, long durationMillis) {
        long millis = Math.max(1, durationMillis);
        double kbps = Math.round(8.0 * bytes / millis);
        if (millis < CACHE_LOAD_THRESHOLD_VIDEO_MILLIS) {
            if (!samples.isEmpty() && !hasCachedEntries) {
                return;
            }
            hasCachedEntries = true;
        } else if (hasCachedEntries) {
            samples.clear();
            hasCachedEntries = false;
        }
        samples.addLast(kbps);
        if (samples.size() > MAX_MEASUREMENTS_TO_KEEP) {
            samples.removeFirst();
        }
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Average throughput in bits/s, NaN before the first sample (dash.js {@code getAverageThroughput}). */
    double average() {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        Double[] arr = samples.toArray(new Double[0]);
        int sampleSize = sampleSize(arr);
        double total = 0;
        for (int i = arr.length - sampleSize; i < arr.length; i++) {
            total += arr[i];
        }
        return total / sampleSize * 1000;
    }

    private static int sampleSize(Double[] arr) {
        int sampleSize = AVERAGE_THROUGHPUT_SAMPLE_AMOUNT_LIVE;
        if (sampleSize >= arr.length) {
            return arr.length;
        }
        // If throughput samples vary a lot, average over a wider sample.
        for (int i = 1; i < sampleSize; ++i) {
            double ratio = arr[arr.length - i] / arr[arr.length - i - 1];
            if (ratio >= THROUGHPUT_INCREASE_SCALE || ratio <= 1 / THROUGHPUT_DECREASE_SCALE) {
                sampleSize += 1;
                if (sampleSize == arr.length) {
                    break;
                }
            }
        }
        return sampleSize;
    }
}
