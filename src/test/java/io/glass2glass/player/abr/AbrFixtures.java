package io.glass2glass.player.abr;

import java.util.List;

/** A four-rung ladder and helpers shared by the ABR tests. */
final class AbrFixtures {

    static final List<Long> BITRATES = List.of(400_000L, 1_000_000L, 2_500_000L, 5_000_000L);
    static final List<String> IDS = List.of("360p", "480p", "720p", "1080p");
    static final double SEGMENT_SECONDS = 2.0;

    private AbrFixtures() {}

    static AbrContext ctx(int current, double bufferSeconds, long nowMillis, boolean liveEdgeLimited) {
        return new AbrContext(BITRATES, IDS, current, bufferSeconds, SEGMENT_SECONDS, nowMillis, liveEdgeLimited);
    }

    /** Bytes of one segment of rendition {@code index}. */
    static long segmentBytes(int index) {
        return Math.round(BITRATES.get(index) * SEGMENT_SECONDS / 8);
    }

    /** A 2 s download that measures exactly {@code bitsPerSecond}. */
    static void sampleAt(AbrAlgorithm abr, double bitsPerSecond, long nowMillis) {
        abr.onSegmentDownloaded(Math.round(bitsPerSecond * 2 / 8), 2000, nowMillis);
    }
}
