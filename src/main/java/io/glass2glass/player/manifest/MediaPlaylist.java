package io.glass2glass.player.manifest;

import java.net.URI;
import java.util.List;

/**
 * An HLS Media Playlist (RFC 8216 §4.3.3, §4.3.2): the segments of one rendition, with what a
 * live player needs to follow it (§6.3.4 reload, §4.4.3.8 server control).
 *
 * @param uri where the playlist was fetched from; every URI below is resolved against it
 * @param version EXT-X-VERSION, 1 if absent
 * @param targetDuration EXT-X-TARGETDURATION in seconds
 * @param mediaSequence EXT-X-MEDIA-SEQUENCE, 0 if absent
 * @param discontinuitySequence EXT-X-DISCONTINUITY-SEQUENCE, 0 if absent
 * @param endList whether EXT-X-ENDLIST is present (no more segments will be added)
 * @param playlistType EXT-X-PLAYLIST-TYPE: EVENT, VOD, or null if absent or unknown
 * @param holdBack EXT-X-SERVER-CONTROL HOLD-BACK in seconds, or 0 if absent
 * @param partHoldBack EXT-X-SERVER-CONTROL PART-HOLD-BACK in seconds, or 0 if absent
 * @param segments in playlist order
 */
public record MediaPlaylist(URI uri, int version, double targetDuration, long mediaSequence, long discontinuitySequence,
        boolean endList, String playlistType, double holdBack, double partHoldBack, List<MediaSegment> segments) {

    public MediaPlaylist {
        segments = List.copyOf(segments);
    }
}
