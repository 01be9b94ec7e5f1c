package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HlsParserMultivariantTest {

    private static final URI ORIGIN_MASTER = URI.create("http://127.0.0.1:8080/live/demo/master.m3u8");

    /** The shape HlsPlaylists.multivariant writes for the default ladder. */
    private static final String ORIGIN = """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="audio",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/media.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=3208000,AVERAGE-BANDWIDTH=2991000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"
            720p/media.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=1688000,AVERAGE-BANDWIDTH=1531000,RESOLUTION=854x480,CODECS="avc1.64001e,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"
            480p/media.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=1048000,AVERAGE-BANDWIDTH=851000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"
            360p/media.m3u8
            """;

    /**
     * A third-party CDN's multivariant playlist in the style of the hls.js test streams: absolute
     * URIs, an auth token on the playlist URL, subtitles, closed captions, an I-frame playlist and
     * attributes this player does not use.
     */
    private static final String CDN = """
            #EXTM3U
            #EXT-X-VERSION:6
            ## Created with an encoder we have never heard of
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-SESSION-DATA:DATA-ID="com.example.title",VALUE="Big Buck Bunny, 2008"
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud1",LANGUAGE="en",NAME="English",AUTOSELECT=YES,DEFAULT=YES,CHANNELS="2",URI="https://cdn.example.com/a1/prog_index.m3u8"
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud1",LANGUAGE="fr",NAME="Fran\u00e7ais, st\u00e9r\u00e9o",AUTOSELECT=YES,DEFAULT=NO,URI="a2/prog_index.m3u8?lang=fr"
            #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="sub1",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,FORCED=NO,URI="https://subs.example.net/en/prog_index.m3u8"
            #EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc1",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,INSTREAM-ID="CC1"
            #EXT-X-I-FRAME-STREAM-INF:AVERAGE-BANDWIDTH=163198,BANDWIDTH=166942,CODECS="avc1.64002a",RESOLUTION=1920x1080,URI="v7/iframe_index.m3u8"
            #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=2168183,BANDWIDTH=2177116,CODECS="avc1.640020,mp4a.40.2",RESOLUTION=960x540,FRAME-RATE=59.940,CLOSED-CAPTIONS="cc1",AUDIO="aud1",SUBTITLES="sub1",HDCP-LEVEL=NONE,VIDEO-RANGE=SDR

            https://cdn.example.com/v5/prog_index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=7971374,CODECS="avc1.64002a,mp4a.40.2",RESOLUTION=1920x1080,FRAME-RATE=60,AUDIO="aud1",SCORE=1.5,X-CUSTOM=0x1F2E
            # a comment between the tag and its URI
            v9/prog_index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=300000
            https://other-cdn.example.org/audio-only/prog_index.m3u8
            """;

    @Test
    void readsTheOriginsMultivariantPlaylist() {
        MultivariantPlaylist m = HlsParser.parseMultivariant(ORIGIN, ORIGIN_MASTER);

        assertEquals(ORIGIN_MASTER, m.uri());
        assertTrue(m.independentSegments());
        assertEquals(List.of(
                new Variant(URI.create("http://127.0.0.1:8080/live/demo/720p/media.m3u8"), 3_208_000, 2_991_000, 1280, 720,
                        "avc1.64001f,mp4a.40.2", 30.0, "audio"),
                new Variant(URI.create("http://127.0.0.1:8080/live/demo/480p/media.m3u8"), 1_688_000, 1_531_000, 854, 480,
                        "avc1.64001e,mp4a.40.2", 30.0, "audio"),
                new Variant(URI.create("http://127.0.0.1:8080/live/demo/360p/media.m3u8"), 1_048_000, 851_000, 640, 360,
                        "avc1.64001e,mp4a.40.2", 30.0, "audio")), m.variants());
        assertEquals(List.of(new Rendition("AUDIO", "audio", "audio", null, true, true,
                URI.create("http://127.0.0.1:8080/live/demo/audio/media.m3u8"))), m.media());
    }

    @Test
    void readsAThirdPartyCdnPlaylistWithAbsoluteUrisAndTokens() {
        MultivariantPlaylist m = HlsParser.parseMultivariant(CDN, URI.create("https://cdn.example.com/hls/master.m3u8?token=abc"));

        assertEquals(3, m.variants().size(), "the I-frame playlist is not a variant");
        Variant first = m.variants().get(0);
        assertEquals(URI.create("https://cdn.example.com/v5/prog_index.m3u8?token=abc"), first.uri());
        assertEquals(2_177_116, first.bandwidth());
        assertEquals(2_168_183, first.averageBandwidth());
        assertEquals(960, first.width());
        assertEquals(540, first.height());
        assertEquals(59.94, first.frameRate(), 1e-9);
        assertEquals("avc1.640020,mp4a.40.2", first.codecs());
        assertEquals("aud1", first.audioGroup());

        Variant second = m.variants().get(1);
        assertEquals(URI.create("https://cdn.example.com/hls/v9/prog_index.m3u8?token=abc"), second.uri());
        assertEquals(0, second.averageBandwidth());
        assertEquals(60.0, second.frameRate());

        Variant audioOnly = m.variants().get(2);
        assertEquals(URI.create("https://other-cdn.example.org/audio-only/prog_index.m3u8"), audioOnly.uri(),
                "the token is not handed to another host");
        assertEquals(new Variant(audioOnly.uri(), 300_000, 0, 0, 0, "", 0, null), audioOnly);

        assertEquals(List.of(
                new Rendition("AUDIO", "aud1", "English", "en", true, true,
                        URI.create("https://cdn.example.com/a1/prog_index.m3u8?token=abc")),
                new Rendition("AUDIO", "aud1", "Fran\u00e7ais, st\u00e9r\u00e9o", "fr", false, true,
                        URI.create("https://cdn.example.com/hls/a2/prog_index.m3u8?lang=fr")),
                new Rendition("SUBTITLES", "sub1", "English", "en", true, true,
                        URI.create("https://subs.example.net/en/prog_index.m3u8")),
                new Rendition("CLOSED-CAPTIONS", "cc1", "English", "en", true, true, null)), m.media());
    }

    @Test
    void readsAutoselectWithoutDefaultAndMuxedRenditions() {
        MultivariantPlaylist m = HlsParser.parseMultivariant("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="main",AUTOSELECT=NO
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="commentary",LANGUAGE="en",AUTOSELECT=YES,URI="c.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=1000000,AUDIO="a"
                v.m3u8
                """, ORIGIN_MASTER);

        assertFalse(m.independentSegments());
        Rendition muxed = m.media().get(0);
        assertNull(muxed.uri());
        assertFalse(muxed.isDefault());
        assertFalse(muxed.autoselect());
        assertTrue(m.media().get(1).autoselect());
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("origin multivariant", ORIGIN, true),
                Arguments.of("CDN multivariant", CDN, true),
                Arguments.of("media playlist", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n1.ts\n", false),
                Arguments.of("media playlist whose first tag is EXT-X-MAP", "#EXTM3U\n#EXT-X-MAP:URI=\"i.mp4\"\n", false),
                Arguments.of("only EXT-X-MEDIA so far", "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"a\"\n", true),
                Arguments.of("no tag that tells", "#EXTM3U\n#EXT-X-VERSION:3\n", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void tellsMultivariantFromMediaPlaylists(String name, String text, boolean multivariant) {
        assertEquals(multivariant, HlsParser.isMultivariant(text));
    }

    @Test
    void saysWhenAMediaPlaylistIsGivenAsMultivariant() {
        ManifestException e = assertThrows(ManifestException.class, () -> HlsParser.parseMultivariant("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXTINF:2,
                1.ts
                """, ORIGIN_MASTER));
        assertEquals("line 2: #EXT-X-TARGETDURATION: this is a media playlist, not a multivariant playlist", e.getMessage());
    }
}
