package io.glass2glass.packager.dash;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.packager.LivePackager;
import io.glass2glass.packager.StreamIndex.RenditionTimeline;
import io.glass2glass.packager.StreamIndex.Segment;
import io.glass2glass.packager.StreamIndex.Snapshot;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dynamic MPD of a live stream over CMAF segments, generated on request from a {@link Snapshot}
 * (ISO/IEC 23009-1 §5.3 MPD, Period, AdaptationSet and Representation; §5.3.9.4 SegmentTemplate;
 * §5.3.9.6 SegmentTimeline; §5.8.4.11 UTCTiming), shaped for the DASH-IF IOP live service offering
 * with SegmentTimeline and {@code $Number$} addressing.
 *
 * <p>Stream time 0 is {@code availabilityStartTime} (first Period start PT0S, no
 * presentationTimeOffset). A publish that resumed the stream gets a Period of its own starting where
 * it resumed, with that start as presentationTimeOffset. Segment numbers must go up by one within
 * a Period: {@code $Number$} of a SegmentTimeline entry is {@code startNumber} plus its position.
 */
public final class DashManifest {

    static final String NAMESPACE = "urn:mpeg:dash:schema:mpd:2011";
    /** isoff-live (§8.4) for players that only know it, cmaf (ISO/IEC 23009-1 §8.12) for what the segments are. */
    static final String PROFILES = "urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019";
    static final String UTC_TIMING_HTTP_ISO = "urn:mpeg:dash:utc:http-iso:2014";
    static final String AUDIO_CHANNEL_CONFIGURATION = "urn:mpeg:dash:23003:3:audio_channel_configuration:2011";

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DashManifest() {
    }

    /**
     * The dynamic MPD: a Period per publish in the window, each with one video AdaptationSet with a Representation per rung (ladder
     * order) and one audio AdaptationSet, each Representation with its own SegmentTemplate and a
     * SegmentTimeline over its window. A rendition with no segment yet is left out, as is an
     * AdaptationSet left without a Representation.
     *
     * @param nowMillis wall-clock time of the request, written as {@code publishTime}
     * @param utcTimingUrl where players fetch the server's clock ({@code urn:mpeg:dash:utc:http-iso:2014})
     */
    public static String mpd(Snapshot s, long nowMillis, String utcTimingUrl) {
        long segmentMillis = Math.round(s.segmentSeconds() * 1000);
        List<RenditionTimeline> video = withSegments(s, MediaKind.VIDEO);
        List<RenditionTimeline> audio = withSegments(s, MediaKind.AUDIO);

        Xml xml = new Xml();
        xml.declaration();
        xml.open("MPD",
                "xmlns", NAMESPACE,
                "profiles", PROFILES,
                "type", "dynamic",
                "availabilityStartTime", isoTime(s.availabilityStartMillis()),
                "publishTime", isoTime(nowMillis),
                "minimumUpdatePeriod", duration(segmentMillis),
                "minBufferTime", duration(segmentMillis),
                "timeShiftBufferDepth", duration(s.windowSegments() * segmentMillis),
                "suggestedPresentationDelay", duration(3 * segmentMillis),
                "maxSegmentDuration", duration(maxSegmentMillis(s, segmentMillis)));
        // One Period per publish still in a window (§5.3.2): a publisher that came back starts a new
        // timeline, so the next Period begins where it resumed (DASH-IF IOP 4.3 §4.5.3, multi-period live).
        java.util.TreeSet<Long> publishes = new java.util.TreeSet<>();
        for (RenditionTimeline t : s.renditions()) {
            t.window().forEach(segment -> publishes.add(s.publishOf(segment.number())));
        }
        for (long publish : publishes) {
            period(xml, s, publish, periodSegments(video, s, publish), periodSegments(audio, s, publish));
        }
        // UTCTiming follows Period, Metrics, EssentialProperty and SupplementalProperty in MPDtype
        xml.empty("UTCTiming", "schemeIdUri", UTC_TIMING_HTTP_ISO, "value", utcTimingUrl);
        xml.close("MPD");
        return xml.toString();
    }

