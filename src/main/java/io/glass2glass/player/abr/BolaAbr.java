package io.glass2glass.player.abr;

import java.util.ArrayList;
import java.util.List;

/**
 * Buffer-based rendition choice with BOLA (Spiteri, Urgaonkar, Sitaraman, "BOLA: Near-Optimal Bitrate Adaptation for
 * Online Videos", INFOCOM 2016), as dash.js runs it ({@code src/streaming/rules/abr/BolaRule.js}, dash.js 3.x–4.x
 * defaults).
 *
 * <p>Utilities are {@code ln(bitrate_i) - ln(bitrate_0) + 1}; the buffer target is
 * {@code max(stableBufferTime 12, MINIMUM_BUFFER_S 10 + MINIMUM_BUFFER_PER_BITRATE_LEVEL_S 2 * n)};
 * {@code gp = (utility_max - 1) / (bufferTarget / MINIMUM_BUFFER_S - 1)}, {@code Vp = MINIMUM_BUFFER_S / gp}, and the
 * rendition is the argmax of {@code (Vp * (utility_i + gp) - bufferLevel) / bitrate_i} (ties to the higher one).
 *
 * <p>Implemented as in dash.js:
 * <ul>
 *   <li>{@code BOLA_STATE_STARTUP}: the highest rendition within the safe throughput (average × 0.9,
 *       {@code bandwidthSafetyFactor}) until, after a download, the buffer holds one segment; the placeholder buffer
 *       is set so that BOLA would pick that same rendition. Before any sample the first choice comes from dash.js's
 *       initial video bitrate, 1000 kb/s ({@code DEFAULT_VIDEO_BITRATE}), and later ones keep the current rendition
 *       ({@code NO_CHANGE}).</li>
 *   <li>{@code BOLA_STATE_STEADY}: BOLA on buffer + placeholder buffer, with the BOLA-O rule (never switch up past
 *       the safe throughput's rendition, never below the last one because of it).</li>
 *   <li>The placeholder buffer ({@code updatePlaceholderBuffer}, {@code checkNewSegment}): it grows by the time the
 *       player waits between the end of a download and its next choice, decays by 0.99 a segment, is trimmed so
 *       the effective buffer at the last request does not exceed what the last rendition justifies, and is used up
 *       first when BOLA would rather wait than fetch. A choice made with an empty buffer resets it, as dash.js's
 *       {@code BUFFER_EMPTY} does.</li>
 *   <li>Throughput: the dash.js sliding-window average ({@link SlidingWindowThroughput}).</li>
 * </ul>
 *
 * <p>Live edge: dash.js does not lower the BOLA buffer target for live streams. {@code calculateBolaParameters} takes
 * {@code max(stableBufferTime, MINIMUM_BUFFER_S + MINIMUM_BUFFER_PER_BITRATE_LEVEL_S * n)}, so even low-latency
 * mode's smaller {@code stableBufferTime} ({@code MediaPlayerModel.getStableBufferTime}: live delay × 0.6) leaves it
 * unchanged, and a target below {@code MINIMUM_BUFFER_S} would make {@code gp} negative. A player held at the live
 * edge reaches the higher renditions through the placeholder buffer instead ("in live streaming, the real buffer
 * level can drop below minimumBufferS, but bola should not stick to lowest bitrate by using a placeholder buffer
 * level"): the wait for the next segment to be published is exactly the delay it credits. So
 * {@link AbrContext#liveEdgeLimited()} is not used, and {@link AbrContext#nowMillis()} matters: call
 * {@link #choose} when about to request the next segment.
 *
 * <p>Left out: the download delay BOLA asks of the schedule controller ({@code setTimeToLoadDelay}; the player model
 * decides when to fetch), replacement segments (fast switching), abandonment ({@code onFragmentLoadingAbandoned}),
 * the dead-time latency discount of {@code getQualityForBitrate} (the samples already include latency), and seeking.
 */
public final class BolaAbr implements AbrAlgorithm {

    public static final double MINIMUM_BUFFER_S = 10;
    public static final double MINIMUM_BUFFER_PER_BITRATE_LEVEL_S = 2;
    /** dash.js {@code DEFAULT_MIN_BUFFER_TIME} (stableBufferTime without fast switching), seconds. */
    public static final double STABLE_BUFFER_TIME_S = 12;
    public static final double PLACEHOLDER_BUFFER_DECAY = 0.99;
    /** dash.js {@code bandwidthSafetyFactor}. */
    public static final double BANDWIDTH_SAFETY_FACTOR = 0.9;
    /** dash.js {@code DEFAULT_VIDEO_BITRATE}, 1000 kb/s, in bits/s. */
    public static final long INITIAL_BITRATE_BPS = 1_000_000;

