package io.glass2glass.edge;

import io.glass2glass.testing.RawHttp;
import static io.glass2glass.edge.EdgeHarness.bytes;
import static io.glass2glass.edge.EdgeHarness.profile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed and hostile requests are refused on their own connection; the edge keeps serving everyone else. */
class EdgeHostileInputTest {

    private static final String SEGMENT = "/live/demo/720p/9.m4s";
    private static final byte[] BODY = bytes("hostile", 2000);

    private EdgeHarness h;
    private EdgeCache edge;
    private int port;

    @BeforeEach
    void start() {
        h = new EdgeHarness();
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60"));
        edge = h.edge(profile().build());
        port = edge.actualPort();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "/live/../etc/passwd",
        "/live/demo/%2e%2e/%2e%2e/etc/passwd",
        "/live/demo/720p/..%2F..%2F1.m4s",
        "/live/demo/720p/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
        "/live\\demo\\master.m3u8",
        "/live/demo/./master.m3u8",
        "/live/demo/%00.m4s",
        "/live/demo/%0d%0aSet-Cookie:%20x=1",
        "/live/demo/%zz",
        "*",
    })
    void traversalAndEncodedSeparatorsAre400WithCorsAndNeverReachTheOrigin(String target) throws Exception {
        RawHttp.Response r = RawHttp.get(port, target);
        assertEquals(400, r.status(), target);
        assertEquals("*", r.header("access-control-allow-origin"));
        assertEquals("no-store", r.header("cache-control"));
        assertEquals(0, h.origin.totalRequests(), "forwarded " + target);
        assertEdgeStillServes();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("io.glass2glass.testing.RawHttp#malformedRequests")
    void malformedRequestsAre400WithCorsAndTheEdgeKeepsServing(String garbage) throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port, garbage, false);
        assertEquals(1, responses.size());
        assertEquals(400, responses.get(0).status());
        assertEquals("*", responses.get(0).header("access-control-allow-origin"));
        assertEquals(0, h.origin.totalRequests());
        assertEdgeStillServes();
    }

    @Test
    void oversizedHeadersAre431WithCors() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "GET " + SEGMENT + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20 * 1024) + "\r\n\r\n", false);
        assertRefused(responses, 431);
        assertEdgeStillServes();
    }

    @Test
    void anAbsurdlyLongRequestLineIs414WithCors() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "GET /live/" + "a".repeat(10 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n", false);
        assertRefused(responses, 414);
        assertEdgeStillServes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TRACE", "CONNECT"})
    void traceAndConnectAre405(String method) throws Exception {
        String target = method.equals("CONNECT") ? "/live/demo/x" : SEGMENT;
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false);
        assertEquals(405, responses.get(0).status());
        assertTrue(responses.get(0).header("allow").contains("GET"));
        assertEquals("*", responses.get(0).header("access-control-allow-origin"));
        assertEquals(0, h.origin.totalRequests());
        assertEdgeStillServes();
    }

    @Test
    void aRefusedRequestLeavesAKeptAliveConnectionUsable() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "GET /live/../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET " + SEGMENT + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false);
        assertEquals(2, responses.size());
        assertEquals(400, responses.get(0).status());
        assertEquals(200, responses.get(1).status());
        assertArrayEquals(BODY, responses.get(1).body());
    }

    @Test
    void aRequestThatAlreadyPassedThroughThisTierIsALoop() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "GET " + SEGMENT + " HTTP/1.1\r\nHost: x\r\nVia: 1.1 edge-0, 1.1 edge-1\r\nConnection: close\r\n\r\n", false);
        assertEquals(508, responses.get(0).status());
        assertEquals(0, h.origin.totalRequests());
    }

    @Test
    void anUpstreamContentLengthAboveTheHardLimitIs502() throws Exception {
        h.origin.route("/huge.mp4", TestOrigin.Reply.ok(bytes("huge", 100)).cacheControl("max-age=60")
                .header("Content-Length", Long.toString(Fill.MAX_UPSTREAM_BODY_BYTES + 1)));

        RawHttp.Response r = RawHttp.get(port, "/huge.mp4");
        assertEquals(502, r.status());
        assertEquals("*", r.header("access-control-allow-origin"));
        assertEquals(0, edge.stats().storedObjects());
        assertEdgeStillServes();
    }

    @Test
    void healthAndMetricsAreNeverForwarded() throws Exception {
        assertEquals(200, RawHttp.get(port, "/health").status());
        assertEquals(200, RawHttp.get(port, "/metrics?format=text").status());
        List<RawHttp.Response> post = RawHttp.exchange(port,
                "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false);
        assertEquals(405, post.get(0).status());
        assertEquals(0, h.origin.totalRequests());
    }

    private void assertEdgeStillServes() throws IOException {
        RawHttp.Response r = RawHttp.get(port, SEGMENT);
        assertEquals(200, r.status());
        assertArrayEquals(BODY, r.body());
    }

    private static void assertRefused(List<RawHttp.Response> responses, int status) {
        assertEquals(1, responses.size(), "one response, then the connection closes");
        RawHttp.Response r = responses.get(0);
        assertEquals(status, r.status());
        assertEquals("*", r.header("access-control-allow-origin"));
        assertEquals("close", r.header("connection"));
    }
}
