package io.glass2glass.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeTargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/live/demo/master.m3u8, /live/demo/master.m3u8, /live/demo/master.m3u8",
        "/live/demo/720p/17.m4s?token=a%2Fb&t=..%2e, /live/demo/720p/17.m4s?token=a%2Fb&t=..%2e, /live/demo/720p/17.m4s",
        "/a%20b/c%C3%A9.m4s, /a%20b/c%C3%A9.m4s, /a%20b/c%C3%A9.m4s",
        "/v1.2/..a/a../file...ts, /v1.2/..a/a../file...ts, /v1.2/..a/a../file...ts",
        "http://cdn.example/live/x.m3u8?a=1, /live/x.m3u8?a=1, /live/x.m3u8",
        "http://cdn.example?a=1, /?a=1, /",
        "/, /, /",
        "//double//slash, //double//slash, //double//slash",
    })
    void acceptsTargetsAndKeepsThemAsSent(String requestTarget, String target, String path) {
        assertEquals(new EdgeTarget.Valid(target, path), EdgeTarget.parse(requestTarget));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "*",
        "live/demo/master.m3u8",
        "/live/../etc/passwd",
        "/live/./x",
        "/live/..",
        "/..",
        "/live/%2e%2e/etc/passwd",
        "/live/%2E%2E/etc/passwd",
        "/live/.%2e/etc/passwd",
        "/live/%2e/x",
        "/live/demo/..%2F..%2Fetc%2Fpasswd",
        "/live/demo/a%2fb",
        "/live/demo/a%5cb",
        "/live\\demo\\master.m3u8",
        "/live/demo/%00.m4s",
        "/live/demo/%0d%0aX-Injected:%201",
        "/live/demo/%zz.m4s",
        "/live/demo/%4",
        "/live/demo/\u0001.m4s",
        "/live/d\u00e9mo/master.m3u8",
        "/live/demo/x.m4s#fragment",
        "/live/demo/x y.m4s",
    })
    void refusesTraversalEncodedSeparatorsAndControls(String requestTarget) {
        assertInstanceOf(EdgeTarget.Refusal.class, EdgeTarget.parse(requestTarget));
    }
}
