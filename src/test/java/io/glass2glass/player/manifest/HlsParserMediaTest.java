package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HlsParserMediaTest {

    private static final URI AUDIO = URI.create("http://127.0.0.1:8080/live/demo/audio/media.m3u8");
    private static final URI VOD = URI.create("https://cdn.example.com/vod/main.m3u8?token=abc");

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static MediaPlaylist parse(String text) {
        return HlsParser.parseMedia(text, VOD);
    }

    @Test
    void readsTheOriginsLiveMediaPlaylist() {
        MediaPlaylist p = HlsParser.parseMedia("""
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
                """, AUDIO);

        InitSection init = new InitSection(URI.create("http://127.0.0.1:8080/live/demo/audio/init.mp4"), null);
        assertEquals(new MediaPlaylist(AUDIO, 7, 2.0, 1, 0, false, null, 0, 0, List.of(
                new MediaSegment(1, URI.create("http://127.0.0.1:8080/live/demo/audio/1.m4s"), 1.984, "",
                        millis("2023-11-14T22:13:20.000Z"), false, 0, null, init, false),
                new MediaSegment(2, URI.create("http://127.0.0.1:8080/live/demo/audio/2.m4s"), 2.00533, "",
                        millis("2023-11-14T22:13:21.984Z"), false, 0, null, init, false),
                new MediaSegment(3, URI.create("http://127.0.0.1:8080/live/demo/audio/3.m4s"), 1.984, "",
                        millis("2023-11-14T22:13:23.989Z"), false, 0, null, init, false))), p);
    }

    @Test
    void readsPlaylistTagsAndSegmentTitles() {
        MediaPlaylist p = parse("""
                #EXTM3U
                #EXT-X-VERSION:9
                #EXT-X-TARGETDURATION:10
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,HOLD-BACK=30.0,PART-HOLD-BACK=3.012,CAN-SKIP-UNTIL=36
                #EXTINF:10,Opening titles
                a.ts
                #EXTINF:9.5
                b.ts
                #EXTINF:10.000,   spaced, with comma
                c.ts
                #EXT-X-ENDLIST
                """);

        assertEquals(9, p.version());
        assertEquals(10.0, p.targetDuration());
        assertEquals("EVENT", p.playlistType());
        assertEquals(30.0, p.holdBack());
        assertEquals(3.012, p.partHoldBack());
        assertTrue(p.endList());
        assertEquals(List.of(10.0, 9.5, 10.0), p.segments().stream().map(MediaSegment::duration).toList());
        assertEquals(List.of("Opening titles", "", "spaced, with comma"), p.segments().stream().map(MediaSegment::title).toList());
        assertEquals(URI.create("https://cdn.example.com/vod/a.ts?token=abc"), p.segments().get(0).uri());
        assertEquals(Long.MIN_VALUE, p.segments().get(0).programDateTimeMillis());
    }

    @Test
    void continuesByteRangesWithoutOffsetFromThePreviousRangeOfTheSameResource() {
        MediaPlaylist p = parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:10
                #EXT-X-VERSION:4
                #EXT-X-MAP:URI="main.mp4",BYTERANGE="720@0"
                #EXTINF:10.0,
                #EXT-X-BYTERANGE:75232@720
                main.mp4
                #EXTINF:10.0,
                #EXT-X-BYTERANGE:82112
                main.mp4
                #EXTINF:10.0,
                #EXT-X-BYTERANGE:69864
                main.mp4
                #EXTINF:4.5,
                #EXT-X-BYTERANGE:1000
                other.mp4
                #EXTINF:4.5,
                whole.mp4
                #EXT-X-ENDLIST
                """);

        URI main = URI.create("https://cdn.example.com/vod/main.mp4?token=abc");
        assertEquals(new InitSection(main, new ByteRange(720, 0)), p.segments().get(0).init());
        assertEquals(List.of(main, main, main), p.segments().subList(0, 3).stream().map(MediaSegment::uri).toList());
        assertEquals(new ByteRange(75232, 720), p.segments().get(0).byteRange());
        assertEquals(new ByteRange(82112, 75952), p.segments().get(1).byteRange());
        assertEquals(new ByteRange(69864, 158064), p.segments().get(2).byteRange());
        assertEquals(new ByteRange(1000, 0), p.segments().get(3).byteRange(), "another resource starts at 0");
        assertNull(p.segments().get(4).byteRange());
    }

    @Test
    void readsAnInitSectionRangeWithoutOffsetFromZeroAndAppliesEachMapUntilTheNext() {
        MediaPlaylist p = parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:4
                #EXTINF:4,
                before-map.ts
                #EXT-X-MAP:URI="init-a.mp4",BYTERANGE="600"
                #EXTINF:4,
                a1.m4s
                #EXTINF:4,
                a2.m4s
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="https://cdn.example.com/ad/init.mp4"
                #EXTINF:4,
                https://cdn.example.com/ad/1.m4s
                """);

        assertNull(p.segments().get(0).init());
        InitSection a = new InitSection(URI.create("https://cdn.example.com/vod/init-a.mp4?token=abc"), new ByteRange(600, 0));
        assertEquals(a, p.segments().get(1).init());
        assertEquals(a, p.segments().get(2).init());
        assertEquals(new InitSection(URI.create("https://cdn.example.com/ad/init.mp4?token=abc"), null), p.segments().get(3).init());
    }

    @Test
    void countsDiscontinuitiesFromTheDiscontinuitySequence() {
        MediaPlaylist p = parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:6
                #EXT-X-MEDIA-SEQUENCE:120
                #EXT-X-DISCONTINUITY-SEQUENCE:3
                #EXTINF:6,
                120.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:6,
                ad1.ts
                #EXTINF:6,
                ad2.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:6,
                123.ts
                """);

        assertEquals(3, p.discontinuitySequence());
        assertEquals(List.of(120L, 121L, 122L, 123L), p.segments().stream().map(MediaSegment::sequenceNumber).toList());
        assertEquals(List.of(false, true, false, true), p.segments().stream().map(MediaSegment::discontinuity).toList());
        assertEquals(List.of(3L, 4L, 4L, 5L), p.segments().stream().map(MediaSegment::discontinuitySequence).toList());
    }

    @Test
    void carriesProgramDateTimeForwardAndBackwardFromTheSegmentsThatHaveOne() {
        MediaPlaylist p = parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:4
                #EXTINF:4.004,
                1.ts
                #EXTINF:2.5,
                2.ts
                #EXT-X-PROGRAM-DATE-TIME:2024-03-01T12:00:10.000+01:00
                #EXTINF:3.003,
                3.ts
                #EXTINF:3.003,
                4.ts
                #EXTINF:3.003,
                5.ts
                #EXT-X-PROGRAM-DATE-TIME:2024-03-01T11:00:30Z
                #EXTINF:4,
                6.ts
                #EXTINF:4,
                7.ts
                """);

        long anchor = millis("2024-03-01T11:00:10Z");
        assertEquals(List.of(
                anchor - 6_504,
                anchor - 2_500,
                anchor,
                anchor + 3_003,
                anchor + 6_006,
                millis("2024-03-01T11:00:30Z"),
                millis("2024-03-01T11:00:34Z")), p.segments().stream().map(MediaSegment::programDateTimeMillis).toList());
    }

    @Test
    void carriesProgramDateTimeWithoutAccumulatingRounding() {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-PROGRAM-DATE-TIME:2024-01-01T00:00:00Z\n");
        for (int i = 0; i < 3000; i++) {
            text.append("#EXTINF:0.0334,\n").append(i).append(".ts\n");
        }
        MediaPlaylist p = parse(text.toString());
        assertEquals(millis("2024-01-01T00:00:00Z") + Math.round(2999 * 33.4), p.segments().get(2999).programDateTimeMillis());
    }

    static Stream<Arguments> programDateTimes() {
        return Stream.of(
                Arguments.of("2024-03-01T11:00:10.000Z", "2024-03-01T11:00:10Z"),
                Arguments.of("2024-03-01T11:00:10Z", "2024-03-01T11:00:10Z"),
                Arguments.of("2024-03-01T11:00:10.5Z", "2024-03-01T11:00:10.500Z"),
                Arguments.of("2024-03-01T11:00:10.123456Z", "2024-03-01T11:00:10.123Z"),
                Arguments.of("2024-03-01T11:00:10.123456789Z", "2024-03-01T11:00:10.123Z"),
                Arguments.of("2024-03-01T11:00:10+00:00", "2024-03-01T11:00:10Z"),
                Arguments.of("2024-03-01T11:00:10.250+0000", "2024-03-01T11:00:10.250Z"),
                Arguments.of("2024-03-01T13:00:10+02", "2024-03-01T11:00:10Z"),
                Arguments.of("2024-03-01T06:00:10.000-05:00", "2024-03-01T11:00:10Z"),
                Arguments.of("2024-03-01T16:30:10+0530", "2024-03-01T11:00:10Z"),
                Arguments.of("2024-03-01t11:00:10z", "2024-03-01T11:00:10Z"),
                Arguments.of("2024-03-01T11:00:10", "2024-03-01T11:00:10Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programDateTimes")
    void readsProgramDateTimeWithAnyIso8601Offset(String written, String instant) {
        MediaPlaylist p = parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PROGRAM-DATE-TIME:" + written + "\n#EXTINF:2,\n1.ts\n");
        assertEquals(millis(instant), p.segments().get(0).programDateTimeMillis());
    }

    @Test
    void ignoresUnknownTagsCommentsAndLowLatencyParts() {
        MediaPlaylist p = parse("""
                #EXTM3U
                # generated by some packager
                #EXT-X-TARGETDURATION:4
                #EXT-X-PART-INF:PART-TARGET=1.0
                #EXT-X-FOO:BAR="baz, qux",N=0x1F
                #EXT-X-CUE-OUT:DURATION=30
                #EXT-X-DATERANGE:ID="ad1",START-DATE="2024-01-01T00:00:00Z",DURATION=30.0
                #EXTINF:4,
                1.m4s
                #EXT-X-PART:DURATION=1.0,URI="2.0.m4s",INDEPENDENT=YES
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="2.1.m4s"
                #EXT-X-RENDITION-REPORT:URI="../480p/media.m3u8",LAST-MSN=1
                #EXT-X-KEY:METHOD=NONE
                #EXTINF:4,
                2.m4s
                """);

        assertEquals(List.of(URI.create("https://cdn.example.com/vod/1.m4s?token=abc"), URI.create("https://cdn.example.com/vod/2.m4s?token=abc")),
                p.segments().stream().map(MediaSegment::uri).toList());
    }

    @Test
    void marksGapSegments() {
        MediaPlaylist p = parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n1.ts\n#EXT-X-GAP\n#EXTINF:2,\n2.ts\n#EXTINF:2,\n3.ts\n");
        assertEquals(List.of(false, true, false), p.segments().stream().map(MediaSegment::gap).toList());
    }

    static Stream<Arguments> lineEndings() {
        String lf = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:2.0,\n5.ts\n#EXTINF:2.0,\n6.ts\n";
        return Stream.of(
                Arguments.of("LF", lf),
                Arguments.of("CR LF", lf.replace("\n", "\r\n")),
                Arguments.of("CR", lf.replace("\n", "\r")),
                Arguments.of("byte order mark", "\uFEFF" + lf),
                Arguments.of("byte order mark and CR LF", "\uFEFF" + lf.replace("\n", "\r\n")),
                Arguments.of("blank lines and stray whitespace", "\n\n  #EXTM3U  \n\n#EXT-X-TARGETDURATION:2\t\n \n"
                        + "#EXT-X-MEDIA-SEQUENCE:5\r\n#EXTINF:2.0,\n\n  5.ts  \n#EXTINF:2.0,\n6.ts"),
                Arguments.of("no final newline", lf.strip()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineEndings")
    void toleratesLineEndingsByteOrderMarkAndBlankLines(String name, String text) {
        MediaPlaylist p = parse(text);
        assertEquals(2.0, p.targetDuration());
        assertEquals(List.of(URI.create("https://cdn.example.com/vod/5.ts?token=abc"), URI.create("https://cdn.example.com/vod/6.ts?token=abc")),
                p.segments().stream().map(MediaSegment::uri).toList());
        assertEquals(List.of(5L, 6L), p.segments().stream().map(MediaSegment::sequenceNumber).toList());
    }

    @Test
    void readsAnEmptyLivePlaylist() {
        MediaPlaylist p = parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n");
        assertTrue(p.segments().isEmpty());
        assertFalse(p.endList());
    }

    @Test
    void saysWhenAMultivariantPlaylistIsGivenAsMedia() {
        ManifestException e = assertThrows(ManifestException.class, () -> HlsParser.parseMedia("""
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=1000
                v.m3u8
                """, VOD));
        assertEquals("line 2: #EXT-X-STREAM-INF: this is a multivariant playlist, not a media playlist", e.getMessage());
    }
}
