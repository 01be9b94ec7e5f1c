package io.glass2glass.player.manifest;

import java.net.URI;
import java.util.List;

/**
 * An HLS Multivariant Playlist (RFC 8216 §4.3.4): the variant streams a player chooses between and
 * the alternative renditions they refer to.
 *
 * @param uri where the playlist was fetched from; every URI below is resolved against it
 * @param variants the EXT-X-STREAM-INF entries in playlist order (I-frame-only variants are not listed)
 * @param media the EXT-X-MEDIA entries in playlist order
 * @param independentSegments whether EXT-X-INDEPENDENT-SEGMENTS is present (§4.3.5.1)
 */
public record MultivariantPlaylist(URI uri, List<Variant> variants, List<Rendition> media, boolean independentSegments) {

    public MultivariantPlaylist {
        variants = List.copyOf(variants);
        media = List.copyOf(media);
    }
}
