package io.glass2glass.edge;

import static io.glass2glass.edge.EdgeHarness.bytes;
import static io.glass2glass.edge.EdgeHarness.profile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request collapsing (one upstream request per key) and streaming to every waiter as the body arrives. */
class EdgeCollapsingTest {

    private static final String SEGMENT = "/live/demo/720p/7.m4s";
    private static final byte[] BODY = bytes("collapse", 200_000);
    private static final int VIEWERS = 1_000;

    private EdgeHarness h;
    private Vertx viewers;

    /** What one viewer saw, written on the viewers' event loop ({@code received} volatile: the test thread waits on it). */
    private static final class Viewer {
        int status;
        String xCache;
        volatile long received;
        boolean identical = true;
        long firstByteNanos = Long.MAX_VALUE;
    }

    @BeforeEach
    void start() {
        h = new EdgeHarness();
        viewers = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        EdgeHarness.await(viewers.close());
        h.close();
    }

    @Test
    void thousandSimultaneousMissesCauseOneOriginRequestAndEveryViewerGetsIdenticalBytes() {
        // 10 chunks over 500 ms: every viewer arrives while the one fetch is still streaming in.
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60").slowly(10, 50));
        EdgeCache edge = h.edge(profile().build());

        List<Viewer> seen = fetchAtOnce(edge, SEGMENT, VIEWERS);

        assertEquals(1, h.origin.requests(SEGMENT), "origin requests");
        assertEveryViewerGotTheBody(seen);
        Map<String, Integer> results = tally(seen);
        System.out.println("collapsing: " + VIEWERS + " simultaneous viewers caused 1 origin request; X-Cache " + results);
        assertEquals(1, results.get("MISS"), results.toString());
        assertEquals(VIEWERS - 1, results.getOrDefault("COLLAPSED", 0) + results.getOrDefault("HIT", 0), results.toString());
        assertTrue(results.getOrDefault("COLLAPSED", 0) > 0, results.toString());

        EdgeStats.ClassStats s = edge.stats().of(ObjectKind.SEGMENT);
        assertEquals(VIEWERS, s.requests());
        assertEquals(1, s.misses());
        assertEquals((long) results.getOrDefault("COLLAPSED", 0), s.collapsed());
        assertEquals((long) results.getOrDefault("HIT", 0), s.hits());
        assertEquals(1, s.originRequests());
        assertEquals(BODY.length, s.originBytes());
        assertEquals((long) VIEWERS * BODY.length, s.bytesServed());
        assertEquals(1, s.distinctKeys());
    }

    @Test
    void onTwoEventLoopsAThousandMissesStillCauseOneOriginRequest() {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60").slowly(10, 50));
        EdgeCache edge = EdgeHarness.await(EdgeCache.deploy(h.vertx, EdgeOptions.of("edge-1", "127.0.0.1", 0, h.originUri()),
                profile().build(), 2, h.clock));
        assertEquals(2, edge.instances());

        List<Viewer> seen = fetchAtOnce(edge, SEGMENT, VIEWERS);

        assertEquals(1, h.origin.requests(SEGMENT), "origin requests over both event loops");
        assertEveryViewerGotTheBody(seen);
        Map<String, Integer> results = tally(seen);
        assertEquals(1, results.get("MISS"), results.toString());
        assertEquals(VIEWERS - 1, results.getOrDefault("COLLAPSED", 0) + results.getOrDefault("HIT", 0), results.toString());
        long waited = edge.all().stream().mapToLong(e -> e.waitedAcrossLoops.get()).sum();
        assertTrue(waited > 0, "some misses arrived on the loop without the fill and waited for it");
        EdgeStats.ClassStats s = edge.stats().of(ObjectKind.SEGMENT);
        assertEquals(VIEWERS, s.requests(), "one set of counters for both loops");
        assertEquals(1, s.originRequests());
        assertEquals((long) VIEWERS * BODY.length, s.bytesServed());
    }

