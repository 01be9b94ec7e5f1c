package io.glass2glass.player.manifest;

import static io.glass2glass.packager.hls.SyntheticStream.AUDIO_CODECS;
import static io.glass2glass.packager.hls.SyntheticStream.START_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.MediaKind;
import io.glass2glass.packager.StreamIndex.RenditionTimeline;
import io.glass2glass.packager.StreamIndex.Segment;
import io.glass2glass.packager.StreamIndex.Snapshot;
import io.glass2glass.packager.dash.DashManifest;
import io.glass2glass.packager.hls.HlsPlaylists;
import io.glass2glass.packager.hls.SyntheticStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parses what our own origin generates (HlsPlaylists, DashManifest) and checks every figure comes back. */
class OriginManifestsRoundTripTest {

    private static final int WINDOW = 6;
    private static final String STREAM = "http://127.0.0.1:8080/live/live1/";
    private static final String TOKEN = "token=t0k3n";

    private static URI uri(String path) {
        return URI.create(STREAM + path);
    }

    @Test
    void multivariantPlaylistRoundTripsEveryRungAndTheAudioGroup() {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(20).snapshot();
        RenditionTimeline audio = s.rendition("audio").orElseThrow();

        MultivariantPlaylist m = HlsParser.parseMultivariant(HlsPlaylists.multivariant(s), uri("master.m3u8?" + TOKEN));

        assertTrue(m.independentSegments());
        List<RenditionTimeline> video = s.renditions().stream().filter(t -> t.rendition().kind() == MediaKind.VIDEO).toList();
        assertEquals(video.size(), m.variants().size());
        for (int i = 0; i < video.size(); i++) {
            RenditionTimeline t = video.get(i);
            Variant v = m.variants().get(i);
            String id = t.rendition().id();
            assertEquals(uri(id + "/media.m3u8?" + TOKEN), v.uri(), id);
            assertEquals(t.peakBitrate() + audio.peakBitrate(), v.bandwidth(), id);
            assertEquals(t.averageBitrate() + audio.averageBitrate(), v.averageBandwidth(), id);
            assertEquals(t.track().width(), v.width(), id);
            assertEquals(t.track().height(), v.height(), id);
            assertEquals(t.track().codecs() + "," + AUDIO_CODECS, v.codecs(), id);
            assertEquals(30.0, v.frameRate(), id);
            assertEquals("audio", v.audioGroup(), id);
        }
        assertEquals(List.of(new Rendition("AUDIO", "audio", "audio", null, true, true, uri("audio/media.m3u8?" + TOKEN))), m.media());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1080p", "720p", "360p", "audio"})
    void mediaPlaylistRoundTripsEverySegmentOfTheWindow(String id) {
        // a discontinuity inside the window, and one that already left it
        Snapshot s = SyntheticStream.ladder(WINDOW).append(3).appendAfterGap(4.0).append(7).appendAfterGap(1.5).append(3).snapshot();
        RenditionTimeline t = s.rendition(id).orElseThrow();
        List<Segment> window = t.window();

        MediaPlaylist p = HlsParser.parseMedia(HlsPlaylists.media(s, id).orElseThrow(), uri(id + "/media.m3u8?" + TOKEN));

        assertEquals(7, p.version());
        assertEquals(s.targetDurationSeconds(), p.targetDuration());
        assertEquals(window.get(0).number(), p.mediaSequence());
        assertEquals(t.discontinuitySequence(), p.discontinuitySequence());
        assertEquals(1, p.discontinuitySequence(), "the first gap left the window");
        assertFalse(p.endList());
        assertEquals(window.size(), p.segments().size());
        long discontinuitySequence = t.discontinuitySequence();
        for (int i = 0; i < window.size(); i++) {
            Segment expected = window.get(i);
            MediaSegment actual = p.segments().get(i);
            discontinuitySequence += expected.discontinuity() ? 1 : 0;
            String at = id + " segment " + expected.number();
            assertEquals(expected.number(), actual.sequenceNumber(), at);
            assertEquals(uri(id + "/" + expected.number() + ".m4s?" + TOKEN), actual.uri(), at);
            assertEquals(expected.durationSeconds(), actual.duration(), 0.5e-5, at);
            assertEquals(expected.programDateTimeMillis(), actual.programDateTimeMillis(), at);
            assertEquals(expected.discontinuity(), actual.discontinuity(), at);
            assertEquals(discontinuitySequence, actual.discontinuitySequence(), at);
            assertEquals(new InitSection(uri(id + "/init.mp4?" + TOKEN), null), actual.init(), at);
        }
        assertEquals(2, discontinuitySequence, "the second gap is in the window");
    }

    @Test
    void mpdRoundTripsEveryRepresentationAndSegment() {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(20).snapshot();
        long now = START_MILLIS + 40_123;

        Mpd mpd = DashParser.parse(DashManifest.mpd(s, now, "http://127.0.0.1:8080/time"), uri("manifest.mpd?" + TOKEN));

        assertTrue(mpd.dynamic());
        assertEquals(s.availabilityStartMillis(), mpd.availabilityStartTimeMillis());
        assertEquals(now, mpd.publishTimeMillis());
        assertEquals(WINDOW * s.segmentSeconds(), mpd.timeShiftBufferDepth());
        assertEquals(s.segmentSeconds(), mpd.minimumUpdatePeriod());
        assertEquals(3 * s.segmentSeconds(), mpd.suggestedPresentationDelay());
        assertEquals(List.of(new UtcTiming("urn:mpeg:dash:utc:http-iso:2014", "http://127.0.0.1:8080/time")), mpd.utcTimings());
        Period period = mpd.periods().get(0);
        assertEquals(0.0, period.start());

        List<Representation> representations = new ArrayList<>();
        period.adaptationSets().forEach(set -> representations.addAll(set.representations()));
        assertEquals(List.of("video", "audio"), period.adaptationSets().stream().map(AdaptationSet::contentType).toList());
        assertEquals(s.renditions().size(), representations.size());
        for (int i = 0; i < representations.size(); i++) {
            RenditionTimeline t = s.renditions().get(i);
            Representation r = representations.get(i);
            String id = t.rendition().id();
            assertEquals(id, r.id());
            assertEquals(t.peakBitrate(), r.bandwidth(), id);
            assertEquals(t.track().width(), r.width(), id);
            assertEquals(t.track().height(), r.height(), id);
            assertEquals(t.track().codecs(), r.codecs(), id);
            assertEquals(t.track().frameRate(), r.frameRate(), id);
            assertEquals(t.rendition().kind() == MediaKind.AUDIO ? t.track().sampleRate() : 0, r.audioSamplingRate(), id);

            SegmentTemplate template = r.template();
            assertEquals(t.track().timescale(), template.timescale(), id);
            List<TimelineSegment> expected = t.window().stream()
                    .map(segment -> new TimelineSegment(segment.number(), segment.startTime(), segment.duration()))
                    .toList();
            assertEquals(expected, template.timeline(), id);
            assertEquals(uri(id + "/init.mp4?" + TOKEN), template.initializationUrl(r), id);
            TimelineSegment last = expected.get(expected.size() - 1);
            assertEquals(uri(id + "/" + last.number() + ".m4s?" + TOKEN), template.mediaUrl(r, last.number(), last.time()), id);

            assertEquals(expected, DashParser.segmentsAvailableAt(mpd, period, template, now), id + ": the window is what is available");
            long newestStartMillis = START_MILLIS - Math.floorDiv(-last.time() * 1000, template.timescale());
            assertEquals(expected.subList(0, expected.size() - 1),
                    DashParser.segmentsAvailableAt(mpd, period, template, newestStartMillis),
                    id + ": the newest segment is not available before it ends");
        }
    }
}
