package io.glass2glass.packager.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.glass2glass.media.ObjectKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPathTest {

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("/live/demo/master.m3u8", new OriginPath.Multivariant("demo")),
                Arguments.of("/live/Demo_1-x/manifest.mpd", new OriginPath.Mpd("Demo_1-x")),
                Arguments.of("/live/demo/720p/media.m3u8", new OriginPath.MediaPlaylist("demo", "720p")),
                Arguments.of("/live/demo/audio/init.mp4", new OriginPath.Init("demo", "audio")),
                Arguments.of("/live/demo/720p/init-2.mp4", new OriginPath.Init("demo", "720p", 2)),
                Arguments.of("/live/demo/720p/0.m4s", new OriginPath.Segment("demo", "720p", 0)),
                Arguments.of("/live/demo/720p/17.m4s", new OriginPath.Segment("demo", "720p", 17)),
                Arguments.of("/live/demo/720p/999999999999999999.m4s", new OriginPath.Segment("demo", "720p", 999_999_999_999_999_999L)),
                Arguments.of("/live/demo/720p/17.m4s?token=a%20b&x=..", new OriginPath.Segment("demo", "720p", 17)),
                Arguments.of("http://origin:8080/live/demo/master.m3u8", new OriginPath.Multivariant("demo")),
                Arguments.of("/time", new OriginPath.Time()),
                Arguments.of("/health?probe=1", new OriginPath.Health()),
                Arguments.of("/metrics", new OriginPath.Metrics()),
                Arguments.of("/", new OriginPath.NoRoute()),
                Arguments.of("/favicon.ico", new OriginPath.NoRoute()),
                Arguments.of("/live", new OriginPath.NoRoute()),
                Arguments.of("/health/", new OriginPath.NoRoute()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void parsesRoutes(String target, OriginPath expected) {
        assertEquals(expected, OriginPath.parse(target));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "*",
        "live/demo/master.m3u8",
        "/live/../etc/passwd",
        "/live/demo/%2e%2e/x",
        "/live/demo/720p/..%2F1.m4s",
        "/live/demo/720p/%31.m4s",
        "/live\\demo\\master.m3u8",
        "/live/demo/720p/..",
        "/live/demo//master.m3u8",
        "//live/demo/master.m3u8",
        "/live/demo/./master.m3u8",
        "/live/demo/master.m3u8/",
        "/live/demo/",
        "/live/demo/720p/7/1.m4s",
        "/live/de.mo/master.m3u8",
        "/live/demo/720P/media.m3u8",
        "/live/demo/720p/index.m3u8",
        "/live/demo/720p/abc.m4s",
        "/live/demo/720p/.m4s",
        "/live/demo/720p/-1.m4s",
        "/live/demo/720p/init-0.mp4",
        "/live/demo/720p/init-01.mp4",
        "/live/demo/720p/init-1234567.mp4",
        "/live/demo/720p/init-.mp4",
        "/live/demo/720p/+1.m4s",
        "/live/demo/720p/007.m4s",
        "/live/demo/720p/1e3.m4s",
        "/live/demo/720p/1234567890123456789.m4s",
        "/live/demo/720p/123456789012345678901234567890.m4s",
        "/live/demo/720p/\u0000.m4s",
        "/live/demo/720p/1.m4s\r\nX-Injected: 1",
        "/live/d\u00e9mo/master.m3u8",
        "/live/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/master.m3u8",
        "/live/demo/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/media.m3u8",
    })
    void rejectsTargetsOutsideTheGrammar(String target) {
        assertInstanceOf(OriginPath.Invalid.class, OriginPath.parse(target));
    }

    @Test
    void rejectsPathsLongerThanTheLimit() {
        String longest = "/live/demo/" + "a".repeat(OriginPath.MAX_PATH_LENGTH - "/live/demo/".length());
        assertInstanceOf(OriginPath.Invalid.class, OriginPath.parse(longest + "b"));
        assertInstanceOf(OriginPath.Invalid.class, OriginPath.parse("/" + "x".repeat(10_000)));
    }

    @Test
    void ignoresLongQueryStrings() {
        assertEquals(new OriginPath.Time(), OriginPath.parse("/time?" + "t=1&".repeat(1000)));
    }

    @Test
    void segmentKeysFollowThePackagerLayout() {
        assertEquals("demo/720p/17.m4s", new OriginPath.Segment("demo", "720p", 17).storeKey());
        assertEquals("demo/audio/init.mp4", new OriginPath.Init("demo", "audio").storeKey());
        assertEquals("demo/audio/init-3.mp4", new OriginPath.Init("demo", "audio", 3).storeKey());
        assertEquals(io.glass2glass.packager.LivePackager.initKey("demo", "audio", 3), new OriginPath.Init("demo", "audio", 3).storeKey());
    }

    @Test
    void everyRequestKindHasItsLabel() {
        assertEquals("media_playlist", OriginPath.parse("/live/demo/720p/media.m3u8").kind().label());
        assertEquals("invalid", OriginPath.parse("/live/../x").kind().label());
        assertEquals("invalid", OriginPath.parse("/nothing-here").kind().label());
        assertEquals("time", OriginPath.parse("/time").kind().label());
        assertEquals("health", OriginPath.parse("/health").kind().label());
    }

    @Test
    void requestKindLabelsAreTheMetricsSpellingsInTheirOrder() {
        // The kind label of g2g_origin_requests_total, listed in this order: a contract.
        assertEquals(List.of("multivariant", "media_playlist", "mpd", "init", "segment", "time", "health", "metrics", "invalid"),
                RequestKind.ALL.stream().map(RequestKind::label).toList());
        assertEquals(RequestKind.of(ObjectKind.SEGMENT), OriginPath.parse("/live/demo/720p/7.m4s").kind());
        assertThrows(IllegalArgumentException.class, () -> RequestKind.of(ObjectKind.ERROR), "an origin serves no error objects");
    }
}
