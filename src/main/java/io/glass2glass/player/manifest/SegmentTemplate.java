package io.glass2glass.player.manifest;

import java.net.URI;
import java.util.List;

/**
 * A SegmentTemplate (ISO/IEC 23009-1 §5.3.9.4) as it applies to one Representation, attributes
 * merged down from the Period and AdaptationSet levels (a lower level overrides).
 *
 * @param timescale units per second of the times and durations below
 * @param initialization template of the Initialization Segment URL, or null if there is none
 * @param media template of the Media Segment URLs
 * @param startNumber {@code $Number$} of the first segment (1 if absent)
 * @param presentationTimeOffset media time that maps to the start of the Period (0 if absent)
 * @param duration {@code duration} of every segment when there is no SegmentTimeline; 0 when a
 *     timeline is used
 * @param timeline the SegmentTimeline's S entries with their repeats expanded (§5.3.9.6), numbered
 *     from {@code startNumber}; empty without a timeline. An S with {@code r="-1"} repeats up to the
 *     next S's {@code t}, or, for the last S, up to the end of the Period when that is known;
 *     otherwise it is listed once and {@code openEnded} is set
 * @param openEnded whether the last S has {@code r="-1"} and nothing bounds it: it then repeats until
 *     "now", which {@link DashParser#segmentsAvailableAt} works out from the clock
 */
public record SegmentTemplate(long timescale, String initialization, String media, long startNumber,
        long presentationTimeOffset, long duration, List<TimelineSegment> timeline, boolean openEnded) {

    public SegmentTemplate {
        // the parser's timeline stores S runs rather than every repeat; it is already immutable
        timeline = timeline instanceof Timeline ? timeline : List.copyOf(timeline);
    }

    /**
     * The Initialization Segment URL of {@code r} ({@code $RepresentationID$} and {@code $Bandwidth$}
     * substituted, §5.3.9.4.4), resolved against its BaseURL; null if the template has none.
     */
    public URI initializationUrl(Representation r) {
        if (initialization == null) {
            return null;
        }
        String where = "Representation '" + r.id() + "' SegmentTemplate initialization";
        return resolve(r, UrlTemplate.expand(initialization, r.id(), r.bandwidth(), null, null, where), where);
    }

    /**
     * The URL of the Media Segment of {@code r} with the given {@code $Number$} and {@code $Time$}
     * (§5.3.9.4.4), resolved against its BaseURL; the query of the MPD URL is carried over as
     * {@link Urls#resolve} describes.
     */
    public URI mediaUrl(Representation r, long number, long time) {
        String where = "Representation '" + r.id() + "' SegmentTemplate media";
        return resolve(r, UrlTemplate.expand(media, r.id(), r.bandwidth(), number, time, where), where);
    }

    private static URI resolve(Representation r, String reference, String where) {
        try {
            return Urls.resolve(r.baseUrl(), reference);
        } catch (ManifestException e) {
            throw new ManifestException(where + ": " + e.getMessage(), e);
        }
    }
}
