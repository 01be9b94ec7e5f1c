package io.glass2glass.packager.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.Rendition;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.StreamIndex.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HlsPlaylistsTest {

    private static final int WINDOW = 6;
    private static final List<String> ALL_RENDITIONS = List.of("1080p", "720p", "360p", "audio");

    private static ParsedMediaPlaylist media(Snapshot s, String rendition) {
        return ParsedMediaPlaylist.parse(HlsPlaylists.media(s, rendition).orElseThrow());
    }

    @Test
    void aResumedPublishWithAnotherConfigurationGetsADiscontinuityAndItsOwnMap() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(2);
        StreamIndex index = stream.index();
        var rendition = stream.snapshot().rendition("720p").orElseThrow().rendition();
        int version = index.addTrack(rendition, io.glass2glass.media.TrackInfo.video("avc1.64001f", 90_000, 1280, 720, 30, new byte[] {9}));
        index.addSegment("720p", new StreamIndex.Segment(3, 900_000, 180_000, 90_000, 0, 1000, true, version));
        index.addSegment("720p", new StreamIndex.Segment(4, 1_080_000, 180_000, 90_000, 0, 1000, false, version));

        String m3u8 = HlsPlaylists.media(stream.snapshot(), "720p").orElseThrow();

        List<String> lines = m3u8.lines().filter(l -> l.startsWith("#EXT-X-MAP") || l.equals("#EXT-X-DISCONTINUITY")
                || l.endsWith(".m4s")).toList();
        assertEquals(List.of("#EXT-X-MAP:URI=\"init.mp4\"", "1.m4s", "2.m4s",
                "#EXT-X-DISCONTINUITY", "#EXT-X-MAP:URI=\"init-1.mp4\"", "3.m4s", "4.m4s"), lines);
        assertTrue(m3u8.contains("#EXT-X-DISCONTINUITY-SEQUENCE:0\n"), "the discontinuity is still in the window");
    }

    @Test
    void mediaPlaylistOfAudioMatchesKnownText() {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(3).snapshot();

        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:1
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20.000Z
                #EXTINF:1.98400,
                1.m4s
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:21.984Z
                #EXTINF:2.00533,
                2.m4s
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:23.989Z
                #EXTINF:1.98400,
                3.m4s
                """, HlsPlaylists.media(s, "audio").orElseThrow());
    }

    @Test
    void windowGrowsToWindowSegmentsThenSlides() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW);
        for (int n = 1; n <= 20; n++) {
            stream.append(1);
            for (String id : ALL_RENDITIONS) {
                ParsedMediaPlaylist p = media(stream.snapshot(), id);
                assertEquals(Math.min(n, WINDOW), p.segments().size(), id + " after " + n);
                assertEquals(n + ".m4s", p.segments().get(p.segments().size() - 1).uri(), id + " lists the newest segment");
                if (n >= WINDOW) {
                    // RFC 8216 §6.2.2: a live playlist lasts at least three target durations
                    assertTrue(p.totalSeconds() >= 3 * p.targetDuration(), id + " lasts " + p.totalSeconds() + " s after " + n);
                }
            }
        }
        assertEquals(List.of("15.m4s", "16.m4s", "17.m4s", "18.m4s", "19.m4s", "20.m4s"), media(stream.snapshot(), "720p").uris());
    }

    @Test
    void mediaSequenceIsTheFirstListedNumberAndNeverDecreases() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW);
        long previous = 0;
        for (int n = 1; n <= 40; n++) {
            stream.append(1);
            for (String id : ALL_RENDITIONS) {
                ParsedMediaPlaylist p = media(stream.snapshot(), id);
                assertEquals(p.segments().get(0).uri(), p.mediaSequence() + ".m4s", id + " after " + n);
                assertTrue(p.mediaSequence() >= previous, id + " media sequence went back after " + n);
                assertEquals(Math.max(1, n - WINDOW + 1), p.mediaSequence(), id + " after " + n);
            }
            previous = media(stream.snapshot(), "1080p").mediaSequence();
        }
    }

    @Test
    void everyRoundedExtinfFitsTheTargetDuration() {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(25).snapshot();
        for (String id : ALL_RENDITIONS) {
            ParsedMediaPlaylist p = media(s, id);
            assertEquals(2, p.targetDuration());
            for (ParsedMediaPlaylist.Entry e : p.segments()) {
                assertTrue(Math.round(e.durationSeconds()) <= p.targetDuration(), id + " " + e);
                assertTrue(e.extinf().matches("\\d+\\.\\d{5}"), "five decimals: " + e.extinf());
            }
        }
        assertEquals(List.of("2.00533", "1.98400", "2.00533", "1.98400", "2.00533", "1.98400"),
                media(s, "audio").segments().stream().map(ParsedMediaPlaylist.Entry::extinf).toList());
    }

    @Test
    void programDateTimeAdvancesByThePreviousExtinf() {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(17).snapshot();
        for (String id : ALL_RENDITIONS) {
            List<ParsedMediaPlaylist.Entry> entries = media(s, id).segments();
            for (int i = 1; i < entries.size(); i++) {
                ParsedMediaPlaylist.Entry previous = entries.get(i - 1);
                Instant expected = previous.programDateTime().plusNanos(Math.round(previous.durationSeconds() * 1e9));
                long driftMicros = Math.abs(Duration.between(expected, entries.get(i).programDateTime()).toNanos()) / 1000;
                assertTrue(driftMicros <= 1000, id + " PDT of " + entries.get(i).uri() + " is off by " + driftMicros + " µs");
            }
        }
        assertEquals(Instant.parse("2023-11-14T22:13:42.000Z"), media(s, "1080p").segments().get(0).programDateTime());
    }

    @Test
    void discontinuityIsTaggedWhileListedAndCountedOnceItLeaves() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(3).appendAfterGap(10.0);
        for (String id : ALL_RENDITIONS) {
            ParsedMediaPlaylist p = media(stream.snapshot(), id);
            assertEquals(0, p.discontinuitySequence(), id);
            assertEquals(List.of(false, false, false, true),
                    p.segments().stream().map(ParsedMediaPlaylist.Entry::discontinuity).toList(), id);
        }
        ParsedMediaPlaylist video = media(stream.snapshot(), "1080p");
        assertEquals(Instant.parse("2023-11-14T22:13:36.000Z"), video.segments().get(3).programDateTime(),
                "segment 4 starts 2 s after segment 3 plus the 10 s gap");

        stream.append(WINDOW - 1);
        assertTrue(media(stream.snapshot(), "audio").segments().get(0).discontinuity(), "still listed first");
        assertEquals(0, media(stream.snapshot(), "audio").discontinuitySequence());

        stream.append(1);
        for (String id : ALL_RENDITIONS) {
            ParsedMediaPlaylist p = media(stream.snapshot(), id);
            assertEquals(5, p.mediaSequence(), id);
            assertEquals(1, p.discontinuitySequence(), id);
            assertTrue(p.segments().stream().noneMatch(ParsedMediaPlaylist.Entry::discontinuity), id);
        }
    }

    @Test
    void mediaPlaylistDeclaresInitSegmentAndIndependentSegments() {
        ParsedMediaPlaylist p = media(SyntheticStream.ladder(WINDOW).append(2).snapshot(), "360p");
        assertEquals("init.mp4", p.mapUri());
        assertTrue(p.version() >= 6, "EXT-X-MAP needs version 6");
        assertTrue(p.independentSegments());
    }

    @Test
    void mediaPlaylistOfUnknownRenditionIsEmpty() {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(2).snapshot();
        assertEquals(Optional.empty(), HlsPlaylists.media(s, "4k"));
    }

    @Test
    void multivariantBeforeAnySegmentAdvertisesLadderTargets() {
        Snapshot s = SyntheticStream.ladder(WINDOW).snapshot();

        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="audio",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/media.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=5128000,AVERAGE-BANDWIDTH=5128000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"
                1080p/media.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=3128000,AVERAGE-BANDWIDTH=3128000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"
                720p/media.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=928000,AVERAGE-BANDWIDTH=928000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"
                360p/media.m3u8
                """, HlsPlaylists.multivariant(s));
    }

    @Test
    void multivariantVariantsAddAudioToMeasuredVideoBitrates() {
        Snapshot s = SyntheticStream.ladder(WINDOW).append(6).snapshot();
        ParsedMultivariantPlaylist p = ParsedMultivariantPlaylist.parse(HlsPlaylists.multivariant(s));
        StreamIndex.RenditionTimeline audio = s.rendition("audio").orElseThrow();

        assertEquals(7, p.version());
        assertTrue(p.independentSegments());
        assertEquals(1, p.media().size());
        Map<String, String> audioMedia = p.media().get(0);
        assertEquals("AUDIO", audioMedia.get("TYPE"));
        assertEquals("audio/media.m3u8", audioMedia.get("URI"));
        assertEquals("2", audioMedia.get("CHANNELS"));

        assertEquals(List.of("1080p/media.m3u8", "720p/media.m3u8", "360p/media.m3u8"),
                p.variants().stream().map(ParsedMultivariantPlaylist.Variant::uri).toList());
        // 1080p: segments of 1.2 x 5 Mbit/s peak at 6 Mbit/s and average 5 Mbit/s over numbers 1..6
        ParsedMultivariantPlaylist.Variant top = p.variants().get(0);
        assertEquals(6_000_000 + audio.peakBitrate(), top.bandwidth());
        assertEquals(5_000_000 + audio.averageBitrate(), top.averageBandwidth());
        assertEquals(6_153_601, top.bandwidth());
        assertEquals(5_128_001, top.averageBandwidth());

        for (int i = 0; i < p.variants().size(); i++) {
            ParsedMultivariantPlaylist.Variant v = p.variants().get(i);
            Rendition rung = SyntheticStream.VIDEO.get(i);
            assertTrue(v.bandwidth() >= v.averageBandwidth(), v.uri());
            assertEquals(List.of(SyntheticStream.VIDEO_CODECS.get(i), SyntheticStream.AUDIO_CODECS), v.codecs());
            assertEquals(rung.width() + "x" + rung.height(), v.attributes().get("RESOLUTION"));
            assertEquals("30.000", v.attributes().get("FRAME-RATE"));
            assertEquals(audioMedia.get("GROUP-ID"), v.attributes().get("AUDIO"));
        }
    }

    @Test
    void multivariantWithoutAudioHasNoAudioGroup() {
        Snapshot s = SyntheticStream.videoOnly(WINDOW).append(3).snapshot();
        ParsedMultivariantPlaylist p = ParsedMultivariantPlaylist.parse(HlsPlaylists.multivariant(s));

        assertTrue(p.media().isEmpty());
        assertEquals(3, p.variants().size());
        for (ParsedMultivariantPlaylist.Variant v : p.variants()) {
            assertNull(v.attributes().get("AUDIO"), v.uri());
            assertEquals(1, v.codecs().size(), v.uri());
        }
        assertEquals(s.rendition("1080p").orElseThrow().peakBitrate(), p.variants().get(0).bandwidth());
        assertFalse(HlsPlaylists.multivariant(s).contains("mp4a"));
    }
}
