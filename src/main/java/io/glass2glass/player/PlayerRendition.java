package io.glass2glass.player;

import java.net.URI;

/**
 * A rendition the player can fetch from.
 *
 * @param manifestKey HLS: the media playlist URI; DASH: the Representation id (unique per adaptation set)
 * @param bitrate advertised peak bits per second (HLS BANDWIDTH, DASH @bandwidth)
 */
public record PlayerRendition(String id, boolean video, long bitrate, int width, int height, URI playlist, String manifestKey) {}
