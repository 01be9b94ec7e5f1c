package io.glass2glass.edge;

import io.glass2glass.testing.RawHttp;
import static io.glass2glass.edge.EdgeHarness.bytes;
import static io.glass2glass.edge.EdgeHarness.header;
import static io.glass2glass.edge.EdgeHarness.profile;
import static io.glass2glass.edge.EdgeHarness.xCache;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.http.HttpMethod;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LRU storage by bytes, objects too large to store, HEAD and ranges from the cache, keys, invalidation and forwarding. */
class EdgeStorageTest {

    private static final String SEGMENT = "/live/demo/720p/5.m4s";
    private static final byte[] BODY = bytes("body", 1000);

    private EdgeHarness h;

    @BeforeEach
    void start() {
        h = new EdgeHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    // --- bounded storage ---------------------------------------------------------------------------

    @Test
    void leastRecentlyUsedObjectsAreEvictedToStayWithinTheByteBound() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            h.origin.route("/seg/" + name + ".m4s", TestOrigin.Reply.ok(bytes(name, 100_000)).cacheControl("max-age=60"));
        }
        // Three 100 kB objects (plus their header fields) fit, four do not.
        EdgeCache edge = h.edge(profile().cacheBytes(350_000).maxObjectBytes(350_000).build());

        h.get(edge, "/seg/a.m4s");
        h.get(edge, "/seg/b.m4s");
        h.get(edge, "/seg/c.m4s");
        assertEquals("HIT", xCache(h.get(edge, "/seg/a.m4s")), "a is now the most recently used");
        h.get(edge, "/seg/d.m4s");

