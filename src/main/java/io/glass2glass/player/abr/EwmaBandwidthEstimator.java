package io.glass2glass.player.abr;

/**
 * Bandwidth estimate from download samples, as hls.js computes it ({@code src/utils/ewma-bandwidth-estimator.ts},
 * {@code EwmaBandWidthEstimator}, over {@code src/utils/ewma.ts}, {@code EWMA}; both "heavily inspired from
 * shaka-player"): two exponentially weighted moving averages of the sampled throughput, weighted by each sample's
 * duration in seconds, with half-lives {@code abrEwmaFastLive} 3 s and {@code abrEwmaSlowLive} 9 s. The estimate is
 * the smaller of the two, so it follows drops quickly and rises slowly. Until the samples weigh
 * {@code minWeight_} 0.001 s the estimate is {@code abrEwmaDefaultEstimate}, 500 kb/s.
 *
 * <p>hls.js 1.4+ also subtracts the time to first byte from each sample; the player here reports one duration per
 * download, latency included, which is what hls.js up to 1.3 sampled.
 */
public final class EwmaBandwidthEstimator {

    /** hls.js {@code abrEwmaFastLive} (and {@code abrEwmaFastVoD}), seconds. */
    public static final double FAST_HALF_LIFE_SECONDS = 3.0;
    /** hls.js {@code abrEwmaSlowLive} (and {@code abrEwmaSlowVoD}), seconds. */
    public static final double SLOW_HALF_LIFE_SECONDS = 9.0;
    /** hls.js {@code abrEwmaDefaultEstimate}, bits/s. */
    public static final double DEFAULT_ESTIMATE_BPS = 500_000;
    /** hls.js {@code minWeight_}: total sample weight, in seconds, before the estimate is trusted. */
    public static final double MIN_WEIGHT_SECONDS = 0.001;
    /** hls.js {@code minDelayMs_}: shorter samples count as this long. */
    public static final long MIN_DELAY_MILLIS = 50;

    private final Ewma slow;
    private final Ewma fast;
    private final double defaultEstimate;

    /** The hls.js defaults. */
    public EwmaBandwidthEstimator() {
        this(SLOW_HALF_LIFE_SECONDS, FAST_HALF_LIFE_SECONDS, DEFAULT_ESTIMATE_BPS);
    }

    /** Argument order as hls.js's constructor: slow half-life, fast half-life, default estimate (bits/s). */
    public EwmaBandwidthEstimator(double slowHalfLifeSeconds, double fastHalfLifeSeconds, double defaultEstimateBps) {
        if (!(slowHalfLifeSeconds > 0) || !(fastHalfLifeSeconds > 0) || !(defaultEstimateBps > 0)) {
            throw new IllegalArgumentException("half-lives and the default estimate must be positive");
        }
        this.slow = new Ewma(slowHalfLifeSeconds);
        this.fast = new Ewma(fastHalfLifeSeconds);
        this.defaultEstimate = defaultEstimateBps;
    }

    /** Adds a download of {@code bytes} that took {@code durationMillis} (hls.js {@code sample(durationMs, numBytes)}). */
    public void sample(long durationMillis, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        double seconds = Math.max(durationMillis, MIN_DELAY_MILLIS) / 1000.0;
        double bitsPerSecond = 8.0 * bytes / seconds;
        fast.sample(seconds, bitsPerSecond);
        slow.sample(seconds, bitsPerSecond);
    }

    /** True once enough has been sampled for {@link #estimate()} to come from the samples. */
    public boolean canEstimate() {
        return fast.totalWeight >= MIN_WEIGHT_SECONDS;
    }

    /** Estimated bandwidth in bits/s: min(fast, slow) once it can estimate, else the default estimate. */
    public double estimate() {
        return canEstimate() ? Math.min(fast.estimate(), slow.estimate()) : defaultEstimate;
    }

    /** hls.js {@code EWMA}: an exponentially weighted moving average whose weights are sample durations. */
    private static final class Ewma {
        private final double alpha;
        private double estimate;
        private double totalWeight;

        Ewma(double halfLife) {
            // Larger values of alpha expire historical data more slowly.
            this.alpha = Math.exp(Math.log(0.5) / halfLife);
        }

        void sample(double weight, double value) {
            double adjAlpha = Math.pow(alpha, weight);
            estimate = value * (1 - adjAlpha) + adjAlpha * estimate;
            totalWeight += weight;
        }

        double estimate() {
            // The average starts at 0; dividing by the weight it has accumulated removes that bias.
            double zeroFactor = 1 - Math.pow(alpha, totalWeight);
            return zeroFactor > 0 ? estimate / zeroFactor : estimate;
        }
    }
}