    private static final long NONE = Long.MIN_VALUE;

    private enum State { STARTUP, STEADY }

    private final SlidingWindowThroughput throughput = new SlidingWindowThroughput();
    private Parameters parameters;
    private State state = State.STARTUP;
    private double placeholderBuffer;
    private int lastQuality;
    private boolean segmentLoaded;
    private long lastCallTimeMs = NONE;
    private long lastSegmentRequestTimeMs = NONE;
    private long lastSegmentFinishTimeMs = NONE;
    private int segmentsSinceLastChoice;

    @Override
    public int choose(AbrContext ctx) {
        if (parameters == null || !parameters.bitrates().equals(ctx.bitrates())) {
            reset(Parameters.of(ctx.bitrates(), STABLE_BUFFER_TIME_S));
        }
        if (parameters.oneBitrate()) {
            return Math.max(ctx.currentIndex(), 0);
        }
        double bufferLevel = ctx.bufferSeconds();
        checkNewSegments(ctx);
        if (throughput.isEmpty()) {
            return ctx.currentIndex() >= 0 ? ctx.currentIndex() : qualityForBitrate(ctx, INITIAL_BITRATE_BPS);
        }
        double safeThroughput = throughput.average() * BANDWIDTH_SAFETY_FACTOR;
        if (state == State.STARTUP) {
            int quality = qualityForBitrate(ctx, safeThroughput);
            placeholderBuffer = Math.max(0, parameters.minBufferLevelFor(quality) - bufferLevel);
            lastQuality = quality;
            if (segmentLoaded && bufferLevel >= ctx.segmentSeconds()) {
                state = State.STEADY;
            }
            return quality;
        }
        updatePlaceholderBuffer(ctx.nowMillis());
        if (bufferLevel <= 0) {
            placeholderBuffer = 0;
        }
        int quality = parameters.qualityFor(bufferLevel + placeholderBuffer);
        // BOLA-O: when the bandwidth lies between two renditions, stay on the lower one instead of oscillating.
        int qualityForThroughput = qualityForBitrate(ctx, safeThroughput);
        if (quality > lastQuality && quality > qualityForThroughput) {
            quality = Math.max(qualityForThroughput, lastQuality);
        }
        // BOLA would rather wait than fetch this rendition; it cannot delay the player, so spend the placeholder first.
        double delay = Math.max(0, bufferLevel + placeholderBuffer - parameters.maxBufferLevelFor(quality));
        placeholderBuffer = delay <= placeholderBuffer ? placeholderBuffer - delay : 0;
        lastQuality = quality;
        return quality;
    }

    @Override
    public void onSegmentDownloaded(long bytes, long durationMillis, long nowMillis) {
        throughput.push(bytes, durationMillis);
        segmentLoaded = true;
        lastSegmentFinishTimeMs = nowMillis;
        lastSegmentRequestTimeMs = nowMillis - Math.max(0, durationMillis);
        segmentsSinceLastChoice++;
    }

    @Override
    public long bandwidthEstimate() {
        return throughput.isEmpty() ? INITIAL_BITRATE_BPS : Math.round(throughput.average());
    }

    @Override
    public String name() {
        return "bola";
    }

    /** Current placeholder buffer, seconds (for tests and reports). */
    public double placeholderBuffer() {
        return placeholderBuffer;
    }

    /** True once past the startup state. */
    public boolean steady() {
        return state == State.STEADY;
    }

    private void reset(Parameters p) {
        parameters = p;
        state = State.STARTUP;
        placeholderBuffer = 0;
        lastQuality = 0;
        lastCallTimeMs = NONE;
    }

    /**
     * dash.js {@code checkNewSegment}, run when the player next asks rather than on its fragment-loaded event: the
     * buffer level then is estimated from the one now, assuming playback ran since the download finished.
     */
    private void checkNewSegments(AbrContext ctx) {
        if (segmentsSinceLastChoice == 0) {
            return;
        }
        if (ctx.currentIndex() >= 0) {
            lastQuality = ctx.currentIndex();
        }
        placeholderBuffer *= Math.pow(PLACEHOLDER_BUFFER_DECAY, segmentsSinceLastChoice);
        segmentsSinceLastChoice = 0;
        double bufferAtFinish = ctx.bufferSeconds() + Math.max(0, ctx.nowMillis() - lastSegmentFinishTimeMs) / 1000.0;
        double bufferAtLastSegmentRequest = bufferAtFinish + (lastSegmentFinishTimeMs - lastSegmentRequestTimeMs) / 1000.0;
        double maxPlaceholderBuffer = Math.max(0, parameters.maxBufferLevelFor(lastQuality) - bufferAtLastSegmentRequest);
        placeholderBuffer = Math.min(maxPlaceholderBuffer, placeholderBuffer);
        lastSegmentRequestTimeMs = NONE;
    }

