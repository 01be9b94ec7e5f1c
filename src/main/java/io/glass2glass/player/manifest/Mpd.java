package io.glass2glass.player.manifest;

import java.net.URI;
import java.util.List;

/**
 * A DASH Media Presentation Description (ISO/IEC 23009-1 §5.3.1, MPD element): what a player
 * needs to follow a live or on-demand presentation. Durations are in seconds, NaN when the MPD
 * leaves them out; times are milliseconds since the epoch, {@link Long#MIN_VALUE} when absent.
 *
 * @param uri where the MPD was fetched from; BaseURLs and segment URLs are resolved against it
 * @param dynamic {@code type="dynamic"} (live); false for {@code static}
 * @param availabilityStartTimeMillis {@code availabilityStartTime}: wall-clock time of presentation
 *     time 0 of the first Period; always present in a dynamic MPD
 * @param publishTimeMillis {@code publishTime}
 * @param minimumUpdatePeriod how long the MPD stays valid before a player reloads it
 * @param timeShiftBufferDepth how far behind the live edge segments stay available
 * @param suggestedPresentationDelay how far behind the live edge to play
 * @param utcTimings the UTCTiming elements (§5.8.4.11) in document order
 * @param periods in document order; never empty
 */
public record Mpd(URI uri, boolean dynamic, long availabilityStartTimeMillis, long publishTimeMillis,
        double minimumUpdatePeriod, double timeShiftBufferDepth, double suggestedPresentationDelay, double minBufferTime,
        double maxSegmentDuration, double mediaPresentationDuration, List<UtcTiming> utcTimings, List<Period> periods) {

    public Mpd {
        utcTimings = List.copyOf(utcTimings);
        periods = List.copyOf(periods);
    }
}
