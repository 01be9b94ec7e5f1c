package io.glass2glass.qoe;

import io.glass2glass.media.ObjectKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.DoubleHistogram;

/**
 * The QoE of a whole run, computed from the per-metric totals of {@link QoeRecorders}: a
 * {@link Distribution} per metric and the run's counters. Names follow CTA-2066.
 *
 * @param players             how many players joined and how their sessions went
 * @param startupMs           video start time per started player, ms
 * @param rebufferCount       stalls per started player
 * @param rebufferMs          time stalled per started player, ms
 * @param rebufferRatio       rebuffering ratio per started player (stalled / watched, a fraction)
 * @param avgBitrateKbps      time-weighted average bitrate per started player, kb/s
 * @param switches            rendition switches per started player
 * @param liveLatencyMs       live latency samples (wall clock minus the capture time of the frame on screen), ms
 * @param lateSegments        segments downloaded slower than real time, per player that downloaded any
 * @param scheduleSkewMs      how late players sent requests compared with when they meant to, ms
 * @param stallMillis         time stalled, summed over all players
 * @param watchMillis         time watched since start-up, summed over all players
 * @param lateSegmentsTotal   segments downloaded slower than real time, over all players
 * @param segmentsDownloaded  segments downloaded, over all players
 * @param abandonedSegmentsTotal video segment downloads abandoned for a lower rendition, over all players
 * @param millisPerRendition  media time played at each rendition over all players, ms, by rendition id
 * @param requests            request counts and latencies by kind (every one of {@link ObjectKind#PLAYER_REQUESTS})
 */
public record QoeSummary(
        Players players,
        Distribution startupMs,
        Distribution rebufferCount,
        Distribution rebufferMs,
        Distribution rebufferRatio,
        Distribution avgBitrateKbps,
        Distribution switches,
        Distribution liveLatencyMs,
        Distribution lateSegments,
        Distribution scheduleSkewMs,
        long stallMillis,
        long watchMillis,
        long lateSegmentsTotal,
        long segmentsDownloaded,
        long abandonedSegmentsTotal,
        Map<String, Long> millisPerRendition,
        Map<ObjectKind, Requests> requests) {

    public QoeSummary {
        Objects.requireNonNull(players, "players");
        millisPerRendition = Collections.unmodifiableMap(new TreeMap<>(millisPerRendition));
        EnumMap<ObjectKind, Requests> byKind = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            byKind.put(kind, requests.getOrDefault(kind, Requests.NONE));
        }
        if (!ObjectKind.PLAYER_REQUESTS.containsAll(requests.keySet())) {
            throw new IllegalArgumentException("requests of kinds a player does not request: " + requests.keySet());
        }
        requests = Collections.unmodifiableMap(byKind);
    }

    /**
     * Aggregate rebuffering ratio: all the time stalled over all the time watched, so long sessions
     * weigh more than short ones ({@code 0} when nothing was watched).
     */
    public double rebufferRatioAggregate() {
        return watchMillis <= 0 ? 0 : (double) stallMillis / watchMillis;
    }

    /** The players of the run (CTA-2066 session outcomes). */
    public record Players(long joined, long started, long failedToStart, long playbackFailed) {}

    /**
     * The requests of one kind.
     *
     * @param count              requests made
     * @param errors             requests answered with a status of 400 or more, or not answered at all
     * @param bytes              response bytes received
     * @param latencyMs          from the moment the request was sent to the end of the response, ms
     * @param latencyCorrectedMs from the moment the player meant to send it, ms (corrected for coordinated omission)
     */
    public record Requests(
            long count, long errors, long bytes, Distribution latencyMs, Distribution latencyCorrectedMs) {

        static final Requests NONE = new Requests(0, 0, 0, Distribution.EMPTY, Distribution.EMPTY);
    }

    /**
     * Percentiles of one metric over the whole run, in the metric's unit; all zero when nothing was
     * recorded. Values carry HdrHistogram's precision (three significant digits).
     *
     * @param lowTail the low end, only for a metric where more is better ({@link QoeRecorders#higherIsBetter}):
     *                there the worst viewers sit at the bottom, which the upper percentiles do not show
     */
    public record Distribution(
            long count, double mean, double p50, double p95, double p99, double max, Optional<LowTail> lowTail) {

        /** The distribution of a metric that recorded nothing. */
        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0);

        public Distribution {
            Objects.requireNonNull(lowTail, "lowTail");
        }

        /** A distribution without a low tail (a lower-is-better metric). */
        public Distribution(long count, double mean, double p50, double p95, double p99, double max) {
            this(count, mean, p50, p95, p99, max, Optional.empty());
        }

        /** Reads the percentiles of an integer histogram, without a low tail. */
        public static Distribution of(AbstractHistogram histogram) {
            return of(histogram, false);
        }

        /** Reads the percentiles of an integer histogram, and its low tail when more is better. */
        public static Distribution of(AbstractHistogram histogram, boolean higherIsBetter) {
            if (histogram.getTotalCount() == 0) {
                return empty(higherIsBetter);
            }
            return new Distribution(
                    histogram.getTotalCount(),
                    histogram.getMean(),
                    histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(95),
                    histogram.getValueAtPercentile(99),
                    histogram.getMaxValue(),
                    higherIsBetter ? Optional.of(LowTail.of(histogram)) : Optional.empty());
        }

        /** Reads the percentiles of a floating-point histogram, without a low tail. */
        public static Distribution of(DoubleHistogram histogram) {
            return of(histogram, false);
        }

        /** Reads the percentiles of a floating-point histogram, and its low tail when more is better. */
        public static Distribution of(DoubleHistogram histogram, boolean higherIsBetter) {
            if (histogram.getTotalCount() == 0) {
                return empty(higherIsBetter);
            }
            return new Distribution(
                    histogram.getTotalCount(),
                    histogram.getMean(),
                    histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(95),
                    histogram.getValueAtPercentile(99),
                    // DoubleHistogram.getMaxValue() is astronomically wrong when only zeros were recorded.
                    histogram.getValueAtPercentile(100),
                    higherIsBetter ? Optional.of(LowTail.of(histogram)) : Optional.empty());
        }

        // A higher-is-better metric keeps its low tail (all zero) when empty, so its shape does not depend on the run.
        private static Distribution empty(boolean higherIsBetter) {
            return higherIsBetter ? new Distribution(0, 0, 0, 0, 0, 0, Optional.of(LowTail.EMPTY)) : EMPTY;
        }
    }

    /**
     * The low end of a higher-is-better metric (CTA-2066 average bitrate): the minimum and the 1st, 5th
     * and 10th percentiles, in the metric's unit; all zero when nothing was recorded. The minimum is
     * the lowest value's bucket's lower bound, the percentiles (like {@link Distribution#p50}) their
     * bucket's upper bound, so {@code min <= p1 <= p5 <= p10 <= p50}.
     */
    public record LowTail(double min, double p1, double p5, double p10) {

        /** The low tail of a metric that recorded nothing. */
        public static final LowTail EMPTY = new LowTail(0, 0, 0, 0);

        static LowTail of(AbstractHistogram histogram) {
            return new LowTail(histogram.getMinValue(), histogram.getValueAtPercentile(1),
                    histogram.getValueAtPercentile(5), histogram.getValueAtPercentile(10));
        }

        static LowTail of(DoubleHistogram histogram) {
            return new LowTail(histogram.getMinValue(), histogram.getValueAtPercentile(1),
                    histogram.getValueAtPercentile(5), histogram.getValueAtPercentile(10));
        }
    }
}
