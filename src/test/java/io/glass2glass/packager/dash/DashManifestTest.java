package io.glass2glass.packager.dash;

import static io.glass2glass.packager.hls.SyntheticStream.START_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.StreamIndex.RenditionTimeline;
import io.glass2glass.packager.StreamIndex.Segment;
import io.glass2glass.packager.StreamIndex.Snapshot;
import io.glass2glass.packager.hls.SyntheticStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class DashManifestTest {

    private static final String NS = "urn:mpeg:dash:schema:mpd:2011";
    private static final String TIME_URL = "https://origin.example/time";
    private static final int WINDOW = 6;
    private static final long NOW = START_MILLIS + 40_123;

    private static Element parse(String mpd) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(mpd.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals(NS, root.getNamespaceURI());
        assertEquals("MPD", root.getLocalName());
        return root;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && (name == null || name.equals(e.getLocalName()))) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "one " + name + " in " + parent.getLocalName());
        return found.get(0);
    }

    private static List<Element> representations(Element mpd) {
        return periodRepresentations(child(mpd, "Period"));
    }

    private static List<Element> periodRepresentations(Element period) {
        List<Element> all = new ArrayList<>();
        for (Element set : children(period, "AdaptationSet")) {
            all.addAll(children(set, "Representation"));
        }
        return all;
    }

    /** Start time and duration of every segment a SegmentTimeline describes (ISO/IEC 23009-1 §5.3.9.6). */
    private static List<long[]> expand(Element timeline) {
        List<long[]> segments = new ArrayList<>();
        long next = 0;
        for (Element s : children(timeline, "S")) {
            long t = s.hasAttribute("t") ? Long.parseLong(s.getAttribute("t")) : next;
            long d = Long.parseLong(s.getAttribute("d"));
            int r = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
            for (int i = 0; i <= r; i++) {
                segments.add(new long[] {t, d});
                t += d;
            }
            next = t;
        }
        return segments;
    }

    private static void assertTimelineMatchesWindow(Element mpd, Snapshot s) {
        List<Element> reps = representations(mpd);
        assertEquals(s.renditions().size(), reps.size());
        for (Element rep : reps) {
            RenditionTimeline t = s.rendition(rep.getAttribute("id")).orElseThrow();
            Element template = child(rep, "SegmentTemplate");
            assertEquals(Long.toString(t.window().get(0).number()), template.getAttribute("startNumber"), t.rendition().id());
            assertEquals(Integer.toString(t.track().timescale()), template.getAttribute("timescale"));
            Element timeline = child(template, "SegmentTimeline");
            assertTrue(children(timeline, "S").get(0).hasAttribute("t"), "first S carries t");
            List<long[]> expanded = expand(timeline);
            assertEquals(t.window().size(), expanded.size(), t.rendition().id());
            for (int i = 0; i < expanded.size(); i++) {
                Segment segment = t.window().get(i);
                assertEquals(segment.startTime(), expanded.get(i)[0], t.rendition().id() + " start of " + segment.number());
                assertEquals(segment.duration(), expanded.get(i)[1], t.rendition().id() + " duration of " + segment.number());
            }
        }
    }

    @Test
    void mpdIsDynamicWithLiveAndCmafProfiles() throws Exception {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(8).snapshot();
        Element mpd = parse(DashManifest.mpd(s, NOW, TIME_URL));

        assertEquals("dynamic", mpd.getAttribute("type"));
        assertEquals(List.of("urn:mpeg:dash:profile:isoff-live:2011", "urn:mpeg:dash:profile:cmaf:2019"),
                List.of(mpd.getAttribute("profiles").split(",")));
        assertEquals("2023-11-14T22:13:20.000Z", mpd.getAttribute("availabilityStartTime"));
        assertEquals("2023-11-14T22:14:00.123Z", mpd.getAttribute("publishTime"));
        Element period = child(mpd, "Period");
        assertEquals("0", period.getAttribute("id"));
        assertEquals("PT0S", period.getAttribute("start"));
    }

    @Test
    void availabilityStartTimeStaysFixedWhilePublishTimeFollowsTheClock() throws Exception {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(3);
        Element before = parse(DashManifest.mpd(stream.snapshot(), NOW, TIME_URL));
        stream.append(10);
        Element after = parse(DashManifest.mpd(stream.snapshot(), NOW + 20_000, TIME_URL));

        assertEquals(before.getAttribute("availabilityStartTime"), after.getAttribute("availabilityStartTime"));
        assertNotEquals(before.getAttribute("publishTime"), after.getAttribute("publishTime"));
        assertEquals(DashManifest.isoTime(NOW + 20_000), after.getAttribute("publishTime"));
    }

    @Test
    void liveTimingAttributesFollowSegmentDurationAndWindow() throws Exception {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(20).snapshot();
        Element mpd = parse(DashManifest.mpd(s, NOW, TIME_URL));

        assertEquals("PT2S", mpd.getAttribute("minimumUpdatePeriod"));
        assertEquals("PT2S", mpd.getAttribute("minBufferTime"));
        assertEquals("PT12S", mpd.getAttribute("timeShiftBufferDepth"));
        assertEquals("PT6S", mpd.getAttribute("suggestedPresentationDelay"));
        // 94 AAC frames last 2.00533 s, rounded up to the millisecond
        assertEquals("PT2.006S", mpd.getAttribute("maxSegmentDuration"));
    }

    @Test
    void timelineReconstructsTheWindowExactly() throws Exception {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(20).snapshot();
        Element mpd = parse(DashManifest.mpd(s, NOW, TIME_URL));

        assertTimelineMatchesWindow(mpd, s);
        for (Element rep : representations(mpd)) {
            assertEquals("15", child(rep, "SegmentTemplate").getAttribute("startNumber"));
        }
        Element video = child(child(representations(mpd).get(0), "SegmentTemplate"), "SegmentTimeline");
        Element only = child(video, "S");
        assertEquals("2520000", only.getAttribute("t"));
        assertEquals("180000", only.getAttribute("d"));
        assertEquals("5", only.getAttribute("r"));

        // alternating 93/94-frame audio segments do not run-length encode; only the first S has t
        List<Element> audio = children(child(child(representations(mpd).get(3), "SegmentTemplate"), "SegmentTimeline"), "S");
        assertEquals(6, audio.size());
        assertEquals("1340416", audio.get(0).getAttribute("t"));
        assertEquals(List.of("95232", "96256", "95232", "96256", "95232", "96256"),
                audio.stream().map(e -> e.getAttribute("d")).toList());
        assertFalse(audio.subList(1, 6).stream().anyMatch(e -> e.hasAttribute("t") || e.hasAttribute("r")));
    }

    @Test
    void aPublishThatResumesTheStreamGetsAPeriodOfItsOwn() throws Exception {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(3).appendAfterGap(10.0).append(2).snapshot();
        Element mpd = parse(DashManifest.mpd(s, NOW, TIME_URL));

        List<Element> periods = children(mpd, "Period");
        assertEquals(2, periods.size());
        assertEquals(List.of("0", "4"), periods.stream().map(p -> p.getAttribute("id")).toList(), "a resumed Period is named by its first number");
        assertEquals(List.of("PT0S", "PT16S"), periods.stream().map(p -> p.getAttribute("start")).toList(), "3 x 2 s + 10 s");

        Element firstVideo = child(periodRepresentations(periods.get(0)).get(1), "SegmentTemplate");
        assertEquals("1", firstVideo.getAttribute("startNumber"));
        assertFalse(firstVideo.hasAttribute("presentationTimeOffset"));
        List<Element> before = children(child(firstVideo, "SegmentTimeline"), "S");
        assertEquals(1, before.size());
        assertEquals("0", before.get(0).getAttribute("t"));
        assertEquals("2", before.get(0).getAttribute("r"));

        Element video = child(periodRepresentations(periods.get(1)).get(1), "SegmentTemplate");
        assertEquals("4", video.getAttribute("startNumber"), "numbers go on across Periods");
        assertEquals("1440000", video.getAttribute("presentationTimeOffset"), "16 s at 90 kHz: stream time stays");
        List<Element> after = children(child(video, "SegmentTimeline"), "S");
        assertEquals("1440000", after.get(0).getAttribute("t"));
        assertEquals("2", after.get(0).getAttribute("r"));

        Element audio = child(periodRepresentations(periods.get(1)).get(3), "SegmentTemplate");
        assertEquals("768000", audio.getAttribute("presentationTimeOffset"), "16 s at 48 kHz");
        assertEquals("766720", children(child(audio, "SegmentTimeline"), "S").get(0).getAttribute("t"),
                "the first audio frame straddles the Period start");
    }

    @Test
    void representationsCarryCodecsBandwidthAndGeometry() throws Exception {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(6).snapshot();
        Element mpd = parse(DashManifest.mpd(s, NOW, TIME_URL));
        List<Element> sets = children(child(mpd, "Period"), "AdaptationSet");
        assertEquals(2, sets.size());

        Element videoSet = sets.get(0);
        assertEquals("video", videoSet.getAttribute("contentType"));
        assertEquals("video/mp4", videoSet.getAttribute("mimeType"));
        assertEquals("true", videoSet.getAttribute("segmentAlignment"));
        assertEquals("1", videoSet.getAttribute("startWithSAP"));
        assertEquals("1920", videoSet.getAttribute("maxWidth"));
        assertEquals("1080", videoSet.getAttribute("maxHeight"));
        assertEquals("30", videoSet.getAttribute("maxFrameRate"));
        List<Element> videoReps = children(videoSet, "Representation");
        assertEquals(List.of("1080p", "720p", "360p"), videoReps.stream().map(e -> e.getAttribute("id")).toList());
        for (int i = 0; i < videoReps.size(); i++) {
            Element rep = videoReps.get(i);
            RenditionTimeline t = s.rendition(rep.getAttribute("id")).orElseThrow();
            assertEquals(SyntheticStream.VIDEO_CODECS.get(i), rep.getAttribute("codecs"));
            assertEquals(Long.toString(t.peakBitrate()), rep.getAttribute("bandwidth"));
            assertEquals(Integer.toString(t.rendition().width()), rep.getAttribute("width"));
            assertEquals(Integer.toString(t.rendition().height()), rep.getAttribute("height"));
            assertEquals("30", rep.getAttribute("frameRate"));
            assertEquals("1:1", rep.getAttribute("sar"));
            Element template = child(rep, "SegmentTemplate");
            assertEquals("$RepresentationID$/init.mp4", template.getAttribute("initialization"));
            assertEquals("$RepresentationID$/$Number$.m4s", template.getAttribute("media"));
        }
        assertEquals("6000000", videoReps.get(0).getAttribute("bandwidth"));

        Element audioSet = sets.get(1);
        assertEquals("audio", audioSet.getAttribute("contentType"));
        assertEquals("audio/mp4", audioSet.getAttribute("mimeType"));
        assertEquals("und", audioSet.getAttribute("lang"));
        Element audio = child(audioSet, "Representation");
        assertEquals("audio", audio.getAttribute("id"));
        assertEquals(SyntheticStream.AUDIO_CODECS, audio.getAttribute("codecs"));
        assertEquals("48000", audio.getAttribute("audioSamplingRate"));
        assertEquals("153601", audio.getAttribute("bandwidth"));
        Element channels = child(audio, "AudioChannelConfiguration");
        assertEquals("urn:mpeg:dash:23003:3:audio_channel_configuration:2011", channels.getAttribute("schemeIdUri"));
        assertEquals("2", channels.getAttribute("value"));
        assertEquals(List.of("AudioChannelConfiguration", "SegmentTemplate"),
                children(audio, null).stream().map(Element::getLocalName).toList(), "schema order");
    }

    @Test
    void utcTimingIsTheLastChildOfTheMpd() throws Exception {
        Element mpd = parse(DashManifest.mpd(SyntheticStream.ladder(WINDOW).append(2).snapshot(), NOW, TIME_URL));

        assertEquals(List.of("Period", "UTCTiming"), children(mpd, null).stream().map(Element::getLocalName).toList());
        Element timing = child(mpd, "UTCTiming");
        assertEquals("urn:mpeg:dash:utc:http-iso:2014", timing.getAttribute("schemeIdUri"));
        assertEquals(TIME_URL, timing.getAttribute("value"));
    }

    @Test
    void attributeValuesAreEscaped() throws Exception {
        String url = "https://origin.example/time?a=1&b=\"2\"&c=<3>&d='4'";
        Element mpd = parse(DashManifest.mpd(SyntheticStream.ladder(WINDOW).append(2).snapshot(), NOW, url));

        assertEquals(url, child(mpd, "UTCTiming").getAttribute("value"));
    }

    @Test
    void representationWithoutSegmentsIsLeftOut() throws Exception {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW);
        StreamIndex index = stream.index();
        index.addSegment("720p", new Segment(1, 0, 180_000, 90_000, START_MILLIS, 500_000, false));
        Element mpd = parse(DashManifest.mpd(index.snapshot(), NOW, TIME_URL));

        List<Element> sets = children(child(mpd, "Period"), "AdaptationSet");
        assertEquals(1, sets.size());
        assertEquals(List.of("720p"), children(sets.get(0), "Representation").stream().map(e -> e.getAttribute("id")).toList());
        assertEquals("1280", sets.get(0).getAttribute("maxWidth"));
    }

    @Test
    void durationsAreXsDurationsInSeconds() {
        assertEquals("PT0S", DashManifest.duration(0));
        assertEquals("PT2S", DashManifest.duration(2_000));
        assertEquals("PT2.5S", DashManifest.duration(2_500));
        assertEquals("PT12S", DashManifest.duration(12_000));
        assertEquals("PT120S", DashManifest.duration(120_000));
        assertEquals("PT0.033S", DashManifest.duration(33));
    }

    @Test
    void frameRatesAreIntegersOrRatios() {
        assertEquals("30", DashManifest.frameRate(30.0));
        assertEquals("30000/1001", DashManifest.frameRate(30000 / 1001.0));
        assertEquals("60000/1001", DashManifest.frameRate(59.94005994005994));
        assertEquals("25/2", DashManifest.frameRate(12.5));
        assertNull(DashManifest.frameRate(0));
    }

    @Test
    void isoTimeHasMillisecondsAndZulu() {
        assertEquals("1970-01-01T00:00:00.000Z", DashManifest.isoTime(0));
        assertEquals("2023-11-14T22:13:20.005Z", DashManifest.isoTime(START_MILLIS + 5));
    }
}
