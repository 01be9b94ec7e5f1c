package io.glass2glass.player.manifest;

import java.net.URI;

/**
 * An alternative rendition of a Multivariant Playlist: EXT-X-MEDIA (RFC 8216 §4.3.4.1).
 *
 * @param type AUDIO, VIDEO, SUBTITLES or CLOSED-CAPTIONS
 * @param groupId GROUP-ID, which variants name in their AUDIO, VIDEO or SUBTITLES attribute
 * @param language LANGUAGE, or null if absent
 * @param isDefault DEFAULT=YES
 * @param autoselect AUTOSELECT=YES, or DEFAULT=YES (which implies it)
 * @param uri the rendition's media playlist, resolved, or null when it is muxed into the variant's stream
 */
public record Rendition(String type, String groupId, String name, String language, boolean isDefault,
        boolean autoselect, URI uri) {
}
