package io.glass2glass.player.manifest;

import java.net.URI;

/**
 * One media segment of a Media Playlist (RFC 8216 §3, §4.3.2).
 *
 * @param sequenceNumber media sequence number: EXT-X-MEDIA-SEQUENCE plus the segment's position (§4.3.3.2)
 * @param uri the segment, resolved
 * @param duration EXTINF duration in seconds
 * @param title EXTINF title, or "" if absent
 * @param programDateTimeMillis wall-clock time of the first sample (EXT-X-PROGRAM-DATE-TIME); when the
 *     segment carries none, derived from the nearest segment that does by adding or subtracting
 *     durations; {@link Long#MIN_VALUE} if no segment of the playlist carries one
 * @param discontinuity whether EXT-X-DISCONTINUITY precedes the segment
 * @param discontinuitySequence EXT-X-DISCONTINUITY-SEQUENCE plus the discontinuities up to and including this segment
 * @param byteRange EXT-X-BYTERANGE, or null for the whole resource
 * @param init the EXT-X-MAP in effect, or null
 * @param gap whether EXT-X-GAP marks the segment as missing (§4.4.4.7)
 */
public record MediaSegment(long sequenceNumber, URI uri, double duration, String title, long programDateTimeMillis,
        boolean discontinuity, long discontinuitySequence, ByteRange byteRange, InitSection init, boolean gap) {

    MediaSegment withProgramDateTime(long millis) {
        return new MediaSegment(sequenceNumber, uri, duration, title, millis, discontinuity, discontinuitySequence,
                byteRange, init, gap);
    }
}
