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

class UrlsTest {

    /** The base of RFC 3986 §5.4 without its query, so the results are RFC 3986's own (no query to carry over). */
    private static final URI RFC_BASE = URI.create("http://a/b/c/d;p");
    private static final URI MASTER = URI.create("https://cdn.example.com/live/master.m3u8?token=abc");

    static Stream<Arguments> rfc3986Examples() {
        return Stream.of(
                // §5.4.1 normal examples
                Arguments.of("g", "http://a/b/c/g"),
                Arguments.of("./g", "http://a/b/c/g"),
                Arguments.of("g/", "http://a/b/c/g/"),
                Arguments.of("/g", "http://a/g"),
                Arguments.of("//g", "http://g"),
                Arguments.of("?y", "http://a/b/c/d;p?y"),
                Arguments.of("g?y", "http://a/b/c/g?y"),
                Arguments.of("#s", "http://a/b/c/d;p#s"),
                Arguments.of("g#s", "http://a/b/c/g#s"),
                Arguments.of("g?y#s", "http://a/b/c/g?y#s"),
                Arguments.of(";x", "http://a/b/c/;x"),
                Arguments.of("g;x", "http://a/b/c/g;x"),
                Arguments.of("g;x?y#s", "http://a/b/c/g;x?y#s"),
                Arguments.of("", "http://a/b/c/d;p"),
                Arguments.of(".", "http://a/b/c/"),
                Arguments.of("./", "http://a/b/c/"),
                Arguments.of("..", "http://a/b/"),
                Arguments.of("../", "http://a/b/"),
                Arguments.of("../g", "http://a/b/g"),
                Arguments.of("../..", "http://a/"),
                Arguments.of("../../", "http://a/"),
                Arguments.of("../../g", "http://a/g"),
                // §5.4.2 abnormal examples
                Arguments.of("../../../g", "http://a/g"),
                Arguments.of("../../../../g", "http://a/g"),
                Arguments.of("/./g", "http://a/g"),
                Arguments.of("/../g", "http://a/g"),
                Arguments.of("g.", "http://a/b/c/g."),
                Arguments.of(".g", "http://a/b/c/.g"),
                Arguments.of("g..", "http://a/b/c/g.."),
                Arguments.of("..g", "http://a/b/c/..g"),
                Arguments.of("./../g", "http://a/b/g"),
                Arguments.of("./g/.", "http://a/b/c/g/"),
                Arguments.of("g/./h", "http://a/b/c/g/h"),
                Arguments.of("g/../h", "http://a/b/c/h"),
                Arguments.of("g;x=1/./y", "http://a/b/c/g;x=1/y"),
                Arguments.of("g;x=1/../y", "http://a/b/c/y"),
                Arguments.of("g?y/./x", "http://a/b/c/g?y/./x"),
                Arguments.of("g?y/../x", "http://a/b/c/g?y/../x"),
                Arguments.of("g#s/./x", "http://a/b/c/g#s/./x"),
                Arguments.of("g#s/../x", "http://a/b/c/g#s/../x"),
                // absolute references
                Arguments.of("https://other.example/x/../y.ts", "https://other.example/y.ts"),
                Arguments.of("HTTP://a/G", "http://a/G"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("rfc3986Examples")
    void resolvesReferencesAsRfc3986Section5(String reference, String expected) {
        assertEquals(URI.create(expected), Urls.resolve(RFC_BASE, reference));
    }

    static Stream<Arguments> queryPropagation() {
        return Stream.of(
                Arguments.of("relative child gets the token", "720p/media.m3u8",
                        "https://cdn.example.com/live/720p/media.m3u8?token=abc"),
                Arguments.of("absolute child on the same host gets the token", "https://cdn.example.com/other/media.m3u8",
                        "https://cdn.example.com/other/media.m3u8?token=abc"),
                Arguments.of("default port and host case do not change the origin", "https://CDN.example.com:443/x.m3u8",
                        "https://CDN.example.com:443/x.m3u8?token=abc"),
                Arguments.of("child with its own query keeps it", "720p/media.m3u8?v=2",
                        "https://cdn.example.com/live/720p/media.m3u8?v=2"),
                Arguments.of("child with an empty query keeps it", "720p/media.m3u8?",
                        "https://cdn.example.com/live/720p/media.m3u8?"),
                Arguments.of("fragment-only reference keeps the base query", "#t=10",
                        "https://cdn.example.com/live/master.m3u8?token=abc#t=10"),
                Arguments.of("another host does not get the token", "https://other.example.net/media.m3u8",
                        "https://other.example.net/media.m3u8"),
                Arguments.of("another port does not get the token", "https://cdn.example.com:8443/media.m3u8",
                        "https://cdn.example.com:8443/media.m3u8"),
                Arguments.of("another scheme does not get the token", "http://cdn.example.com/media.m3u8",
                        "http://cdn.example.com/media.m3u8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryPropagation")
    void carriesTheBaseQueryToSameOriginChildrenWithoutOne(String name, String reference, String expected) {
        assertEquals(URI.create(expected), Urls.resolve(MASTER, reference));
    }

    @Test
    void tokenOfTheMultivariantPlaylistReachesSegmentsThroughTheMediaPlaylist() {
        URI media = Urls.resolve(MASTER, "720p/media.m3u8");
        assertEquals(URI.create("https://cdn.example.com/live/720p/12.m4s?token=abc"), Urls.resolve(media, "12.m4s"));
        assertEquals(URI.create("https://cdn.example.com/live/720p/init.mp4?token=abc"), Urls.resolve(media, "init.mp4"));
    }

    static Stream<Arguments> oddCharacters() {
        return Stream.of(
                Arguments.of("segment 1.ts", "http://a/b/c/segment%201.ts"),
                Arguments.of("  padded.ts\t", "http://a/b/c/padded.ts"),
                Arguments.of("s\u00e8gment.ts", "http://a/b/c/s%C3%A8gment.ts"),
                Arguments.of("a|b{c}.ts", "http://a/b/c/a%7Cb%7Bc%7D.ts"),
                Arguments.of("100%.ts", "http://a/b/c/100%25.ts"),
                Arguments.of("already%20encoded.ts", "http://a/b/c/already%20encoded.ts"),
                Arguments.of("seg[1].ts", "http://a/b/c/seg%5B1%5D.ts"),
                Arguments.of("http://[::1]:8080/x.ts", "http://[::1]:8080/x.ts"),
                Arguments.of("http://edge_1.cdn.example/x.ts", "http://edge_1.cdn.example/x.ts"),
                Arguments.of("x.ts#a#b", "http://a/b/c/x.ts#a%23b"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("oddCharacters")
    void encodesCharactersUrisCannotHoldAsBrowsersDo(String reference, String expected) {
        assertEquals(expected, Urls.resolve(RFC_BASE, reference).toString());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("g:h", "only http and https"),
                Arguments.of("ftp://a/x.ts", "only http and https"),
                Arguments.of("file:///etc/passwd", "only http and https"),
                Arguments.of("javascript:alert(1)", "only http and https"),
                Arguments.of("data:text/plain,hello", "only http and https"),
                Arguments.of("http:g", "no host"),
                Arguments.of("http:///x.ts", "no host"),
                Arguments.of("seg\u0000.ts", "control character"),
                Arguments.of("seg\u0007.ts", "control character"),
                Arguments.of("http://[::1/x.ts", "not a URI"),
                Arguments.of("http://exa mple.com/x.ts", "invalid host"),
                Arguments.of("http://example.com:port/x.ts", "invalid host"),
                Arguments.of("http://ex\u00e4mple.com/x.ts", "invalid host"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("refused")
    void refusesReferencesThatAreNotHttpUrlsWithAManifestException(String reference, String message) {
        ManifestException e = assertThrows(ManifestException.class, () -> Urls.resolve(RFC_BASE, reference));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void refusesABaseThatIsNotAnAbsoluteHttpUri() {
        assertThrows(ManifestException.class, () -> Urls.resolve(null, "x.ts"));
        assertThrows(ManifestException.class, () -> Urls.resolve(URI.create("live/master.m3u8"), "x.ts"));
        assertThrows(ManifestException.class, () -> Urls.resolve(URI.create("file:///tmp/master.m3u8"), "x.ts"));
        assertThrows(ManifestException.class, () -> Urls.resolve(URI.create("mailto:someone@example.com"), "x.ts"));
        assertThrows(ManifestException.class, () -> Urls.resolve(RFC_BASE, null));
    }
}