    private record Part(RenditionTimeline timeline, List<Segment> segments) {
        TrackInfo track() {
            return timeline.track(segments.get(0).initVersion());
        }
    }

    private static List<Part> periodSegments(List<RenditionTimeline> timelines, Snapshot s, long publish) {
        List<Part> parts = new ArrayList<>();
        for (RenditionTimeline t : timelines) {
            List<Segment> in = t.window().stream().filter(segment -> s.publishOf(segment.number()) == publish).toList();
            if (!in.isEmpty()) {
                parts.add(new Part(t, in));
            }
        }
        return parts;
    }

    private static void period(Xml xml, Snapshot s, long publish, List<Part> video, List<Part> audio) {
        double startSeconds = publish < 0 ? 0 : s.resumes().get(publish);
        xml.open("Period", "id", publish < 0 ? "0" : Long.toString(publish), "start", duration(Math.round(startSeconds * 1000)));
        if (!video.isEmpty()) {
            xml.open("AdaptationSet",
                    "id", "0",
                    "contentType", "video",
                    "mimeType", "video/mp4",
                    "segmentAlignment", "true",
                    "startWithSAP", "1",
                    "maxWidth", Integer.toString(video.stream().mapToInt(p -> p.track().width()).max().orElseThrow()),
                    "maxHeight", Integer.toString(video.stream().mapToInt(p -> p.track().height()).max().orElseThrow()),
                    "maxFrameRate", frameRate(video.stream().mapToDouble(p -> p.track().frameRate()).max().orElseThrow()));
            for (Part p : video) {
                TrackInfo track = p.track();
                xml.open("Representation",
                        "id", p.timeline().rendition().id(),
                        "bandwidth", Long.toString(p.timeline().peakBitrate()),
                        "width", Integer.toString(track.width()),
                        "height", Integer.toString(track.height()),
                        "codecs", track.codecs(),
                        "frameRate", frameRate(track.frameRate()),
                        "sar", "1:1");
                segmentTemplate(xml, p, startSeconds);
                xml.close("Representation");
            }
            xml.close("AdaptationSet");
        }
        if (!audio.isEmpty()) {
            xml.open("AdaptationSet",
                    "id", "1",
                    "contentType", "audio",
                    "mimeType", "audio/mp4",
                    "lang", "und",
                    "segmentAlignment", "true",
                    "startWithSAP", "1");
            for (Part p : audio) {
                TrackInfo track = p.track();
                xml.open("Representation",
                        "id", p.timeline().rendition().id(),
                        "bandwidth", Long.toString(p.timeline().peakBitrate()),
                        "codecs", track.codecs(),
                        "audioSamplingRate", Integer.toString(track.sampleRate()));
                // RepresentationBase descriptors come before SegmentTemplate in schema order
                xml.empty("AudioChannelConfiguration",
                        "schemeIdUri", AUDIO_CHANNEL_CONFIGURATION,
                        "value", Integer.toString(track.channels()));
                segmentTemplate(xml, p, startSeconds);
                xml.close("Representation");
            }
            xml.close("AdaptationSet");
        }
        xml.close("Period");
    }