    @Test
    void withoutCollapsingEveryConcurrentMissGoesUpstreamAndIsCountedAsItHappened() {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60").slowly(10, 50));
        EdgeCache edge = h.edge(profile().collapse(false).build());

        List<Viewer> seen = fetchAtOnce(edge, SEGMENT, VIEWERS);

        int originRequests = h.origin.requests(SEGMENT);
        System.out.println("no collapsing: " + VIEWERS + " simultaneous viewers caused " + originRequests + " origin requests");
        assertTrue(originRequests >= 1);
        assertEveryViewerGotTheBody(seen);
        Map<String, Integer> results = tally(seen);
        assertEquals(originRequests, results.get("MISS"), results.toString());
        assertEquals(VIEWERS - originRequests, results.getOrDefault("HIT", 0), results.toString());
        EdgeStats.ClassStats s = edge.stats().of(ObjectKind.SEGMENT);
        assertEquals(originRequests, s.originRequests());
        assertEquals(originRequests, s.misses());
        assertEquals(0, s.collapsed());
        assertEquals((long) originRequests * BODY.length, s.originBytes());
    }

    @Test
    void waitersReceiveTheirFirstBytesBeforeTheOriginHasFinished() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(BODY).cacheControl("max-age=60").slowly(10, 50));
        EdgeCache edge = h.edge(profile().build());
        HttpClientAgent client = viewers.createHttpClient(new PoolOptions().setHttp1MaxSize(4));

        Viewer first = new Viewer();
        Future<Void> firstDone = fetch(client, edge, SEGMENT, first);
        // The late viewer joins once some of the body has streamed (the origin takes 450 ms for it all).
        EdgeHarness.awaitUntil(() -> first.received > 0, "the first viewer has body bytes");
        Viewer late = new Viewer();
        Future<Void> lateDone = fetch(client, edge, SEGMENT, late);
        EdgeHarness.await(Future.all(firstDone, lateDone));

        long originFinished = h.origin.lastBodyByteNanos(SEGMENT);
        assertTrue(first.firstByteNanos < originFinished, "the first viewer waited for the whole body");
        assertTrue(late.firstByteNanos < originFinished, "the late viewer waited for the whole body");
        assertEquals("MISS", first.xCache);
        assertEquals("COLLAPSED", late.xCache);
        assertTrue(first.identical && late.identical);
        assertEquals(BODY.length, late.received, "the late viewer also got the chunks that arrived before it joined");
        assertEquals(1, h.origin.requests(SEGMENT));
    }

    @Test
    void aStalledViewerDelaysNeitherTheOthersNorTheCacheFill() throws Exception {
        byte[] big = bytes("big", 4 * 1024 * 1024);
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(big).cacheControl("max-age=60").slowly(8, 25));
        EdgeCache edge = h.edge(profile().cacheBytes(16 << 20).maxObjectBytes(8 << 20).build());

        try (Socket stalled = new Socket("127.0.0.1", edge.actualPort())) {
            stalled.setReceiveBufferSize(4096);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET " + SEGMENT + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = stalled.getInputStream();
            assertTrue(in.read() >= 0, "the stalled viewer got its head");

            HttpResponse<byte[]> other = h.get(edge, SEGMENT);
            assertEquals(200, other.statusCode());
            assertArrayEquals(big, other.body());

            HttpResponse<byte[]> after = h.get(edge, SEGMENT);
            assertEquals("HIT", EdgeHarness.xCache(after), "the fill completed and was stored while one viewer did not read");
            assertArrayEquals(big, after.body());
        }
        assertEquals(1, h.origin.requests(SEGMENT));
    }

    @Test
    void anObjectTooLargeToKeepPausesTheOriginWhileAViewerIsBackloggedAndResumesWhenItLeaves() throws Exception {
        byte[] huge = bytes("huge", 32 * 1024 * 1024);
        // The head is held back so that both viewers wait on the one fetch before it is known not to be kept.
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(huge).cacheControl("max-age=60").slowly(64, 5).delayed(300));
        EdgeCache edge = h.edge(profile().maxObjectBytes(1 << 20).build());

        CompletableFuture<HttpResponse<byte[]>> other;
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", edge.actualPort()));
            stalled.getOutputStream().write(("GET " + SEGMENT + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            stalled.getOutputStream().flush();
            // The stalled viewer's GET starts the fetch; the other must join it, not start its own.
            EdgeHarness.awaitUntil(() -> h.origin.requests(SEGMENT) == 1, "the stalled viewer's GET reached the origin");
            other = CompletableFuture.supplyAsync(() -> {
                try {
                    return h.get(edge, SEGMENT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(stalled.getInputStream().read() >= 0, "the stalled viewer got its head");
            Thread.sleep(1500);
            assertFalse(other.isDone(), "the origin should be paused while one viewer cannot take more");
        }
        HttpResponse<byte[]> r = other.get(20, TimeUnit.SECONDS);
        assertEquals("COLLAPSED", EdgeHarness.xCache(r));
        assertArrayEquals(huge, r.body());
        assertEquals(1, h.origin.requests(SEGMENT));
        assertEquals(0, edge.stats().storedObjects());
    }

    /**
     * When the response has ended. Its head and its end can arrive in one read and be handled before
     * this callback runs (on another event loop), and Vert.x then refuses {@code end()}: that means done.
     */
    private static Future<Void> ended(HttpClientResponse response) {
        try {
            return response.end();
        } catch (IllegalStateException alreadyEnded) {
            return Future.succeededFuture();
        }
    }

    /** {@code count} GETs started together, each on its own connection; waits for all of them. */
    private List<Viewer> fetchAtOnce(EdgeCache edge, String target, int count) {
        HttpClientAgent client = viewers.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(count));
        // Connections are opened first (on /health, which the edge answers itself), so that the
        // GETs reach the edge together rather than as fast as a thousand handshakes complete.
        List<Future<Void>> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opened.add(client.request(HttpMethod.GET, edge.actualPort(), "127.0.0.1", "/health")
                    .compose(request -> request.send())
                    .compose(EdgeCollapsingTest::ended));
        }
        EdgeHarness.await(Future.all(opened));
        List<Viewer> seen = new ArrayList<>();
        List<Future<Void>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Viewer v = new Viewer();
            seen.add(v);
            done.add(fetch(client, edge, target, v));
        }
        try {
            Future.all(done).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("viewers did not all finish", e);
        }
        return seen;
    }

    /** One GET whose body is compared with {@link #BODY} as it streams in, without keeping it. */
    private static Future<Void> fetch(HttpClientAgent client, EdgeCache edge, String target, Viewer v) {
        return client.request(HttpMethod.GET, edge.actualPort(), "127.0.0.1", target)
                .compose(request -> request.send())
                .compose(response -> {
                    v.status = response.statusCode();
                    v.xCache = response.getHeader("X-Cache");
                    response.handler(chunk -> {
                        v.firstByteNanos = Math.min(v.firstByteNanos, System.nanoTime());
                        byte[] got = chunk.getBytes();
                        for (int i = 0; i < got.length; i++) {
                            long at = v.received + i;
                            if (at >= BODY.length || BODY[(int) at] != got[i]) {
                                v.identical = false;
                                break;
                            }
                        }
                        v.received += got.length;
                    });
                    return response.end();
                });
    }

    private static void assertEveryViewerGotTheBody(List<Viewer> seen) {
        for (Viewer v : seen) {
            assertEquals(200, v.status);
            assertEquals(BODY.length, v.received);
            assertTrue(v.identical, "a viewer got different bytes");
        }
    }

    private static Map<String, Integer> tally(List<Viewer> seen) {
        Map<String, Integer> results = new TreeMap<>();
        for (Viewer v : seen) {
            results.merge(String.valueOf(v.xCache), 1, Integer::sum);
        }
        return results;
    }
}
