package io.glass2glass.player.abr;

import java.util.List;

/**
 * What a player knows when it picks the next video rendition.
 *
 * @param bitrates        advertised bitrate of each video rendition, bits/s, in ascending order
 * @param renditionIds    the renditions' ids, in the same order as {@code bitrates}
 * @param currentIndex    index of the rendition of the last segment downloaded, -1 before the first choice
 * @param bufferSeconds   media buffered ahead of the playhead
 * @param segmentSeconds  nominal segment duration (target duration)
 * @param nowMillis       the player's clock (virtual in tests, real under Gatling)
 * @param liveEdgeLimited true when the buffer cannot grow because the player sits at the live edge
 */
public record AbrContext(List<Long> bitrates, List<String> renditionIds, int currentIndex, double bufferSeconds,
        double segmentSeconds, long nowMillis, boolean liveEdgeLimited) {

    public AbrContext {
        bitrates = List.copyOf(bitrates);
        renditionIds = List.copyOf(renditionIds);
        if (bitrates.isEmpty()) {
            throw new IllegalArgumentException("no video renditions to choose from");
        }
        if (bitrates.size() != renditionIds.size()) {
            throw new IllegalArgumentException(bitrates.size() + " bitrates for " + renditionIds.size() + " rendition ids");
        }
        for (int i = 0; i < bitrates.size(); i++) {
            if (bitrates.get(i) <= 0 || (i > 0 && bitrates.get(i) < bitrates.get(i - 1))) {
                throw new IllegalArgumentException("bitrates must be positive and ascending: " + bitrates);
            }
        }
        if (currentIndex < -1 || currentIndex >= bitrates.size()) {
            throw new IllegalArgumentException("current rendition index " + currentIndex + " is outside 0.." + (bitrates.size() - 1));
        }
        if (!(bufferSeconds >= 0) || !(segmentSeconds >= 0) || Double.isInfinite(bufferSeconds) || Double.isInfinite(segmentSeconds)) {
            throw new IllegalArgumentException("buffer and segment durations must be finite and non-negative");
        }
    }

    /** Number of video renditions. */
    public int size() {
        return bitrates.size();
    }

    /** Bitrate of rendition {@code index}, bits/s. */
    public long bitrate(int index) {
        return bitrates.get(index);
    }

    /** Index of the top rendition. */
    public int topIndex() {
        return bitrates.size() - 1;
    }
}