    /** An xs:dateTime in UTC with milliseconds, e.g. {@code 2023-11-14T22:13:20.000Z}; also the body of the http-iso time endpoint. */
    public static String isoTime(long millis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(millis));
    }

    private static List<RenditionTimeline> withSegments(Snapshot s, MediaKind kind) {
        return s.renditions().stream()
                .filter(t -> t.rendition().kind() == kind && !t.window().isEmpty())
                .toList();
    }

    /**
     * SegmentTemplate with a SegmentTimeline run-length encoding the Period's part of the window
     * (§5.3.9.6); times stay in stream time, so presentationTimeOffset is the Period's start.
     */
    private static void segmentTemplate(Xml xml, Part p, double periodStartSeconds) {
        List<Segment> window = p.segments();
        int timescale = p.track().timescale();
        long pto = Math.round(periodStartSeconds * timescale);
        xml.open("SegmentTemplate",
                "timescale", Integer.toString(timescale),
                "presentationTimeOffset", pto == 0 ? null : Long.toString(pto),
                "initialization", "$RepresentationID$/" + LivePackager.initName(window.get(0).initVersion()),
                "media", "$RepresentationID$/$Number$.m4s",
                "startNumber", Long.toString(window.get(0).number()));
        xml.open("SegmentTimeline");
        long expectedStart = -1;
        int i = 0;
        while (i < window.size()) {
            Segment head = window.get(i);
            int repeat = 0;
            while (i + repeat + 1 < window.size()) {
                Segment previous = window.get(i + repeat);
                Segment next = window.get(i + repeat + 1);
                if (next.duration() != head.duration() || next.startTime() != previous.startTime() + previous.duration()) {
                    break;
                }
                repeat++;
            }
            Segment last = window.get(i + repeat);
            xml.empty("S",
                    "t", head.startTime() == expectedStart ? null : Long.toString(head.startTime()),
                    "d", Long.toString(head.duration()),
                    "r", repeat == 0 ? null : Integer.toString(repeat));
            expectedStart = last.startTime() + last.duration();
            i += repeat + 1;
        }
        xml.close("SegmentTimeline");
        xml.close("SegmentTemplate");
    }

    /** The longest segment in any window, rounded up to the millisecond, and never below the nominal duration. */
    private static long maxSegmentMillis(Snapshot s, long segmentMillis) {
        long max = segmentMillis;
        for (RenditionTimeline t : s.renditions()) {
            long timescale = t.track().timescale();
            for (Segment segment : t.window()) {
                max = Math.max(max, (segment.duration() * 1000 + timescale - 1) / timescale);
            }
        }
        return max;
    }

    /** An xs:duration in seconds, e.g. PT2S, PT2.5S, PT12S. */
    static String duration(long millis) {
        return "PT" + BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "S";
    }

    /**
     * A FrameRateType value (§5.3.7.2): an integer, or a ratio such as 30000/1001 for NTSC rates;
     * null (attribute left out) when the rate is unknown.
     */
    static String frameRate(double fps) {
        if (fps <= 0) {
            return null;
        }
        long whole = Math.round(fps);
        if (Math.abs(fps - whole) < 1e-6) {
            return Long.toString(whole);
        }
        long ntsc = Math.round(fps * 1.001);
        if (Math.abs(fps - ntsc * 1000 / 1001.0) < 1e-6) {
            return ntsc * 1000 + "/1001";
        }
        long numerator = Math.round(fps * 1000);
        long gcd = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(1000)).longValueExact();
        return numerator / gcd + "/" + 1000 / gcd;
    }

    /** Just enough of an XML writer: indented elements, escaped attribute values, null attributes left out. */
    private static final class Xml {
        private final StringBuilder out = new StringBuilder(4096);
        private int depth;

        void declaration() {
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }

        void open(String name, String... attributes) {
            start(name, attributes);
            out.append(">\n");
            depth++;
        }

        void empty(String name, String... attributes) {
            start(name, attributes);
            out.append("/>\n");
        }

        void close(String name) {
            depth--;
            indent();
            out.append("</").append(name).append(">\n");
        }

        private void start(String name, String... attributes) {
            indent();
            out.append('<').append(name);
            for (int i = 0; i < attributes.length; i += 2) {
                if (attributes[i + 1] != null) {
                    out.append(' ').append(attributes[i]).append("=\"");
                    escape(attributes[i + 1]);
                    out.append('"');
                }
            }
        }

        private void indent() {
            out.append("  ".repeat(depth));
        }

        private void escape(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&apos;");
                    // a literal tab, CR or LF would be normalised to a space by the parser
                    case '\t' -> out.append("&#9;");
                    case '\n' -> out.append("&#10;");
                    case '\r' -> out.append("&#13;");
                    default -> out.append(c);
                }
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