        EdgeStats stats = edge.stats();
        assertEquals(1, stats.of(ObjectKind.SEGMENT).evictions());
        assertEquals(3, stats.storedObjects());
        assertTrue(stats.storedBytes() <= 350_000 && stats.storedBytes() > 300_000, "stored " + stats.storedBytes());
        assertEquals("HIT", xCache(h.get(edge, "/seg/a.m4s")));
        assertEquals("HIT", xCache(h.get(edge, "/seg/c.m4s")));
        assertEquals("HIT", xCache(h.get(edge, "/seg/d.m4s")));
        HttpResponse<byte[]> b = h.get(edge, "/seg/b.m4s");
        assertEquals("MISS", xCache(b), "b was the least recently used");
        assertArrayEquals(bytes("b", 100_000), b.body());
        assertEquals(2, edge.stats().of(ObjectKind.SEGMENT).evictions(), "storing b again evicted a");
    }

    @ParameterizedTest(name = "with Content-Length: {0}")
    @ValueSource(booleans = {true, false})
    void objectsLargerThanMaxObjectBytesAreStreamedThroughWithoutBeingStored(boolean withLength) throws Exception {
        byte[] big = bytes("big", 120_000);
        TestOrigin.Reply reply = TestOrigin.Reply.ok(big).cacheControl("max-age=60").slowly(6, 20);
        h.origin.route(SEGMENT, withLength ? reply : reply.withoutLength());
        EdgeCache edge = h.edge(profile().maxObjectBytes(50_000).build());

        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = h.get(edge, SEGMENT);
            assertEquals(200, r.statusCode());
            assertEquals("MISS", xCache(r));
            assertArrayEquals(big, r.body());
        }
        assertEquals(2, h.origin.requests(SEGMENT));
        assertEquals(0, edge.stats().storedObjects());
        assertEquals(0, edge.stats().storedBytes());
    }

    // --- HEAD and ranges ---------------------------------------------------------------------------

    @Test
    void headIsAnsweredFromTheStoredGet() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60"));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        HttpResponse<byte[]> head = h.head(edge, SEGMENT);
        assertEquals(200, head.statusCode());
        assertEquals("HIT", xCache(head));
        assertEquals("1000", header(head, "Content-Length"));
        assertEquals(0, head.body().length);
        assertEquals(1, h.origin.requests(SEGMENT));
    }

    @Test
    void aHeadMissFetchesWithGetSoThatTheObjectIsStored() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60"));
        EdgeCache edge = h.edge(profile().build());

        HttpResponse<byte[]> head = h.head(edge, SEGMENT);
        assertEquals(200, head.statusCode());
        assertEquals("MISS", xCache(head));
        assertEquals("1000", header(head, "Content-Length"));
        assertEquals(HttpMethod.GET, h.origin.last(SEGMENT).method());
        awaitStored(edge, 1);
        HttpResponse<byte[]> get = h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(get));
        assertArrayEquals(BODY, get.body());
    }

    @Test
    void byteRangesAreServedFromTheStoredResponse() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60").header("ETag", "\"r\""));
        EdgeCache edge = h.edge(profile().build());
        h.get(edge, SEGMENT);

        assertRange(h.get(edge, SEGMENT, "Range", "bytes=0-99"), 0, 99);
        assertRange(h.get(edge, SEGMENT, "Range", "bytes=900-"), 900, 999);
        assertRange(h.get(edge, SEGMENT, "Range", "bytes=-100"), 900, 999);
        assertRange(h.get(edge, SEGMENT, "Range", "bytes=990-5000"), 990, 999);
        assertRange(h.get(edge, SEGMENT, "Range", "bytes=10-19", "If-Range", "\"r\""), 10, 19);

        HttpResponse<byte[]> unsatisfiable = h.get(edge, SEGMENT, "Range", "bytes=5000-");
        assertEquals(416, unsatisfiable.statusCode());
        assertEquals("bytes */1000", header(unsatisfiable, "Content-Range"));

        HttpResponse<byte[]> several = h.get(edge, SEGMENT, "Range", "bytes=0-1,5-6");
        assertEquals(200, several.statusCode(), "several ranges are answered with the whole object");
        assertArrayEquals(BODY, several.body());

        HttpResponse<byte[]> changed = h.get(edge, SEGMENT, "Range", "bytes=0-9", "If-Range", "\"other\"");
        assertEquals(200, changed.statusCode(), "If-Range that does not match asks for the whole object");
        assertEquals(1000, changed.body().length);

        assertEquals(1, h.origin.requests(SEGMENT));
    }

    @Test
    void aRangeRequestOnAMissFetchesTheWholeObjectAndAnswersTheRange() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60").slowly(4, 20));
        EdgeCache edge = h.edge(profile().build());

        HttpResponse<byte[]> r = h.get(edge, SEGMENT, "Range", "bytes=300-599");
        assertRange(r, 300, 599);
        assertEquals("MISS", xCache(r));
        assertNull(h.origin.last(SEGMENT).header("Range"), "the edge fetches the whole object");
        // The range was answered before the rest of the object arrived; the fill goes on to store it.
        awaitStored(edge, 1);
        HttpResponse<byte[]> whole = h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(whole));
        assertArrayEquals(BODY, whole.body());
    }

    @Test
    void anUnsatisfiableRangeOnAMissIs416AndTheObjectIsStillStored() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60"));
        EdgeCache edge = h.edge(profile().build());

        HttpResponse<byte[]> r = h.get(edge, SEGMENT, "Range", "bytes=1000-");
        assertEquals(416, r.statusCode());
        assertEquals("bytes */1000", header(r, "Content-Range"));
        awaitStored(edge, 1);
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)));
    }

    // --- keys, invalidation, pass-through ------------------------------------------------------------

    @Test
    void theQueryIsPartOfTheCacheKey() throws Exception {
        h.origin.route(SEGMENT + "?t=1", TestOrigin.Reply.ok(bytes("t1", 100)).cacheControl("max-age=60"));
        h.origin.route(SEGMENT + "?t=2", TestOrigin.Reply.ok(bytes("t2", 100)).cacheControl("max-age=60"));
        EdgeCache edge = h.edge(profile().build());

        assertArrayEquals(bytes("t1", 100), h.get(edge, SEGMENT + "?t=1").body());
        assertArrayEquals(bytes("t2", 100), h.get(edge, SEGMENT + "?t=2").body());
        HttpResponse<byte[]> again = h.get(edge, SEGMENT + "?t=1");
        assertEquals("HIT", xCache(again));
        assertArrayEquals(bytes("t1", 100), again.body());
        assertEquals(2, edge.stats().of(ObjectKind.SEGMENT).distinctKeys());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "POST", "DELETE"})
    void unsafeMethodsPassThroughWithTheirBodyAndInvalidateTheStoredResponse(String method) throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60"));
        h.origin.route(HttpMethod.valueOf(method), SEGMENT, TestOrigin.Reply.status(201));
        EdgeCache edge = h.edge(profile().build());
        h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)));

        byte[] upload = "new segment bytes".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = h.send(edge, method, SEGMENT, upload);
        assertEquals(201, r.statusCode());
        assertEquals("PASS", xCache(r));
        TestOrigin.Received received = h.origin.last(SEGMENT);
        assertEquals(method, received.method().name());
        assertArrayEquals(upload, received.body());
        assertTrue(received.header("Via").endsWith("1.1 edge-1"));

        assertEquals("MISS", xCache(h.get(edge, SEGMENT)), "the next GET after a successful " + method);
        assertEquals(1, edge.stats().of(ObjectKind.SEGMENT).passes());
    }

    @Test
    void aFailedUnsafeMethodDoesNotInvalidate() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60"));
        h.origin.route(HttpMethod.PUT, SEGMENT, TestOrigin.Reply.status(403));
        EdgeCache edge = h.edge(profile().build());
        h.get(edge, SEGMENT);

        assertEquals(403, h.send(edge, "PUT", SEGMENT, new byte[] {1}).statusCode());
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)));
    }

    @Test
    void requestsWithCredentialsPassThroughUncachedAndKeepTheConnectionUsable() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60"));
        EdgeCache edge = h.edge(profile().build());

        String get = "GET " + SEGMENT + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n";
        List<RawHttp.Response> responses = RawHttp.exchange(edge.actualPort(), get + "\r\n" + get + "Connection: close\r\n\r\n", false);
        assertEquals(2, responses.size());
        for (RawHttp.Response r : responses) {
            assertEquals(200, r.status());
            assertEquals("PASS", r.header("x-cache"));
            assertArrayEquals(BODY, r.body());
        }
        assertEquals("Bearer t", h.origin.last(SEGMENT).header("Authorization"));
        assertEquals(0, edge.stats().storedObjects());
        assertEquals("MISS", xCache(h.get(edge, SEGMENT)), "credentialed answers were not stored");
    }

    @Test
    void varySelectsTheStoredResponseByTheRequestsFieldValues() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60").header("Vary", "Accept-Language"));
        EdgeCache edge = h.edge(profile().build());

        assertEquals("MISS", xCache(h.get(edge, SEGMENT, "Accept-Language", "fr")));
        assertEquals("HIT", xCache(h.get(edge, SEGMENT, "Accept-Language", "fr")));
        assertEquals("MISS", xCache(h.get(edge, SEGMENT, "Accept-Language", "de")), "another selecting value (RFC 9111 §4.1)");
        assertEquals("HIT", xCache(h.get(edge, SEGMENT, "Accept-Language", "de")));
        assertEquals("MISS", xCache(h.get(edge, SEGMENT, "Accept-Language", "fr")), "one variant is kept per key: the latest");
        assertEquals(3, h.origin.requests(SEGMENT));
    }

    @Test
    void collapsedViewersOfAnAnswerThatMayNotBeSharedFetchOnTheirOwn() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("private").delayed(200));
        EdgeCache edge = h.edge(profile().build());

        CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return h.get(edge, SEGMENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The second GET must find the first's fill in flight (the origin holds the head back 200 ms).
        EdgeHarness.awaitUntil(() -> h.origin.requests(SEGMENT) == 1, "the first GET reached the origin");
        HttpResponse<byte[]> second = h.get(edge, SEGMENT);
        assertEquals("MISS", xCache(first.get()));
        assertEquals("MISS", xCache(second), "refetched alone rather than handed another viewer's private answer");
        assertArrayEquals(BODY, second.body());
        assertEquals(2, h.origin.requests(SEGMENT));
        assertEquals(0, edge.stats().of(ObjectKind.SEGMENT).collapsed());
    }

    @Test
    void preflightPassesThroughToTheOrigin() throws Exception {
        h.origin.route(HttpMethod.OPTIONS, SEGMENT, new TestOrigin.Reply(204, Map.of(
                "Access-Control-Allow-Origin", "https://player.example",
                "Access-Control-Allow-Methods", "GET, HEAD"), new byte[0], 1, 0, 0, false));
        EdgeCache edge = h.edge(profile().build());

        HttpResponse<byte[]> r = h.send(edge, "OPTIONS", SEGMENT, null,
                "Origin", "https://player.example", "Access-Control-Request-Method", "GET");
        assertEquals(204, r.statusCode());
        assertEquals("https://player.example", header(r, "Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD", header(r, "Access-Control-Allow-Methods"));
        assertEquals("PASS", xCache(r));
        assertEquals(HttpMethod.OPTIONS, h.origin.last(SEGMENT).method());
        assertEquals("https://player.example", h.origin.last(SEGMENT).header("Origin"));
    }

    @Test
    void theOriginsCorsHeadersPassThroughOnCachedAnswers() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60")
                .header("Access-Control-Allow-Origin", "https://player.example")
                .header("Access-Control-Expose-Headers", "Age, X-Cache"));
        EdgeCache edge = h.edge(profile().build());

        for (String expected : List.of("MISS", "HIT")) {
            HttpResponse<byte[]> r = h.get(edge, SEGMENT);
            assertEquals(expected, xCache(r));
            assertEquals("https://player.example", header(r, "Access-Control-Allow-Origin"));
            assertEquals("Age, X-Cache", header(r, "Access-Control-Expose-Headers"));
        }
    }

    @Test
    void hopByHopFieldsAreDroppedInBothDirectionsAndViaIsAdded() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60")
                .header("Connection", "X-Hop")
                .header("X-Hop", "origin secret")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authenticate", "Basic")
                .header("X-Cache", "HIT from origin")
                .header("Via", "1.1 origin-lb"));
        EdgeCache edge = h.edge(profile().build());

        RawHttp.Response r = RawHttp.exchange(edge.actualPort(),
                "GET " + SEGMENT + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nConnection: X-Secret\r\nX-Secret: viewer secret\r\n"
                        + "Keep-Alive: timeout=9\r\nProxy-Authorization: Basic eDp5\r\nTE: trailers\r\nUpgrade: foo/1\r\n"
                        + "Via: 1.1 player-proxy\r\n\r\n", false).get(0);
        assertEquals(200, r.status());
        assertArrayEquals(BODY, r.body());
        assertNull(r.header("x-hop"));
        assertNull(r.header("keep-alive"));
        assertNull(r.header("proxy-authenticate"));
        assertEquals("MISS", r.header("x-cache"), "our own X-Cache, not the origin's");
        assertEquals("1.1 origin-lb, 1.1 edge-1", r.header("via"));

        TestOrigin.Received forwarded = h.origin.received(SEGMENT).get(0);
        for (String dropped : List.of("X-Secret", "Keep-Alive", "Proxy-Authorization", "TE", "Upgrade")) {
            assertNull(forwarded.header(dropped), dropped + " was forwarded");
        }
        assertEquals("1.1 player-proxy, 1.1 edge-1", forwarded.header("Via"));
        assertEquals("127.0.0.1", forwarded.header("X-Forwarded-For"));
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static void assertRange(HttpResponse<byte[]> r, int first, int last) {
        assertEquals(206, r.statusCode());
        assertEquals("bytes " + first + "-" + last + "/1000", header(r, "Content-Range"));
        assertEquals(Integer.toString(last - first + 1), header(r, "Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(BODY, first, last + 1), r.body());
    }

    private static void awaitStored(EdgeCache edge, long objects) {
        EdgeHarness.awaitUntil(() -> edge.stats().storedObjects() >= objects, objects + " stored objects");
        assertEquals(objects, edge.stats().storedObjects());
    }
}
