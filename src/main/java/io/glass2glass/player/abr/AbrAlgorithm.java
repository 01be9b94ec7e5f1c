package io.glass2glass.player.abr;

/**
 * An adaptive-bitrate rule: picks the video rendition of the next segment. One instance per player; an
 * instance keeps state between calls (bandwidth samples, BOLA state), so it is not shared.
 */
public interface AbrAlgorithm {

    /** Index into {@link AbrContext#bitrates()} of the rendition for the next segment. */
    int choose(AbrContext ctx);

    /**
     * Reports a finished media segment download.
     *
     * @param bytes          bytes received
     * @param durationMillis time from request to last byte as the player experienced it, latency included
     * @param nowMillis      when the download finished
     */
    void onSegmentDownloaded(long bytes, long durationMillis, long nowMillis);

    /** Current bandwidth estimate in bits/s, as the algorithm uses it (for reports). */
    long bandwidthEstimate();

    /** The name this algorithm is selected by, e.g. {@code throughput} or {@code fixed:720p}. */
    String name();
}
