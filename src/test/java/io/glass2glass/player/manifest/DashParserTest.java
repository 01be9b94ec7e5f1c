package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DashParserTest {

    private static final URI ORIGIN_MPD = URI.create("http://127.0.0.1:8080/live/demo/manifest.mpd");
    private static final URI CDN_MPD = URI.create("https://cdn.example.com/live/channel1/manifest.mpd?token=abc");

    /** What DashManifest.mpd writes for the synthetic ladder three segments in. */
    private static final String ORIGIN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019" type="dynamic" availabilityStartTime="2023-11-14T22:13:20.000Z" publishTime="2023-11-14T22:13:26.500Z" minimumUpdatePeriod="PT2S" minBufferTime="PT2S" timeShiftBufferDepth="PT12S" suggestedPresentationDelay="PT6S" maxSegmentDuration="PT2.006S">
              <Period id="0" start="PT0S">
                <AdaptationSet id="0" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1" maxWidth="1920" maxHeight="1080" maxFrameRate="30">
                  <Representation id="1080p" bandwidth="6000000" width="1920" height="1080" codecs="avc1.640028" frameRate="30" sar="1:1">
                    <SegmentTemplate timescale="90000" initialization="$RepresentationID$/init.mp4" media="$RepresentationID$/$Number$.m4s" startNumber="1">
                      <SegmentTimeline>
                        <S t="0" d="180000" r="2"/>
                      </SegmentTimeline>
                    </SegmentTemplate>
                  </Representation>
                  <Representation id="360p" bandwidth="960000" width="640" height="360" codecs="avc1.64001e" frameRate="30000/1001" sar="1:1">
                    <SegmentTemplate timescale="90000" initialization="$RepresentationID$/init.mp4" media="$RepresentationID$/$Number$.m4s" startNumber="1">
                      <SegmentTimeline>
                        <S t="0" d="180000" r="2"/>
                      </SegmentTimeline>
                    </SegmentTemplate>
                  </Representation>
                </AdaptationSet>
                <AdaptationSet id="1" contentType="audio" mimeType="audio/mp4" lang="und" segmentAlignment="true" startWithSAP="1">
                  <Representation id="audio" bandwidth="153601" codecs="mp4a.40.2" audioSamplingRate="48000">
                    <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/>
                    <SegmentTemplate timescale="48000" initialization="$RepresentationID$/init.mp4" media="$RepresentationID$/$Number$.m4s" startNumber="1">
                      <SegmentTimeline>
                        <S t="0" d="95232"/>
                        <S d="96256"/>
                        <S d="95232"/>
                      </SegmentTimeline>
                    </SegmentTemplate>
                  </Representation>
                </AdaptationSet>
              </Period>
              <UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-iso:2014" value="http://127.0.0.1:8080/time"/>
            </MPD>
            """;

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static Representation representation(Mpd mpd, int set, int index) {
        return mpd.periods().get(0).adaptationSets().get(set).representations().get(index);
    }

    @Test
    void readsTheOriginsDynamicMpd() {
        Mpd mpd = DashParser.parse(ORIGIN, ORIGIN_MPD);

        assertEquals(ORIGIN_MPD, mpd.uri());
        assertTrue(mpd.dynamic());
        assertEquals(millis("2023-11-14T22:13:20Z"), mpd.availabilityStartTimeMillis());
        assertEquals(millis("2023-11-14T22:13:26.500Z"), mpd.publishTimeMillis());
        assertEquals(2.0, mpd.minimumUpdatePeriod());
        assertEquals(12.0, mpd.timeShiftBufferDepth());
        assertEquals(6.0, mpd.suggestedPresentationDelay());
        assertEquals(2.0, mpd.minBufferTime());
        assertEquals(2.006, mpd.maxSegmentDuration(), 1e-9);
        assertTrue(Double.isNaN(mpd.mediaPresentationDuration()));
        assertEquals(List.of(new UtcTiming("urn:mpeg:dash:utc:http-iso:2014", "http://127.0.0.1:8080/time")), mpd.utcTimings());

        Period period = mpd.periods().get(0);
        assertEquals("0", period.id());
        assertEquals(0.0, period.start());
        assertTrue(Double.isNaN(period.duration()));

        AdaptationSet video = period.adaptationSets().get(0);
        assertEquals("video", video.contentType());
        assertEquals("video/mp4", video.mimeType());
        assertNull(video.lang());
        Representation r1080 = video.representations().get(0);
        assertEquals("1080p", r1080.id());
        assertEquals(6_000_000, r1080.bandwidth());
        assertEquals(1920, r1080.width());
        assertEquals(1080, r1080.height());
        assertEquals("avc1.640028", r1080.codecs());
        assertEquals(30.0, r1080.frameRate());
        assertEquals(ORIGIN_MPD, r1080.baseUrl());
        assertEquals(30000 / 1001.0, video.representations().get(1).frameRate(), 1e-12);

        SegmentTemplate t = r1080.template();
        assertEquals(90_000, t.timescale());
        assertEquals(1, t.startNumber());
        assertEquals(0, t.duration());
        assertFalse(t.openEnded());
        assertEquals(List.of(new TimelineSegment(1, 0, 180_000), new TimelineSegment(2, 180_000, 180_000),
                new TimelineSegment(3, 360_000, 180_000)), t.timeline());
        assertEquals(URI.create("http://127.0.0.1:8080/live/demo/1080p/init.mp4"), t.initializationUrl(r1080));
        assertEquals(URI.create("http://127.0.0.1:8080/live/demo/1080p/3.m4s"), t.mediaUrl(r1080, 3, 360_000));

        AdaptationSet audio = period.adaptationSets().get(1);
        assertEquals("audio", audio.contentType());
        assertEquals("und", audio.lang());
        Representation a = audio.representations().get(0);
        assertEquals(48_000, a.audioSamplingRate());
        assertEquals(0, a.width());
        assertEquals(List.of(new TimelineSegment(1, 0, 95_232), new TimelineSegment(2, 95_232, 96_256),
                new TimelineSegment(3, 191_488, 95_232)), a.template().timeline());
    }

    @Test
    void readsATimelineAddressedByTimeWithGapsAndRepeats() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z">
                  <Period id="p0" start="PT10S">
                    <AdaptationSet mimeType="video/mp4" codecs="avc1.4d401f">
                      <SegmentTemplate timescale="90000" presentationTimeOffset="900000" initialization="init-$RepresentationID$.mp4"
                                       media="$RepresentationID$/t$Time$-$Bandwidth$.m4s">
                        <SegmentTimeline>
                          <S t="900000" d="180000" r="2"/>
                          <S d="90000"/>
                          <S t="1530000" d="180000"/>
                        </SegmentTimeline>
                      </SegmentTemplate>
                      <Representation id="v1" bandwidth="800000" width="640" height="360"/>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """, CDN_MPD);

        Representation v1 = representation(mpd, 0, 0);
        SegmentTemplate t = v1.template();
        assertEquals(900_000, t.presentationTimeOffset());
        assertEquals(List.of(
                new TimelineSegment(1, 900_000, 180_000),
                new TimelineSegment(2, 1_080_000, 180_000),
                new TimelineSegment(3, 1_260_000, 180_000),
                new TimelineSegment(4, 1_440_000, 90_000),
                new TimelineSegment(5, 1_530_000, 180_000)), t.timeline());
        assertEquals(10.0, mpd.periods().get(0).start());
        assertEquals("video", mpd.periods().get(0).adaptationSets().get(0).contentType(), "from mimeType");
        assertEquals("avc1.4d401f", v1.codecs(), "inherited from the AdaptationSet");
        assertEquals(URI.create("https://cdn.example.com/live/channel1/init-v1.mp4?token=abc"), t.initializationUrl(v1));
        assertEquals(URI.create("https://cdn.example.com/live/channel1/v1/t1530000-800000.m4s?token=abc"), t.mediaUrl(v1, 5, 1_530_000));
    }

    @Test
    void mergesAdaptationSetTemplatesIntoRepresentationTemplates() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT60S">
                  <Period>
                    <SegmentTemplate timescale="1000" startNumber="0"/>
                    <AdaptationSet contentType="video" width="1280" height="720" frameRate="25">
                      <SegmentTemplate duration="4000" initialization="$RepresentationID$/init.mp4" media="$RepresentationID$/$Number%05d$.m4s"/>
                      <Representation id="a" bandwidth="1000000"/>
                      <Representation id="b" bandwidth="2000000" width="1920" height="1080">
                        <SegmentTemplate startNumber="7" media="$RepresentationID$/seg-$Number$.mp4"/>
                      </Representation>
                      <Representation id="c" bandwidth="3000000">
                        <SegmentTemplate timescale="90000" duration="360000"/>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """, CDN_MPD);

        Representation a = representation(mpd, 0, 0);
        Representation b = representation(mpd, 0, 1);
        Representation c = representation(mpd, 0, 2);
        assertEquals(new SegmentTemplate(1000, "$RepresentationID$/init.mp4", "$RepresentationID$/$Number%05d$.m4s", 0, 0, 4000,
                List.of(), false), a.template());
        assertEquals(new SegmentTemplate(1000, "$RepresentationID$/init.mp4", "$RepresentationID$/seg-$Number$.mp4", 7, 0, 4000,
                List.of(), false), b.template());
        assertEquals(new SegmentTemplate(90000, "$RepresentationID$/init.mp4", "$RepresentationID$/$Number%05d$.m4s", 0, 0, 360000,
                List.of(), false), c.template());
        assertEquals(URI.create("https://cdn.example.com/live/channel1/a/00042.m4s?token=abc"), a.template().mediaUrl(a, 42, 0));
        assertEquals(URI.create("https://cdn.example.com/live/channel1/b/seg-7.mp4?token=abc"), b.template().mediaUrl(b, 7, 0));
        assertEquals(List.of(1280, 1920, 1280), Stream.of(a, b, c).map(Representation::width).toList());
        assertEquals(List.of(720, 1080, 720), Stream.of(a, b, c).map(Representation::height).toList());
        assertEquals(25.0, c.frameRate());
        assertFalse(mpd.dynamic());
        assertEquals(60.0, mpd.periods().get(0).duration(), "the last Period lasts until mediaPresentationDuration");
    }

    @Test
    void resolvesBaseUrlsFromTheMpdDownToTheRepresentation() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT10S">
                  <BaseURL>https://cdn1.example.com/content/</BaseURL>
                  <BaseURL>https://cdn2.example.com/content/</BaseURL>
                  <Period>
                    <BaseURL>period1/</BaseURL>
                    <AdaptationSet contentType="video">
                      <BaseURL> video/ </BaseURL>
                      <SegmentTemplate duration="2" media="$Number$.m4s"/>
                      <Representation id="720p" bandwidth="1"><BaseURL>720p/</BaseURL></Representation>
                      <Representation id="480p" bandwidth="1"><BaseURL>../shared/480p/</BaseURL></Representation>
                      <Representation id="360p" bandwidth="1"><BaseURL>https://cdn.example.com/live/channel1/360p/</BaseURL></Representation>
                      <Representation id="240p" bandwidth="1"/>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """, CDN_MPD);

        assertEquals(List.of(
                URI.create("https://cdn1.example.com/content/period1/video/720p/"),
                URI.create("https://cdn1.example.com/content/period1/shared/480p/"),
                URI.create("https://cdn.example.com/live/channel1/360p/?token=abc"),
                URI.create("https://cdn1.example.com/content/period1/video/")),
                mpd.periods().get(0).adaptationSets().get(0).representations().stream().map(Representation::baseUrl).toList());
        Representation r360 = representation(mpd, 0, 2);
        assertEquals(URI.create("https://cdn.example.com/live/channel1/360p/5.m4s?token=abc"), r360.template().mediaUrl(r360, 5, 8));
    }

    @Test
    void carriesTheMpdQueryToSegmentsWhenThereIsNoBaseUrl() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z">
                  <Period start="PT0S"><AdaptationSet mimeType="audio/mp4">
                    <Representation id="a" bandwidth="128000">
                      <SegmentTemplate timescale="48000" duration="96000" initialization="a/init.mp4" media="a/$Number$.m4s"/>
                    </Representation>
                  </AdaptationSet></Period>
                </MPD>
                """, CDN_MPD);

        Representation a = representation(mpd, 0, 0);
        assertEquals(URI.create("https://cdn.example.com/live/channel1/a/init.mp4?token=abc"), a.template().initializationUrl(a));
        assertEquals(URI.create("https://cdn.example.com/live/channel1/a/12.m4s?token=abc"), a.template().mediaUrl(a, 12, 0));
    }

    @Test
    void expandsRepeatUntilTheNextEntryAndUntilThePeriodEnd() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static">
                  <Period duration="PT20S">
                    <AdaptationSet contentType="video">
                      <Representation id="v" bandwidth="1">
                        <SegmentTemplate timescale="10" startNumber="100" media="$Number$.m4s">
                          <SegmentTimeline>
                            <S t="0" d="20" r="-1"/>
                            <S t="70" d="30" r="-1"/>
                          </SegmentTimeline>
                        </SegmentTemplate>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """, CDN_MPD);

        SegmentTemplate t = representation(mpd, 0, 0).template();
        // 0..70 holds ceil(70 / 20) = 4 entries; 70..200 holds ceil(130 / 30) = 5
        assertEquals(List.of(
                new TimelineSegment(100, 0, 20), new TimelineSegment(101, 20, 20), new TimelineSegment(102, 40, 20),
                new TimelineSegment(103, 60, 20), new TimelineSegment(104, 70, 30), new TimelineSegment(105, 100, 30),
                new TimelineSegment(106, 130, 30), new TimelineSegment(107, 160, 30), new TimelineSegment(108, 190, 30)), t.timeline());
        assertFalse(t.openEnded());
    }

    @Test
    void leavesALastOpenEndedRepeatToTheClock() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z">
                  <Period start="PT0S">
                    <AdaptationSet contentType="audio">
                      <Representation id="a" bandwidth="1">
                        <SegmentTemplate timescale="1000" media="$Time$.m4s"><SegmentTimeline><S t="4000" d="2000" r="-1"/></SegmentTimeline></SegmentTemplate>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """, CDN_MPD);

        SegmentTemplate t = representation(mpd, 0, 0).template();
        assertEquals(List.of(new TimelineSegment(1, 4000, 2000)), t.timeline());
        assertTrue(t.openEnded());
    }

    @Test
    void readsEveryUtcTiming() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z">
                  <Period start="PT0S"/>
                  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-xsdate:2014" value="https://time.akamai.com/?iso https://time.example.com/"/>
                  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-head:2014" value="https://cdn.example.com/"/>
                  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:direct:2014" value="2024-01-01T00:00:05Z"/>
                </MPD>
                """, CDN_MPD);

        assertEquals(List.of(
                new UtcTiming("urn:mpeg:dash:utc:http-xsdate:2014", "https://time.akamai.com/?iso https://time.example.com/"),
                new UtcTiming("urn:mpeg:dash:utc:http-head:2014", "https://cdn.example.com/"),
                new UtcTiming("urn:mpeg:dash:utc:direct:2014", "2024-01-01T00:00:05Z")), mpd.utcTimings());
        assertTrue(mpd.periods().get(0).adaptationSets().isEmpty());
    }

    @Test
    void acceptsAnMpdWithoutNamespaceAndIgnoresForeignElements() {
        Mpd mpd = DashParser.parse("""
                \uFEFF
                <?xml version="1.0"?>
                <MPD type="static" mediaPresentationDuration="PT4S" xmlns:cenc="urn:mpeg:cenc:2013">
                  <Period>
                    <AdaptationSet mimeType="audio/mp4">
                      <cenc:Representation id="not-this-one" bandwidth="1"/>
                      <Representation id="a" bandwidth="64000" audioSamplingRate="44100 48000">
                        <SegmentTemplate duration="2" media="$Number$.m4s"/>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """, CDN_MPD);

        AdaptationSet set = mpd.periods().get(0).adaptationSets().get(0);
        assertEquals(1, set.representations().size());
        assertEquals(44_100, set.representations().get(0).audioSamplingRate());
    }

    @Test
    void numbersPeriodsFromTheirStartsAndDurations() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT1M">
                  <Period id="a" duration="PT20S"/>
                  <Period id="b"/>
                  <Period id="c" start="PT45S"/>
                </MPD>
                """, CDN_MPD);

        assertEquals(List.of(0.0, 20.0, 45.0), mpd.periods().stream().map(Period::start).toList());
        assertEquals(List.of(20.0, 25.0, 15.0), mpd.periods().stream().map(Period::duration).toList());
    }

    static Stream<Arguments> contentTypes() {
        return Stream.of(
                Arguments.of("contentType=\"video\"", "video"),
                Arguments.of("contentType=\"Audio\"", "audio"),
                Arguments.of("mimeType=\"video/mp4\"", "video"),
                Arguments.of("mimeType=\"audio/mp4\"", "audio"),
                Arguments.of("mimeType=\"text/vtt\"", "text"),
                Arguments.of("mimeType=\"image/jpeg\"", "image"),
                Arguments.of("mimeType=\"application/ttml+xml\"", "text"),
                Arguments.of("mimeType=\"application/mp4\" codecs=\"stpp.ttml.im1t\"", "text"),
                Arguments.of("codecs=\"hvc1.2.4.L123.B0\"", "video"),
                Arguments.of("codecs=\"ec-3\"", "audio"),
                Arguments.of("", ""));
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @MethodSource("contentTypes")
    void derivesContentTypeFromMimeTypeOrCodecs(String attributes, String contentType) {
        Mpd mpd = DashParser.parse("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"><Period><AdaptationSet " + attributes
                + "/></Period></MPD>", CDN_MPD);
        assertEquals(contentType, mpd.periods().get(0).adaptationSets().get(0).contentType());
    }

    @Test
    void derivesContentTypeFromTheFirstRepresentation() {
        Mpd mpd = DashParser.parse("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011"><Period><AdaptationSet>
                  <Representation id="a" bandwidth="1" mimeType="audio/mp4" codecs="mp4a.40.2"/>
                </AdaptationSet></Period></MPD>
                """, CDN_MPD);
        AdaptationSet set = mpd.periods().get(0).adaptationSets().get(0);
        assertEquals("audio", set.contentType());
        assertEquals("audio/mp4", set.mimeType());
        assertNull(set.representations().get(0).template(), "no SegmentTemplate: SegmentBase or SegmentList addressing");
    }
}
