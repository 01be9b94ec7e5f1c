package io.glass2glass.edge;

import static io.glass2glass.edge.EdgeHarness.age;
import static io.glass2glass.edge.EdgeHarness.bytes;
import static io.glass2glass.edge.EdgeHarness.header;
import static io.glass2glass.edge.EdgeHarness.profile;
import static io.glass2glass.edge.EdgeHarness.xCache;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Freshness (RFC 9111 §4.2), validation (§4.3), stale serving (RFC 5861), storing rules (§3) and negative caching.
 * Lifetimes pass on the harness's {@link io.glass2glass.testing.ManualClock}: ages are exact, so boundaries are tested
 * to the millisecond.
 */
class EdgeFreshnessTest {

    private static final String SEGMENT = "/live/demo/720p/3.m4s";
    private static final String PLAYLIST = "/live/demo/720p/media.m3u8";
    private static final byte[] V1 = bytes("v1", 1000);
    private static final byte[] V2 = bytes("v2", 1000);

    private EdgeHarness h;

    @BeforeEach
    void start() {
        h = new EdgeHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    // --- freshness lifetime -----------------------------------------------------------------------

    @Test
    void maxAgeKeepsTheResponseFreshForItsLifetime() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1"));
        EdgeCache edge = h.edge(profile().build());

        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        HttpResponse<byte[]> hit = h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(hit));
        assertEquals(0, age(hit));
        assertArrayEquals(V1, hit.body());
        h.clock.advanceMillis(999);
        HttpResponse<byte[]> last = h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(last), "fresh while its age is below max-age (RFC 9111 §4.2)");
        assertEquals(0, age(last), "Age in whole seconds, rounded down (RFC 9111 §5.1)");
        h.clock.advanceMillis(1);
        assertEquals("MISS", xCache(h.get(edge, SEGMENT)), "stale once its age reaches max-age");
        assertEquals(2, h.origin.requests(SEGMENT));
    }

    @Test
    void sMaxAgeWinsOverMaxAgeInASharedCache() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=0, s-maxage=60"));
        h.origin.route(PLAYLIST, TestOrigin.Reply.ok(V1).cacheControl("max-age=60, s-maxage=1"));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)), "s-maxage=60 although max-age=0");
        h.get(edge, PLAYLIST);
        assertEquals("HIT", xCache(h.get(edge, PLAYLIST)));
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals("MISS", xCache(h.get(edge, PLAYLIST)), "s-maxage=1 although max-age=60");
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)));
    }

    @Test
    void expiresMinusDateIsTheLifetimeWithoutMaxAge() throws Exception {
        long now = h.clock.millis();
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1)
                .header("Date", HttpDate.format(now))
                .header("Expires", HttpDate.format(now + 2000)));
        h.origin.route(PLAYLIST, TestOrigin.Reply.ok(V1).header("Expires", "0"));
        EdgeCache edge = h.edge(profile().build());

        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)));
        h.clock.advanceMillis(1999);
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)), "a 2 s lifetime");
        h.clock.advanceMillis(1);
        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        assertEquals(2, h.origin.requests(SEGMENT));

        h.get(edge, PLAYLIST);
        assertEquals("MISS", xCache(h.get(edge, PLAYLIST)), "an invalid Expires is in the past (RFC 9111 §5.3)");
    }

    @Test
    void theOriginsAgeCountsAgainstTheLifetime() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=60").header("Age", "59"));
        EdgeCache edge = h.edge(profile().build());

        HttpResponse<byte[]> miss = h.get(edge, SEGMENT);
        assertEquals(59, age(miss));
        HttpResponse<byte[]> hit = h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(hit));
        assertEquals(59, age(hit));
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals("MISS", xCache(h.get(edge, SEGMENT)), "59 s old on arrival, 60 s lifetime");
        assertEquals(2, h.origin.requests(SEGMENT));
    }

    @Test
    void aProfileTtlOverridesTheOriginsLifetimeForItsClassOnly() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=0"));
        h.origin.route(PLAYLIST, TestOrigin.Reply.ok(V1).cacheControl("max-age=3600"));
        h.origin.route("/other.bin", TestOrigin.Reply.ok(V1).cacheControl("max-age=0"));
        EdgeCache edge = h.edge(profile().ttl(ObjectKind.SEGMENT, 60).ttl(ObjectKind.MEDIA_PLAYLIST, 1).build());

        h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)), "profile lengthens a segment's max-age=0 to 60 s");
        h.get(edge, "/other.bin");
        assertEquals("MISS", xCache(h.get(edge, "/other.bin")), "no TTL for class other: the origin's max-age=0");
        h.get(edge, PLAYLIST);
        assertEquals("HIT", xCache(h.get(edge, PLAYLIST)));
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals("MISS", xCache(h.get(edge, PLAYLIST)), "profile shortens a playlist's max-age=3600 to 1 s");
    }

    // --- what is never stored ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-store", "private", "private, max-age=60", "no-store, max-age=60", "max-age=60, No-Store"})
    void noStoreAndPrivateAreNeverStoredEvenUnderAProfileTtl(String cacheControl) throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl(cacheControl));
        EdgeCache edge = h.edge(profile().ttl(ObjectKind.SEGMENT, 60).build());

        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> r = h.get(edge, SEGMENT);
            assertEquals("MISS", xCache(r));
            assertArrayEquals(V1, r.body());
        }
        assertEquals(3, h.origin.requests(SEGMENT));
        assertEquals(0, edge.stats().storedObjects());
    }

    @Test
    void noCacheIsStoredButRevalidatedBeforeEveryUse() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("no-cache").header("ETag", "\"a\""));
        EdgeCache edge = h.edge(profile().ttl(ObjectKind.SEGMENT, 60).build());

        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = h.get(edge, SEGMENT);
            assertEquals("REVALIDATED", xCache(r));
            assertArrayEquals(V1, r.body());
            assertEquals("\"a\"", h.origin.last(SEGMENT).header("If-None-Match"));
        }
        assertEquals(3, h.origin.requests(SEGMENT));
        assertEquals(1, edge.stats().storedObjects());
        assertEquals(2, edge.stats().of(ObjectKind.SEGMENT).revalidations());
    }

    // --- validation --------------------------------------------------------------------------------

    @Test
    void aStaleResponseIsRevalidatedWithIfNoneMatchAndA304RefreshesIt() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1").header("ETag", "\"v1\""));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        assertNull(h.origin.last(SEGMENT).header("If-None-Match"));
        h.clock.advance(Duration.ofSeconds(1));
        // The 304 carries new header fields: they replace the stored ones (RFC 9111 §4.3.4).
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V2).cacheControl("max-age=60").header("ETag", "\"v1\"").header("X-Version", "2"));
        HttpResponse<byte[]> r = h.get(edge, SEGMENT);
        assertEquals("REVALIDATED", xCache(r));
        assertEquals(200, r.statusCode());
        assertArrayEquals(V1, r.body(), "the stored body, not the origin's");
        assertEquals("2", header(r, "X-Version"));
        assertEquals("\"v1\"", h.origin.last(SEGMENT).header("If-None-Match"));
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)), "freshness restarted with the 304's max-age=60");
        assertEquals(2, h.origin.requests(SEGMENT));
        assertEquals(1, edge.stats().of(ObjectKind.SEGMENT).revalidations());
    }

    @Test
    void aStaleResponseIsRevalidatedWithIfModifiedSince() throws Exception {
        String lastModified = HttpDate.format(h.clock.millis() - 60_000);
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1").header("Last-Modified", lastModified));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        h.clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> r = h.get(edge, SEGMENT);
        assertEquals("REVALIDATED", xCache(r));
        assertArrayEquals(V1, r.body());
        assertEquals(lastModified, h.origin.last(SEGMENT).header("If-Modified-Since"));
        assertEquals("HIT", xCache(h.get(edge, SEGMENT)));
    }

    @Test
    void aChangedObjectAnswersTheRevalidationWithTheNewBody() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1").header("ETag", "\"v1\""));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        h.clock.advance(Duration.ofSeconds(1));
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V2).cacheControl("max-age=60").header("ETag", "\"v2\""));
        HttpResponse<byte[]> r = h.get(edge, SEGMENT);
        assertEquals("MISS", xCache(r));
        assertArrayEquals(V2, r.body());
        assertArrayEquals(V2, h.get(edge, SEGMENT).body());
    }

    @Test
    void theViewersOwnValidatorsAreAnsweredFromTheCache() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=60").header("ETag", "\"v1\""));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        HttpResponse<byte[]> r = h.get(edge, SEGMENT, "If-None-Match", "W/\"v1\", \"other\"");
        assertEquals(304, r.statusCode());
        assertEquals("HIT", xCache(r));
        assertEquals(200, h.get(edge, SEGMENT, "If-None-Match", "\"v0\"").statusCode());
        assertEquals(1, h.origin.requests(SEGMENT));
    }

    // --- stale serving (RFC 5861) --------------------------------------------------------------------

    @Test
    void staleWhileRevalidateServesStaleAndRefreshesExactlyOnceInTheBackground() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1, stale-while-revalidate=10"));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        h.clock.advance(Duration.ofSeconds(1));
        // The refresh takes 300 ms, so the burst below all arrives while it is in flight.
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V2).cacheControl("max-age=60").delayed(300));
        List<HttpResponse<byte[]>> burst = concurrently(50, () -> h.get(edge, SEGMENT));
        for (HttpResponse<byte[]> r : burst) {
            assertEquals("STALE", xCache(r));
            assertArrayEquals(V1, r.body());
            assertEquals(1, age(r));
        }
        awaitOriginRequests(SEGMENT, 2);
        // The origin counts the refresh on arrival and answers 300 ms later; the fill settles once it is stored.
        EdgeHarness.awaitUntil(() -> !edge.filling(SEGMENT), "the background refresh is stored");
        HttpResponse<byte[]> refreshed = h.get(edge, SEGMENT);
        assertEquals("HIT", xCache(refreshed));
        assertArrayEquals(V2, refreshed.body());
        assertEquals(2, h.origin.requests(SEGMENT), "one fill and exactly one background refresh");
        EdgeStats.ClassStats s = edge.stats().of(ObjectKind.SEGMENT);
        assertEquals(50, s.staleServed());
        assertEquals(2, s.originRequests());
    }

    @Test
    void aProfileStaleWhileRevalidateWindowReplacesTheOrigins() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1, stale-while-revalidate=10"));
        h.origin.route(PLAYLIST, TestOrigin.Reply.ok(V1).cacheControl("max-age=1"));
        EdgeCache edge = h.edge(profile().staleWhileRevalidate(0).build());
        EdgeCache generous = h.edge("edge-2", profile().staleWhileRevalidate(5).build(), h.originUri());

        h.get(edge, SEGMENT);
        h.get(generous, PLAYLIST);
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals("MISS", xCache(h.get(edge, SEGMENT)), "profile window 0 replaces the origin's 10 s");
        assertEquals("STALE", xCache(h.get(generous, PLAYLIST)), "profile window 5 s where the origin gave none");
    }

    @Test
    void staleIfErrorServesTheStoredResponseWhileTheOriginIsDownAndFailsAfterTheWindow() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1, stale-if-error=1"));
        EdgeCache edge = h.edge(profile().build());

        h.get(edge, SEGMENT);
        h.origin.stop();
        h.clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> stale = h.get(edge, SEGMENT);
        assertEquals(200, stale.statusCode());
        assertEquals("STALE", xCache(stale));
        assertArrayEquals(V1, stale.body());
        h.clock.advanceMillis(999);
        assertEquals("STALE", xCache(h.get(edge, SEGMENT)), "1 ms left of the stale-if-error window");
        h.clock.advanceMillis(1);
        HttpResponse<byte[]> failed = h.get(edge, SEGMENT);
        assertEquals(502, failed.statusCode(), "past the stale-if-error window");
        assertEquals("*", header(failed, "Access-Control-Allow-Origin"));
        assertEquals("no-store", header(failed, "Cache-Control"));
        EdgeStats.ClassStats errors = edge.stats().of(ObjectKind.ERROR);
        assertEquals(1, errors.misses());
        assertEquals(3, errors.originRequests(), "every failed attempt is counted");
    }

    @Test
    void staleIfErrorCoversA5xxFromTheOrigin() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1"));
        EdgeCache edge = h.edge(profile().staleIfError(5).build());

        h.get(edge, SEGMENT);
        h.origin.route(SEGMENT, TestOrigin.Reply.status(503));
        h.clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> r = h.get(edge, SEGMENT);
        assertEquals(200, r.statusCode());
        assertEquals("STALE", xCache(r));
        assertArrayEquals(V1, r.body());
        assertEquals(2, h.origin.requests(SEGMENT));
    }

    @Test
    void mustRevalidateForbidsServingStaleOnError() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=1, must-revalidate, stale-if-error=60"));
        EdgeCache edge = h.edge(profile().staleIfError(60).build());

        h.get(edge, SEGMENT);
        h.origin.stop();
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals(502, h.get(edge, SEGMENT).statusCode());
    }

    @Test
    void anUpstreamTimeoutWithoutAStaleCopyIs504() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(V1).cacheControl("max-age=60").delayed(2000));
        EdgeCache edge = h.edge(EdgeOptions.of("edge-1", "127.0.0.1", 0, h.originUri()).withUpstreamTimeoutMillis(300),
                profile().build());

        HttpResponse<byte[]> r = h.get(edge, SEGMENT);
        assertEquals(504, r.statusCode());
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
    }

    @Test
    void anUnreachableUpstreamWithoutAStaleCopyIs502() throws Exception {
        EdgeCache edge = h.edge(profile().build());
        h.origin.stop();

        HttpResponse<byte[]> r = h.get(edge, SEGMENT);
        assertEquals(502, r.statusCode());
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        assertTrue(new String(r.body()).startsWith("edge-1: "));
    }

    // --- negative caching --------------------------------------------------------------------------

    @Test
    void notFoundIsCachedForTheNegativeTtlAsClassError() throws Exception {
        h.origin.route(SEGMENT, TestOrigin.Reply.status(404));
        EdgeCache edge = h.edge(profile().negativeTtl(1).build());

        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        HttpResponse<byte[]> hit = h.get(edge, SEGMENT);
        assertEquals(404, hit.statusCode());
        assertEquals("HIT", xCache(hit));
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        assertEquals(2, h.origin.requests(SEGMENT));
        EdgeStats stats = edge.stats();
        assertEquals(3, stats.of(ObjectKind.ERROR).requests());
        assertEquals(1, stats.of(ObjectKind.ERROR).hits());
        assertEquals(0, stats.of(ObjectKind.SEGMENT).requests());
    }

    @ParameterizedTest(name = "negative TTL {0}")
    @ValueSource(ints = {0, 5})
    void errorsAreNotStoredWithoutANegativeTtlOrUnderNoStore(int negativeTtl) throws Exception {
        // With a negative TTL, only no-store keeps the 404 out (our own origin marks its errors so).
        h.origin.route(SEGMENT, negativeTtl == 0 ? TestOrigin.Reply.status(404) : TestOrigin.Reply.status(404).cacheControl("no-store"));
        h.origin.route(PLAYLIST, TestOrigin.Reply.status(503));
        EdgeCache edge = h.edge(profile().negativeTtl(negativeTtl).build());

        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        assertEquals("MISS", xCache(h.get(edge, SEGMENT)));
        h.get(edge, PLAYLIST);
        assertEquals(negativeTtl == 0 ? "MISS" : "HIT", xCache(h.get(edge, PLAYLIST)), "5xx follow the negative TTL too");
    }

    // --- the edge's clock --------------------------------------------------------------------------

    @Test
    void theEdgesOwnAnswersAreDatedByItsClock() throws Exception {
        EdgeCache edge = h.edge(profile().build());

        assertEquals(HttpDate.format(h.clock.millis()), header(h.get(edge, "/health"), "Date"));
        h.clock.advance(Duration.ofHours(1));
        h.origin.stop();
        HttpResponse<byte[]> failed = h.get(edge, SEGMENT);
        assertEquals(502, failed.statusCode());
        assertEquals(HttpDate.format(h.clock.millis()), header(failed, "Date"), "Date of the edge's own answer (RFC 9110 §6.6.1)");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> List<T> concurrently(int count, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CompletableFuture<Void> go = new CompletableFuture<>();
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    go.join();
                    return call.call();
                }));
            }
            go.complete(null);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitOriginRequests(String uri, int count) {
        EdgeHarness.awaitUntil(() -> h.origin.requests(uri) >= count, count + " origin requests for " + uri);
        assertEquals(count, h.origin.requests(uri));
    }
}