    /** dash.js {@code updatePlaceholderBuffer}: credit delays that did not come from downloading. */
    private void updatePlaceholderBuffer(long nowMs) {
        if (lastSegmentFinishTimeMs != NONE) {
            placeholderBuffer += Math.max(0, nowMs - lastSegmentFinishTimeMs) / 1000.0;
        } else if (lastCallTimeMs != NONE) {
            placeholderBuffer += Math.max(0, nowMs - lastCallTimeMs) / 1000.0;
        }
        lastCallTimeMs = nowMs;
        lastSegmentFinishTimeMs = NONE;
    }

    /** dash.js {@code AbrController.getQualityForBitrate}: the highest rendition at or below {@code bitsPerSecond}. */
    private static int qualityForBitrate(AbrContext ctx, double bitsPerSecond) {
        for (int i = ctx.topIndex(); i >= 0; i--) {
            if (bitsPerSecond >= ctx.bitrate(i)) {
                return i;
            }
        }
        return 0;
    }

    /**
     * BOLA's parameters for one ladder (dash.js {@code getInitialBolaState}, {@code calculateBolaParameters}).
     *
     * @param bitrates     bits/s, ascending
     * @param utilities    {@code ln(bitrate_i) - ln(bitrate_0) + 1}
     * @param bufferTarget seconds at which BOLA reaches the top rendition
     * @param gp           BOLA's {@code gp}
     * @param vp           BOLA's {@code Vp}
     */
    public record Parameters(List<Long> bitrates, List<Double> utilities, double bufferTarget, double gp, double vp) {

        public Parameters {
            bitrates = List.copyOf(bitrates);
            utilities = List.copyOf(utilities);
        }

        /** Parameters for {@code bitrates} (ascending, bits/s) with dash.js's {@code stableBufferTime}. */
        public static Parameters of(List<Long> bitrates, double stableBufferTime) {
            double u0 = Math.log(bitrates.get(0));
            List<Double> utilities = new ArrayList<>(bitrates.size());
            int highestUtilityIndex = 0;
            for (int i = 0; i < bitrates.size(); i++) {
                utilities.add(Math.log(bitrates.get(i)) - u0 + 1);
                if (utilities.get(i) > utilities.get(highestUtilityIndex)) {
                    highestUtilityIndex = i;
                }
            }
            double bufferTarget = Math.max(stableBufferTime, MINIMUM_BUFFER_S + MINIMUM_BUFFER_PER_BITRATE_LEVEL_S * bitrates.size());
            if (highestUtilityIndex == 0) {
                return new Parameters(bitrates, utilities, bufferTarget, Double.NaN, Double.NaN);
            }
            double gp = (utilities.get(highestUtilityIndex) - 1) / (bufferTarget / MINIMUM_BUFFER_S - 1);
            double vp = MINIMUM_BUFFER_S / gp;
            return new Parameters(bitrates, utilities, bufferTarget, gp, vp);
        }

        /** True when no rendition has a higher utility than the first (dash.js {@code BOLA_STATE_ONE_BITRATE}). */
        public boolean oneBitrate() {
            return Double.isNaN(gp);
        }

        /** The rendition BOLA picks at {@code bufferLevel} seconds (dash.js {@code getQualityFromBufferLevel}). */
        public int qualityFor(double bufferLevel) {
            int quality = 0;
            double score = Double.NaN;
            for (int i = 0; i < bitrates.size(); i++) {
                double s = (vp * (utilities.get(i) + gp) - bufferLevel) / bitrates.get(i);
                if (Double.isNaN(score) || s >= score) {
                    score = s;
                    quality = i;
                }
            }
            return quality;
        }

        /** The highest buffer level at which BOLA still prefers fetching {@code quality} to waiting. */
        public double maxBufferLevelFor(int quality) {
            return vp * (utilities.get(quality) + gp);
        }

        /** The lowest buffer level at which BOLA picks {@code quality} over every lower rendition. */
        public double minBufferLevelFor(int quality) {
            long qBitrate = bitrates.get(quality);
            double qUtility = utilities.get(quality);
            double min = 0;
            for (int i = quality - 1; i >= 0; --i) {
                if (utilities.get(i) < qUtility) {
                    long iBitrate = bitrates.get(i);
                    double iUtility = utilities.get(i);
                    double level = vp * (gp + (qBitrate * iUtility - iBitrate * qUtility) / (qBitrate - iBitrate));
                    min = Math.max(min, level);
                }
            }
            return min;
        }
    }
}
