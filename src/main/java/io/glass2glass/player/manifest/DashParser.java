package io.glass2glass.player.manifest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads DASH MPDs (ISO/IEC 23009-1 §5.3) from any server and works out which segments a live
 * presentation offers at a given time (§5.3.9.5.3).
 *
 * <p>The XML is parsed by the JDK's DOM parser with DOCTYPE declarations refused, external entities
 * and DTDs off and secure processing on, so an MPD cannot make the player read local files, reach
 * other hosts or expand entities without bound (XXE). Elements are matched in the MPD namespace
 * {@value #NAMESPACE} (compared case-insensitively, as some encoders capitalise it) or in no
 * namespace; elements of other namespaces (DRM, SCTE-35 extensions) are ignored, as are MPD features
 * this player does not use (SegmentBase, SegmentList, ContentProtection, Location, EventStream).
 */
public final class DashParser {

    public static final String NAMESPACE = "urn:mpeg:dash:schema:mpd:2011";

    private static final DocumentBuilderFactory XML = hardenedFactory();
    private static final Set<String> VIDEO_CODECS = Set.of("avc1", "avc3", "hvc1", "hev1", "dvh1", "dvhe", "vp08", "vp09", "av01", "mp4v");
    private static final Set<String> AUDIO_CODECS = Set.of("mp4a", "ac-3", "ec-3", "ac-4", "opus", "flac", "dtsc", "mhm1", "mha1");
    private static final Set<String> TEXT_CODECS = Set.of("stpp", "wvtt", "tx3g");

    private DashParser() {
    }

    /**
     * Parses an MPD fetched from {@code uri}. Durations are xs:duration ({@code PT2S},
     * {@code PT1M30.5S}, {@code P1DT2H}), dates ISO 8601 with or without offset and fraction (no
     * offset meaning UTC), frame rates {@code 30}, {@code 30000/1001} or {@code 29.97}.
     *
     * @throws ManifestException if the text is not well-formed XML, holds a DOCTYPE, its root is not
     *     an MPD, it has no Period, a mandatory attribute is missing (Representation id and bandwidth;
     *     availabilityStartTime of a dynamic MPD; S@d) or a value is malformed or negative, a
     *     SegmentTemplate has no media template or neither duration nor timeline, or it is over the
     *     {@link ManifestLimits}
     */
    public static Mpd parse(String xml, URI uri) {
        ManifestLimits.checkText(xml, "MPD");
        Urls.checkBase(uri);
        Element root = document(xml).getDocumentElement();
        String ns = root.getNamespaceURI();
        if (!"MPD".equals(root.getLocalName()) || (ns != null && !ns.equalsIgnoreCase(NAMESPACE))) {
            throw new ManifestException("not an MPD: the root element is <" + root.getTagName() + ">"
                    + (ns == null ? "" : " in namespace " + ns));
        }
        return new MpdReader(ns, uri).mpd(root);
    }

    /**
     * The segments of {@code template} (a Representation's, in {@code period} of {@code mpd}) that
     * are available at {@code nowMillis} on the server's clock, oldest first (§5.3.9.5.3).
     *
     * <p>In a dynamic MPD a segment is available once it has ended, that is when
     * {@code availabilityStartTime + Period start + (time - presentationTimeOffset + duration) / timescale}
     * is at or before now, and until its end falls more than {@code timeShiftBufferDepth} behind now
     * (no limit when the MPD has none). With a SegmentTimeline the listed entries are filtered that way,
     * and an open-ended last S ({@code r="-1"}) keeps repeating up to now. With {@code duration} and
     * {@code $Number$} the segments come from the clock: with {@code d = duration / timescale}, the
     * first is {@code startNumber + floor((now - AST - Period start - timeShiftBufferDepth) / d)} (not
     * before {@code startNumber}), the last {@code startNumber + floor((now - AST - Period start) / d) - 1},
     * both within the Period when its duration is known; {@code $Time$} of a segment is
     * {@code presentationTimeOffset + (number - startNumber) * duration}.
     *
     * <p>In a static MPD every segment is available: the whole timeline, or with {@code duration} as many
     * as the Period's duration holds. At most the newest {@link ManifestLimits#MAX_ENTRIES} are returned.
     *
     * @throws ManifestException if the segments cannot be numbered: a Period without a known start, a
     *     dynamic MPD without availabilityStartTime, or a static Period without a known duration
     *     addressed by {@code duration}
     */
    public static List<TimelineSegment> segmentsAvailableAt(Mpd mpd, Period period, SegmentTemplate template, long nowMillis) {
        String where = period.id() == null ? "Period" : "Period '" + period.id() + "'";
        if (Double.isNaN(period.start())) {
            throw new ManifestException(where + " has no known start");
        }
        long timescale = template.timescale();
        long pto = template.presentationTimeOffset();
        long periodEnd = Double.isNaN(period.duration()) ? Long.MAX_VALUE : pto + Math.round(period.duration() * timescale);

        long now;
        long earliestEnd;
        if (mpd.dynamic()) {
            if (mpd.availabilityStartTimeMillis() == Long.MIN_VALUE) {
                throw new ManifestException("dynamic MPD without availabilityStartTime");
            }
            long periodStartMillis = mpd.availabilityStartTimeMillis() + Math.round(period.start() * 1000);
            now = pto + ticks(nowMillis - periodStartMillis, timescale);
            earliestEnd = Double.isNaN(mpd.timeShiftBufferDepth())
                    ? Long.MIN_VALUE : now - Math.round(mpd.timeShiftBufferDepth() * timescale);
        } else {
            now = Long.MAX_VALUE;
            earliestEnd = Long.MIN_VALUE;
        }

        Timeline runs;
        boolean lastRunUnbounded;
        if (!template.timeline().isEmpty()) {
            runs = Timeline.of(template.timeline());
            lastRunUnbounded = template.openEnded() && mpd.dynamic();
        } else {
            if (template.duration() <= 0) {
                return List.of();
            }
            if (periodEnd == Long.MAX_VALUE && !mpd.dynamic()) {
                throw new ManifestException(where + " of a static MPD has no known duration to number its segments by");
            }
            long count = periodEnd == Long.MAX_VALUE ? 1 : Math.max(0, ceilDiv(periodEnd - pto, template.duration()));
            runs = new Timeline.Builder().add(template.startNumber(), pto, template.duration(), count).build();
            lastRunUnbounded = periodEnd == Long.MAX_VALUE;
        }
        return available(runs, lastRunUnbounded, now, earliestEnd, periodEnd);
    }

    /**
     * The entries of {@code runs} whose end {@code e} satisfies {@code earliestEnd < e <= now}, the
     * last run repeating without bound (but not past {@code periodEnd}) when {@code lastRunUnbounded}.
     */
    private static List<TimelineSegment> available(Timeline runs, boolean lastRunUnbounded, long now, long earliestEnd, long periodEnd) {
        int n = runs.runs();
        long[] from = new long[n];
        long[] to = new long[n];
        long total = 0;
        for (int run = 0; run < n; run++) {
            long time = runs.runTime(run);
            long d = runs.runDuration(run);
            long count = runs.runCount(run);
            if (run == n - 1 && lastRunUnbounded) {
                count = periodEnd == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(count, ceilDiv(periodEnd - time, d));
            }
            // entry k ends at time + (k + 1) * d
            long first = earliestEnd == Long.MIN_VALUE ? 0 : Math.max(0, Math.floorDiv(earliestEnd - time, d));
            long last = now == Long.MAX_VALUE ? count - 1 : Math.min(count - 1, Math.floorDiv(now - time, d) - 1);
            from[run] = first;
            to[run] = Math.max(first, last + 1);
            total += to[run] - from[run];
        }
        // keep the newest entries: drop from the oldest runs first
        long excess = total - ManifestLimits.MAX_ENTRIES;
        Timeline.Builder out = new Timeline.Builder();
        for (int run = 0; run < n; run++) {
            long first = from[run];
            if (excess > 0) {
                long dropped = Math.min(excess, to[run] - first);
                first += dropped;
                excess -= dropped;
            }
            long d = runs.runDuration(run);
            out.add(runs.runNumber(run) + first, runs.runTime(run) + first * d, d, to[run] - first);
        }
        return out.build();
    }

    /** {@code millis * timescale / 1000} rounded down, without overflowing for times since 1970 at 10 MHz. */
    private static long ticks(long millis, long timescale) {
        try {
            return Math.addExact(Math.multiplyExact(Math.floorDiv(millis, 1000), timescale),
                    Math.floorDiv(Math.floorMod(millis, 1000) * timescale, 1000));
        } catch (ArithmeticException e) {
            throw new ManifestException("times out of range for timescale " + timescale, e);
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static Document document(String xml) {
        DocumentBuilder builder;
        try {
            synchronized (XML) {
                builder = XML.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", e);
        }
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // a warning leaves the document readable, and the default handler would print it to stderr
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        // a byte order mark or blank lines before the XML declaration are not well-formed, but harmless
        String text = xml.startsWith("\uFEFF") ? xml.substring(1).stripLeading() : xml.stripLeading();
        if (text.isEmpty()) {
            throw new ManifestException("empty MPD");
        }
        try {
            return builder.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
                throw new ManifestException("MPD refused at line " + e.getLineNumber()
                        + ": it declares a DOCTYPE, which could define entities (XXE); MPDs have none", e);
            }
            throw new ManifestException("malformed MPD XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new ManifestException("malformed MPD XML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() {
        // the JDK's own parser, not whichever one the classpath brings (Gatling's dependencies bring Xerces)
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", e);
        }
        return f;
    }

    /** Reads the elements of one MPD document, in the namespace of its root. */
    private static final class MpdReader {
        private final String ns;
        private final URI uri;
        private int representations;

        MpdReader(String ns, URI uri) {
            this.ns = ns;
            this.uri = uri;
        }

        Mpd mpd(Element root) {
            String where = "MPD";
            String type = attribute(root, "type");
            boolean dynamic;
            if (type == null || type.equals("static")) {
                dynamic = false;
            } else if (type.equals("dynamic")) {
                dynamic = true;
            } else {
                throw new ManifestException("MPD type must be static or dynamic: " + Decimals.quote(type));
            }
            long availabilityStart = dateTime(root, "availabilityStartTime", where);
            if (dynamic && availabilityStart == Long.MIN_VALUE) {
                throw new ManifestException("dynamic MPD without availabilityStartTime");
            }
            double presentationDuration = duration(root, "mediaPresentationDuration", where);
            URI base = baseUrl(root, uri, where);

            List<UtcTiming> timings = new ArrayList<>();
            for (Element e : children(root, "UTCTiming")) {
                timings.add(new UtcTiming(firstOf(attribute(e, "schemeIdUri"), ""), firstOf(attribute(e, "value"), "")));
            }

            List<Element> periodElements = children(root, "Period");
            if (periodElements.isEmpty()) {
                throw new ManifestException("MPD has no Period");
            }
            int n = periodElements.size();
            double[] starts = new double[n];
            double[] durations = new double[n];
            for (int i = 0; i < n; i++) {
                Element p = periodElements.get(i);
                String at = label("Period", attribute(p, "id"), i);
                double start = duration(p, "start", at);
                if (Double.isNaN(start)) {
                    start = i == 0 ? 0 : starts[i - 1] + durations[i - 1];
                }
                starts[i] = start;
                durations[i] = duration(p, "duration", at);
            }
            List<Period> periods = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double periodDuration = durations[i];
                if (Double.isNaN(periodDuration)) {
                    double end = i + 1 < n ? starts[i + 1] : presentationDuration;
                    periodDuration = end - starts[i];
                }
                periods.add(period(periodElements.get(i), i, starts[i], periodDuration, base));
            }

            return new Mpd(uri, dynamic, availabilityStart, dateTime(root, "publishTime", where),
                    duration(root, "minimumUpdatePeriod", where), duration(root, "timeShiftBufferDepth", where),
                    duration(root, "suggestedPresentationDelay", where), duration(root, "minBufferTime", where),
                    duration(root, "maxSegmentDuration", where), presentationDuration, timings, periods);
        }

        private Period period(Element p, int position, double start, double periodDuration, URI mpdBase) {
            String id = attribute(p, "id");
            String where = label("Period", id, position);
            URI base = baseUrl(p, mpdBase, where);
            Element template = child(p, "SegmentTemplate");
            List<Element> setElements = children(p, "AdaptationSet");
            List<AdaptationSet> sets = new ArrayList<>(setElements.size());
            for (int i = 0; i < setElements.size(); i++) {
                sets.add(adaptationSet(setElements.get(i), i, base, template, periodDuration, where));
            }
            return new Period(id, start, periodDuration, sets);
        }

        private AdaptationSet adaptationSet(Element a, int position, URI periodBase, Element periodTemplate, double periodDuration,
                String within) {
            String id = attribute(a, "id");
            String where = within + " " + label("AdaptationSet", id, position);
            URI base = baseUrl(a, periodBase, where);
            Element template = child(a, "SegmentTemplate");
            List<Element> representationElements = children(a, "Representation");
            List<Representation> reps = new ArrayList<>(representationElements.size());
            for (int i = 0; i < representationElements.size(); i++) {
                ManifestLimits.checkCount(++representations, "Representations in an MPD");
                reps.add(representation(representationElements.get(i), i, a, base, periodTemplate, template, periodDuration, where));
            }
            Element first = representationElements.isEmpty() ? a : representationElements.get(0);
            String mimeType = firstOf(attribute(a, "mimeType"), attribute(first, "mimeType"), "");
            String codecs = firstOf(attribute(a, "codecs"), attribute(first, "codecs"), "");
            return new AdaptationSet(id, contentType(attribute(a, "contentType"), mimeType, codecs), mimeType,
                    attribute(a, "lang"), reps);
        }

        private Representation representation(Element r, int position, Element set, URI setBase, Element periodTemplate,
                Element setTemplate, double periodDuration, String within) {
            String id = attribute(r, "id");
            String where = within + " " + label("Representation", id, position);
            if (id == null) {
                throw new ManifestException(where + ": missing required attribute id");
            }
            String bandwidth = attribute(r, "bandwidth");
            if (bandwidth == null) {
                throw new ManifestException(where + ": missing required attribute bandwidth");
            }
            String frameRate = common(r, set, "frameRate");
            String samplingRate = common(r, set, "audioSamplingRate");
            Representation rep = new Representation(
                    id,
                    Decimals.unsigned(bandwidth, where + " bandwidth"),
                    unsignedInt(common(r, set, "width"), where + " width"),
                    unsignedInt(common(r, set, "height"), where + " height"),
                    firstOf(common(r, set, "codecs"), ""),
                    frameRate == null ? 0 : frameRate(frameRate, where + " frameRate"),
                    // a range "44100 48000" is allowed; its first value is the rate
                    samplingRate == null ? 0 : unsignedInt(samplingRate.strip().split("\\s+")[0], where + " audioSamplingRate"),
                    baseUrl(r, setBase, where),
                    segmentTemplate(periodDuration, where, periodTemplate, setTemplate, child(r, "SegmentTemplate")));
            if (rep.template() != null) {
                // fail on a broken template now rather than at the first segment request
                rep.template().initializationUrl(rep);
                rep.template().mediaUrl(rep, rep.template().startNumber(), 0);
            }
            return rep;
        }

        /** The SegmentTemplate in effect from the given levels, highest first (null where a level has none); the lowest wins. */
        private SegmentTemplate segmentTemplate(double periodDuration, String within, Element... levels) {
            List<Element> present = Arrays.stream(levels).filter(Objects::nonNull).toList();
            if (present.isEmpty()) {
                return null;
            }
            String where = within + " SegmentTemplate";
            long timescale = Decimals.unsigned(firstOf(merged(present, "timescale"), "1"), where + " timescale");
            if (timescale == 0) {
                throw new ManifestException(where + ": timescale must not be 0");
            }
            String media = merged(present, "media");
            if (media == null) {
                throw new ManifestException(where + ": missing media template");
            }
            String initialization = merged(present, "initialization");
            if (initialization == null) {
                for (int i = present.size() - 1; i >= 0 && initialization == null; i--) {
                    Element element = child(present.get(i), "Initialization");
                    initialization = element == null ? null : attribute(element, "sourceURL");
                }
            }
            long startNumber = Decimals.unsigned(firstOf(merged(present, "startNumber"), "1"), where + " startNumber");
            long pto = Decimals.unsigned(firstOf(merged(present, "presentationTimeOffset"), "0"), where + " presentationTimeOffset");

            Element timeline = null;
            for (int i = present.size() - 1; i >= 0 && timeline == null; i--) {
                timeline = child(present.get(i), "SegmentTimeline");
            }
            if (timeline != null) {
                long periodEnd = Double.isNaN(periodDuration) ? Long.MAX_VALUE : pto + Math.round(periodDuration * timescale);
                return expand(timeline, timescale, initialization, media, startNumber, pto, periodEnd, where);
            }
            String duration = merged(present, "duration");
            long segmentDuration = duration == null ? 0 : Decimals.unsigned(duration, where + " duration");
            if (segmentDuration == 0) {
                throw new ManifestException(where + ": neither a positive duration nor a SegmentTimeline");
            }
            return new SegmentTemplate(timescale, initialization, media, startNumber, pto, segmentDuration, Timeline.EMPTY, false);
        }

        /** Expands the S elements of a SegmentTimeline (§5.3.9.6), r="-1" included. */
        private SegmentTemplate expand(Element timeline, long timescale, String initialization, String media, long startNumber,
                long pto, long periodEnd, String where) {
            List<Element> entries = children(timeline, "S");
            Timeline.Builder runs = new Timeline.Builder();
            long number = startNumber;
            long next = 0;
            boolean openEnded = false;
            for (int i = 0; i < entries.size(); i++) {
                Element s = entries.get(i);
                String at = where + " S[" + (i + 1) + "]";
                String t = attribute(s, "t");
                long time = t == null ? next : Decimals.unsigned(t, at + " t");
                String d = attribute(s, "d");
                if (d == null) {
                    throw new ManifestException(at + ": missing required attribute d");
                }
                long segmentDuration = Decimals.unsigned(d, at + " d");
                if (segmentDuration == 0) {
                    throw new ManifestException(at + ": d must be positive");
                }
                String r = attribute(s, "r");
                long repeat = r == null ? 0 : Decimals.signed(r, at + " r");
                long count;
                if (repeat >= 0) {
                    count = Math.min(repeat, ManifestLimits.MAX_ENTRIES) + 1;
                } else if (repeat == -1) {
                    String nextT = i + 1 < entries.size() ? attribute(entries.get(i + 1), "t") : null;
                    if (nextT != null) {
                        count = ceilDiv(Decimals.unsigned(nextT, where + " S[" + (i + 2) + "] t") - time, segmentDuration);
                    } else if (i + 1 == entries.size() && periodEnd != Long.MAX_VALUE) {
                        count = ceilDiv(periodEnd - time, segmentDuration);
                    } else {
                        count = 1;
                        openEnded = i + 1 == entries.size();
                    }
                    count = Math.max(1, count);
                } else {
                    throw new ManifestException(at + ": r must be -1 or more: " + Decimals.quote(r));
                }
                ManifestLimits.checkCount(runs.size() + count, "segments in a SegmentTimeline (" + where + ")");
                runs.add(number, time, segmentDuration, count);
                number += count;
                try {
                    next = Math.addExact(time, Math.multiplyExact(count, segmentDuration));
                } catch (ArithmeticException e) {
                    throw new ManifestException(at + ": times out of range", e);
                }
            }
            return new SegmentTemplate(timescale, initialization, media, startNumber, pto, 0, runs.build(), openEnded);
        }

        /**
         * The first BaseURL of {@code parent} resolved against {@code base} (§5.6), or {@code base} if it
         * has none. A BaseURL back on the MPD's origin gets the MPD URL's query even when the level
         * above pointed elsewhere, since the token was issued for that origin.
         */
        private URI baseUrl(Element parent, URI base, String where) {
            Element element = child(parent, "BaseURL");
            String reference = element == null ? "" : element.getTextContent().strip();
            if (reference.isEmpty()) {
                return base;
            }
            try {
                // resolving an absolute URI against the MPD URL only carries the query over
                return Urls.resolve(uri, Urls.resolve(base, reference).toString());
            } catch (ManifestException e) {
                throw new ManifestException(where + " BaseURL: " + e.getMessage(), e);
            }
        }

        private double duration(Element e, String name, String where) {
            String value = attribute(e, name);
            if (value == null) {
                return Double.NaN;
            }
            double seconds = Iso8601.durationSeconds(value, where + " " + name);
            if (seconds < 0) {
                throw new ManifestException(where + " " + name + " must not be negative: " + Decimals.quote(value));
            }
            return seconds;
        }

        private long dateTime(Element e, String name, String where) {
            String value = attribute(e, name);
            return value == null ? Long.MIN_VALUE : Iso8601.dateTimeMillis(value, where + " " + name);
        }

        private static int unsignedInt(String value, String what) {
            return value == null ? 0 : Decimals.unsignedInt(value, what);
        }

        /** FrameRateType (§5.3.7.2): an integer, a ratio such as 30000/1001, or (tolerated) a decimal. */
        private static double frameRate(String value, String what) {
            int slash = value.indexOf('/');
            if (slash < 0) {
                return Decimals.nonNegative(value, what);
            }
            double numerator = Decimals.nonNegative(value.substring(0, slash), what);
            double denominator = Decimals.nonNegative(value.substring(slash + 1), what);
            if (denominator == 0) {
                throw new ManifestException(what + " has a zero denominator: " + Decimals.quote(value));
            }
            return numerator / denominator;
        }

        /** How messages name an element: by its id, or by its position (from 1) among its siblings. */
        private static String label(String element, String id, int position) {
            return id != null ? element + " '" + id + "'" : element + " " + (position + 1);
        }

        /** An attribute the Representation may inherit from its AdaptationSet (§5.3.7). */
        private static String common(Element representation, Element set, String name) {
            String value = attribute(representation, name);
            return value != null ? value : attribute(set, name);
        }

        private static String merged(List<Element> levels, String name) {
            for (int i = levels.size() - 1; i >= 0; i--) {
                String value = attribute(levels.get(i), name);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }

        /** An attribute's value, null when absent or blank. */
        private static String attribute(Element e, String name) {
            String value = e.getAttribute(name);
            return value.isBlank() ? null : value.strip();
        }

        private Element child(Element parent, String name) {
            List<Element> found = children(parent, name);
            return found.isEmpty() ? null : found.get(0);
        }

        private List<Element> children(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName()) && Objects.equals(ns, e.getNamespaceURI())) {
                    found.add(e);
                }
            }
            return found;
        }
    }

    /** The content type of an AdaptationSet: declared, else from its mime type, else from its codecs. */
    private static String contentType(String declared, String mimeType, String codecs) {
        if (declared != null) {
            return declared.toLowerCase(Locale.ROOT);
        }
        String mime = mimeType.toLowerCase(Locale.ROOT);
        for (String type : List.of("video", "audio", "text", "image")) {
            if (mime.startsWith(type + "/")) {
                return type;
            }
        }
        String codec = codecs.strip().toLowerCase(Locale.ROOT);
        int dot = codec.indexOf('.');
        String fourcc = dot < 0 ? codec : codec.substring(0, dot);
        if (VIDEO_CODECS.contains(fourcc)) {
            return "video";
        }
        if (AUDIO_CODECS.contains(fourcc)) {
            return "audio";
        }
        if (TEXT_CODECS.contains(fourcc) || mime.equals("application/ttml+xml")) {
            return "text";
        }
        return "";
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
