package io.glass2glass.player.manifest;

import java.net.URI;

/**
 * A variant stream of a Multivariant Playlist: EXT-X-STREAM-INF and the URI line after it
 * (RFC 8216 §4.3.4.2).
 *
 * @param uri the variant's media playlist, resolved
 * @param bandwidth BANDWIDTH, peak bits per second
 * @param averageBandwidth AVERAGE-BANDWIDTH, or 0 if absent
 * @param width RESOLUTION width, or 0 if absent
 * @param height RESOLUTION height, or 0 if absent
 * @param codecs CODECS as written, or "" if absent
 * @param frameRate FRAME-RATE, or 0 if absent
 * @param audioGroup AUDIO group id, or null if absent
 */
public record Variant(URI uri, long bandwidth, long averageBandwidth, int width, int height, String codecs,
        double frameRate, String audioGroup) {
}
