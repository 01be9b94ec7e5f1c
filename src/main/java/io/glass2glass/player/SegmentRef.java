package io.glass2glass.player;

import java.net.URI;

/**
 * A media segment of one rendition as the player schedules it, whatever the manifest format.
 *
 * @param number HLS media sequence number or DASH segment number
 * @param startMs program time (wall-clock time of capture) of its first frame, or
 *     {@link Long#MIN_VALUE} when the manifest does not say (HLS without PROGRAM-DATE-TIME)
 * @param rangeStart first byte of a byte range, or -1 for the whole resource
 * @param initUri the CMAF header / EXT-X-MAP in effect, or null (e.g. MPEG-TS)
 */
public record SegmentRef(
        long number,
        URI uri,
        long rangeStart,
        long rangeLength,
        long startMs,
        long durationMs,
        boolean discontinuity,
        URI initUri,
        long initRangeStart,
        long initRangeLength) {

    public boolean hasProgramTime() {
        return startMs != Long.MIN_VALUE;
    }

    /** Identifies the init section (URI and range) so each is fetched once per rendition. */
    public String initKey() {
        return initUri == null ? null : initKey(initUri, initRangeStart, initRangeLength);
    }

    /** The key of an init section by URI and range, as {@link #initKey()} names it (the player marks loaded inits with it). */
    static String initKey(URI uri, long rangeStart, long rangeLength) {
        return uri + "#" + rangeStart + "-" + rangeLength;
    }
}
