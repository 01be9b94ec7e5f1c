package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HlsParserMalformedTest {

    private static final URI URL = URI.create("https://cdn.example.com/live/media.m3u8");
    private static final String HEAD = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n";

    static Stream<Arguments> malformedMediaPlaylists() {
        return Stream.of(
                Arguments.of("empty", "", "empty playlist"),
                Arguments.of("blank", " \r\n\n\t", "empty playlist"),
                Arguments.of("garbage", "<html><body>502 Bad Gateway</body></html>",
                        "line 1: not an HLS playlist: the first line must be #EXTM3U, found '<html><body>502 Bad Gateway</body></html>'"),
                Arguments.of("binary", "\u0000\u0001\u0002\u00ff", "line 1: not an HLS playlist"),
                Arguments.of("EXTM3U not first", "#EXT-X-TARGETDURATION:2\n#EXTM3U\n", "line 1: not an HLS playlist"),
                Arguments.of("missing EXT-X-TARGETDURATION", "#EXTM3U\n#EXTINF:2,\n1.ts\n",
                        "media playlist without EXT-X-TARGETDURATION (RFC 8216 §4.3.3.1)"),
                Arguments.of("EXTINF without URI at the end", HEAD + "#EXTINF:2,\n1.ts\n#EXTINF:2,\n",
                        "line 5: EXTINF has no URI line after it (truncated playlist?)"),
                Arguments.of("EXTINF followed by EXTINF", HEAD + "#EXTINF:2,\n#EXTINF:2,\n1.ts\n",
                        "line 3: EXTINF has no URI line after it (line 4 holds another EXTINF)"),
                Arguments.of("URI without EXTINF", HEAD + "1.ts\n", "line 3: URI line without a preceding EXTINF"),
                Arguments.of("negative EXTINF", HEAD + "#EXTINF:-2.0,\n1.ts\n", "line 3: EXTINF duration must not be negative: '-2.0'"),
                Arguments.of("EXTINF not a number", HEAD + "#EXTINF:two,\n1.ts\n", "line 3: EXTINF duration is not a decimal number: 'two'"),
                Arguments.of("EXTINF NaN", HEAD + "#EXTINF:NaN,\n1.ts\n", "line 3: EXTINF duration is not a decimal number: 'NaN'"),
                Arguments.of("EXTINF empty", HEAD + "#EXTINF:,\n1.ts\n", "line 3: EXTINF duration is not a decimal number: ''"),
                Arguments.of("target duration not a number", "#EXTM3U\n#EXT-X-TARGETDURATION:abc\n",
                        "line 2: EXT-X-TARGETDURATION is not a decimal number: 'abc'"),
                Arguments.of("negative target duration", "#EXTM3U\n#EXT-X-TARGETDURATION:-6\n",
                        "line 2: EXT-X-TARGETDURATION must not be negative: '-6'"),
                Arguments.of("media sequence out of range", HEAD + "#EXT-X-MEDIA-SEQUENCE:99999999999999999999\n",
                        "line 3: EXT-X-MEDIA-SEQUENCE is out of range: '99999999999999999999'"),
                Arguments.of("version not an integer", HEAD + "#EXT-X-VERSION:7.1\n", "line 3: EXT-X-VERSION is not an integer: '7.1'"),
                Arguments.of("program date time not a date", HEAD + "#EXT-X-PROGRAM-DATE-TIME:yesterday\n#EXTINF:2,\n1.ts\n",
                        "line 3: EXT-X-PROGRAM-DATE-TIME is not an ISO 8601 date and time: 'yesterday'"),
                Arguments.of("program date time out of range", HEAD + "#EXT-X-PROGRAM-DATE-TIME:2024-02-30T00:00:00Z\n",
                        "line 3: EXT-X-PROGRAM-DATE-TIME is not an ISO 8601 date and time: '2024-02-30T00:00:00Z'"),
                Arguments.of("byte range not a number", HEAD + "#EXT-X-BYTERANGE:abc@1\n#EXTINF:2,\n1.ts\n",
                        "line 3: EXT-X-BYTERANGE length is not an integer: 'abc'"),
                Arguments.of("negative byte range offset", HEAD + "#EXT-X-BYTERANGE:10@-1\n#EXTINF:2,\n1.ts\n",
                        "line 3: EXT-X-BYTERANGE offset must not be negative: '-1'"),
                Arguments.of("map without URI", HEAD + "#EXT-X-MAP:BYTERANGE=\"100@0\"\n", "line 3: EXT-X-MAP missing required attribute URI"),
                Arguments.of("unterminated quoted-string", HEAD + "#EXT-X-MAP:URI=\"init.mp4\n",
                        "line 3: EXT-X-MAP unterminated quoted-string in attribute URI"),
                Arguments.of("encrypted", HEAD + "#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\",IV=0x00000000000000000000000000000001\n",
                        "line 3: encrypted streams are not supported (EXT-X-KEY METHOD=AES-128)"),
                Arguments.of("segment URI with a control character", HEAD + "#EXTINF:2,\n1\u0001.ts\n", "line 4: URI holds a control character"),
                Arguments.of("segment URI on another scheme", HEAD + "#EXTINF:2,\nfile:///etc/passwd\n",
                        "line 4: only http and https URIs are supported: 'file:///etc/passwd'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMediaPlaylists")
    void refusesMalformedMediaPlaylistsWithAClearMessage(String name, String text, String message) {
        ManifestException e = assertThrows(ManifestException.class, () -> HlsParser.parseMedia(text, URL));
        assertTrue(e.getMessage().startsWith(message), () -> "expected \"" + message + "\" but was \"" + e.getMessage() + "\"");
    }

    static Stream<Arguments> malformedMultivariantPlaylists() {
        String head = "#EXTM3U\n";
        return Stream.of(
                Arguments.of("empty", "", "empty playlist"),
                Arguments.of("no variant", head + "#EXT-X-INDEPENDENT-SEGMENTS\n", "multivariant playlist lists no variant stream"),
                Arguments.of("stream without BANDWIDTH", head + "#EXT-X-STREAM-INF:RESOLUTION=640x360\nv.m3u8\n",
                        "line 2: EXT-X-STREAM-INF missing required attribute BANDWIDTH"),
                Arguments.of("BANDWIDTH not a number", head + "#EXT-X-STREAM-INF:BANDWIDTH=fast\nv.m3u8\n",
                        "line 2: EXT-X-STREAM-INF BANDWIDTH is not an integer: 'fast'"),
                Arguments.of("stream without URI (truncated)", head + "#EXT-X-STREAM-INF:BANDWIDTH=1000\n",
                        "line 2: EXT-X-STREAM-INF has no URI line after it (truncated playlist?)"),
                Arguments.of("two streams, one URI", head + "#EXT-X-STREAM-INF:BANDWIDTH=1000\n#EXT-X-STREAM-INF:BANDWIDTH=2000\nv.m3u8\n",
                        "line 2: EXT-X-STREAM-INF has no URI line after it"),
                Arguments.of("URI without stream", head + "v.m3u8\n", "line 2: URI line without a preceding EXT-X-STREAM-INF"),
                Arguments.of("bad resolution", head + "#EXT-X-STREAM-INF:BANDWIDTH=1000,RESOLUTION=640*360\nv.m3u8\n",
                        "line 2: EXT-X-STREAM-INF RESOLUTION is not a decimal-resolution WIDTHxHEIGHT: '640*360'"),
                Arguments.of("negative frame rate", head + "#EXT-X-STREAM-INF:BANDWIDTH=1000,FRAME-RATE=-30\nv.m3u8\n",
                        "line 2: EXT-X-STREAM-INF FRAME-RATE must not be negative: '-30'"),
                Arguments.of("attribute without value", head + "#EXT-X-STREAM-INF:BANDWIDTH=1000,PROGRAM-ID\nv.m3u8\n",
                        "line 2: EXT-X-STREAM-INF attribute without a value: 'PROGRAM-ID'"),
                Arguments.of("rendition without GROUP-ID", head + "#EXT-X-MEDIA:TYPE=AUDIO,NAME=\"a\"\n",
                        "line 2: EXT-X-MEDIA missing required attribute GROUP-ID"),
                Arguments.of("DEFAULT neither YES nor NO", head + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"a\",DEFAULT=TRUE\n",
                        "line 2: EXT-X-MEDIA DEFAULT must be YES or NO: 'TRUE'"),
                Arguments.of("variant on another scheme", head + "#EXT-X-STREAM-INF:BANDWIDTH=1000\nrtmp://example.com/live\n",
                        "line 3: only http and https URIs are supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMultivariantPlaylists")
    void refusesMalformedMultivariantPlaylistsWithAClearMessage(String name, String text, String message) {
        ManifestException e = assertThrows(ManifestException.class, () -> HlsParser.parseMultivariant(text, URL));
        assertTrue(e.getMessage().startsWith(message), () -> "expected \"" + message + "\" but was \"" + e.getMessage() + "\"");
    }

    @Test
    void refusesATextOverEightMebibytes() {
        String huge = "#EXTM3U\n#" + "x".repeat(ManifestLimits.MAX_TEXT_BYTES);
        ManifestException e = assertThrows(ManifestException.class, () -> HlsParser.parseMedia(huge, URL));
        assertEquals("playlist is larger than 8388608 bytes", e.getMessage());
        assertThrows(ManifestException.class, () -> HlsParser.isMultivariant(huge));
    }

    @Test
    void countsMultiByteCharactersTowardsTheSizeLimit() {
        String huge = "#EXTM3U\n#" + "\u00e9".repeat(ManifestLimits.MAX_TEXT_BYTES / 2);
        assertThrows(ManifestException.class, () -> HlsParser.parseMedia(huge, URL));
    }

    @Test
    void refusesMoreThanOneHundredThousandSegments() {
        StringBuilder text = new StringBuilder(HEAD);
        for (int i = 0; i <= ManifestLimits.MAX_ENTRIES; i++) {
            text.append("#EXTINF:2,\n").append(i).append(".ts\n");
        }
        ManifestException e = assertThrows(ManifestException.class, () -> HlsParser.parseMedia(text.toString(), URL));
        assertEquals("more than 100000 segments in a media playlist", e.getMessage());
    }

    @Test
    void refusesMoreThanOneHundredThousandVariants() {
        StringBuilder text = new StringBuilder("#EXTM3U\n");
        for (int i = 0; i <= ManifestLimits.MAX_ENTRIES; i++) {
            text.append("#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n");
        }
        ManifestException e = assertThrows(ManifestException.class, () -> HlsParser.parseMultivariant(text.toString(), URL));
        assertEquals("more than 100000 variant streams", e.getMessage());
    }

    @Test
    void refusesAPlaylistUrlThatIsNotHttp() {
        assertThrows(ManifestException.class, () -> HlsParser.parseMedia(HEAD, URI.create("file:///tmp/media.m3u8")));
        assertThrows(ManifestException.class, () -> HlsParser.parseMedia(null, URL));
    }
}
