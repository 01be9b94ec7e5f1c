package io.glass2glass.player;

import java.util.List;

/**
 * The manifest side of a player, per format: what to load and reload, which renditions exist, and
 * which segments of a rendition are available now. The {@link Player} schedules everything else.
 */
interface LiveManifests {

    /** A manifest (or clock) request due at {@code now} for the renditions in use, or null. */
    PlayerAction.Fetch dueFetch(long now, List<PlayerRendition> active, Player.Ids ids);

    /** A manifest request succeeded; {@code body} is parsed (ManifestException when malformed). */
    void onLoaded(PlayerAction.Fetch fetch, String body, long sentMillis, long completedMillis);

    /** A manifest request failed for good (retries exhausted); true if the player can carry on without it. */
    boolean onGaveUp(PlayerAction.Fetch fetch);

    /** True once renditions are known. */
    boolean ready();

    /** Video renditions by ascending bitrate (for a muxed or audio-less stream, the renditions there are). */
    List<PlayerRendition> videoRenditions();

    /** The separate audio rendition, or null when audio is muxed or absent. */
    PlayerRendition audioRendition();

    /** True when the segments of {@code r} can be listed (HLS: its media playlist has been loaded). */
    boolean hasSegments(PlayerRendition r);

    /** The segments of {@code r} available at {@code now}, ascending by number. */
    List<SegmentRef> segments(PlayerRendition r, long now);

    /** Nominal segment duration (HLS target duration), seconds. */
    double segmentSeconds();

    /** The segment to start at, live: the configured distance behind the live edge. */
    SegmentRef liveStart(List<SegmentRef> available, long now, int liveSyncSegments);

    /** Index in {@link #videoRenditions()} (ascending bitrate) of the video rendition the manifest lists first. */
    int firstListedVideo();

    /**
     * The program time a player that seeks exactly to "live edge minus its delay" starts at (dash.js), or
     * {@link Long#MIN_VALUE} when the manifest gives no such time (HLS: players start at a segment's start).
     */
    default long liveTargetMillis(long now, int liveSyncSegments) {
        return Long.MIN_VALUE;
    }

    /** The next time a manifest reload is due or a segment may become available; Long.MAX_VALUE if never. */
    long nextWakeMillis(long now, List<PlayerRendition> active);

    /** Server time minus local time, from DASH UTCTiming (0 for HLS). */
    long clockOffsetMillis();
}
