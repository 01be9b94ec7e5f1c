package io.glass2glass.player.abr;

/**
 * Throughput-based rendition choice as hls.js makes it ({@code src/controller/abr-controller.ts},
 * {@code AbrController}: {@code firstAutoLevel}, {@code getNextABRAutoLevel}, {@code findBestLevel}), over an
 * {@link EwmaBandwidthEstimator}.
 *
 * <p>From the top rendition down, a rendition fits when its bitrate is at most the estimate times
 * {@code abrBandWidthFactor} 0.95 (at or below the current rendition) or {@code abrBandWidthUpFactor} 0.7 (above it,
 * switching up), and fetching one segment of it at that adjusted bandwidth takes less than the buffer ahead. The
 * first pass allows no rebuffering at all; if nothing fits, a second pass allows {@code maxStarvationDelay} (4 s,
 * at most one segment) of it; if still nothing fits, the lowest rendition is taken when it is cheaper than the
 * current one, else the current one is kept. The first choice (no sample yet) uses factor 1 and a 4 s budget from an
 * empty buffer, with the estimate raised to at least the lowest bitrate, as {@code firstAutoLevel} does.
 *
 * <p>hls.js skips the fetch-time check for live playlists "to avoid switching down when near the edge of live sliding
 * window"; the context says when the player is held at the live edge, which is that situation, so the check is skipped
 * when {@link AbrContext#liveEdgeLimited()} is set. Left out, because the player model does not have them: the
 * time-to-first-byte estimate and playlist-load time in the fetch time, codec/HDR/frame-rate tiers, per-level error
 * history, the bitrate test, and the emergency abandon rule ({@code _abandonRulesCheck}), which needs progress events
 * inside a download.
 */
public final class ThroughputAbr implements AbrAlgorithm {

    /** hls.js {@code abrBandWidthFactor}. */
    public static final double BANDWIDTH_FACTOR = 0.95;
    /** hls.js {@code abrBandWidthUpFactor}. */
    public static final double BANDWIDTH_UP_FACTOR = 0.7;
    /** hls.js {@code maxStarvationDelay} (and {@code maxLoadingDelay}), seconds. */
    public static final double MAX_STARVATION_DELAY_SECONDS = 4.0;

    private final EwmaBandwidthEstimator estimator;

    public ThroughputAbr() {
        this(new EwmaBandwidthEstimator());
    }

    public ThroughputAbr(EwmaBandwidthEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public int choose(AbrContext ctx) {
        if (ctx.size() == 1) {
            return 0;
        }
        double bandwidth = estimator.estimate();
        int current = ctx.currentIndex();
        if (current < 0 || !estimator.canEstimate()) {
            int first = findBestLevel(ctx, Math.max(bandwidth, ctx.bitrate(0)), 0, 0, MAX_STARVATION_DELAY_SECONDS, 1, 1);
            return Math.max(first, 0);
        }
        double buffer = ctx.bufferSeconds();
        if (buffer > 0) {
            int best = findBestLevel(ctx, bandwidth, current, buffer, 0, BANDWIDTH_FACTOR, BANDWIDTH_UP_FACTOR);
            if (best >= 0) {
                return best;
            }
        }
        double segment = ctx.segmentSeconds();
        double maxStarvation = segment > 0 ? Math.min(segment, MAX_STARVATION_DELAY_SECONDS) : MAX_STARVATION_DELAY_SECONDS;
        int best = findBestLevel(ctx, bandwidth, current, buffer, maxStarvation, BANDWIDTH_FACTOR, BANDWIDTH_UP_FACTOR);
        if (best >= 0) {
            return best;
        }
        return ctx.bitrate(0) < ctx.bitrate(current) ? 0 : current;
    }

    /** The highest rendition that fits, or -1 (hls.js {@code findBestLevel}). */
    private static int findBestLevel(AbrContext ctx, double bandwidth, int baseLevel, double bufferStarvationDelay,
            double maxStarvationDelay, double bwFactor, double bwUpFactor) {
        double maxFetchDuration = bufferStarvationDelay + maxStarvationDelay;
        for (int i = ctx.topIndex(); i >= 0; i--) {
            double adjusted = (i > baseLevel ? bwUpFactor : bwFactor) * bandwidth;
            long bitrate = ctx.bitrate(i);
            double fetchDuration = bitrate * ctx.segmentSeconds() / adjusted;
            boolean fits = adjusted >= bitrate
                    && (fetchDuration <= 0 || !Double.isFinite(fetchDuration) || ctx.liveEdgeLimited() || fetchDuration < maxFetchDuration);
            if (fits) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void onSegmentDownloaded(long bytes, long durationMillis, long nowMillis) {
        estimator.sample(durationMillis, bytes);
    }

    @Override
    public long bandwidthEstimate() {
        return Math.round(estimator.estimate());
    }

    @Override
    public String name() {
        return "throughput";
    }
}
