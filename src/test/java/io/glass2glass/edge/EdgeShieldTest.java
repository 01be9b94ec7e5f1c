package io.glass2glass.edge;

import static io.glass2glass.edge.EdgeHarness.age;
import static io.glass2glass.edge.EdgeHarness.bytes;
import static io.glass2glass.edge.EdgeHarness.header;
import static io.glass2glass.edge.EdgeHarness.profile;
import static io.glass2glass.edge.EdgeHarness.uriOf;
import static io.glass2glass.edge.EdgeHarness.xCache;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tiers: edges in front of an origin shield (another EdgeCache) in front of the origin. */
class EdgeShieldTest {

    private static final int OBJECTS = 5;
    private static final int REQUESTS_PER_OBJECT_PER_EDGE = 100;

    private EdgeHarness h;
    private EdgeCache shield;
    private EdgeCache edge1;
    private EdgeCache edge2;

    @BeforeEach
    void start() {
        h = new EdgeHarness();
        shield = h.edge("shield", profile().build(), h.originUri());
        edge1 = h.edge("edge-1", profile().build(), uriOf(shield));
        edge2 = h.edge("edge-2", profile().build(), uriOf(shield));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void manyRequestsThroughTwoEdgesCauseOneOriginRequestPerObject() {
        for (int i = 0; i < OBJECTS; i++) {
            h.origin.route(segment(i), TestOrigin.Reply.ok(bytes("s" + i, 50_000)).cacheControl("max-age=60").slowly(5, 40));
        }
        Vertx viewers = Vertx.vertx();
        try {
            HttpClientAgent client = viewers.createHttpClient(new PoolOptions().setHttp1MaxSize(200));
            List<Future<Void>> done = new ArrayList<>();
            for (int n = 0; n < REQUESTS_PER_OBJECT_PER_EDGE; n++) {
                for (int i = 0; i < OBJECTS; i++) {
                    for (EdgeCache edge : List.of(edge1, edge2)) {
                        byte[] expected = bytes("s" + i, 50_000);
                        done.add(client.request(HttpMethod.GET, edge.actualPort(), "127.0.0.1", segment(i))
                                .compose(request -> request.send())
                                .compose(response -> response.body())
                                .map(body -> {
                                    assertArrayEquals(expected, body.getBytes());
                                    return null;
                                }));
                    }
                }
            }
            EdgeHarness.await(Future.all(done));
        } finally {
            EdgeHarness.await(viewers.close());
        }

        for (int i = 0; i < OBJECTS; i++) {
            assertEquals(1, h.origin.requests(segment(i)), segment(i));
        }
        assertEquals(OBJECTS, shield.stats().total().originRequests());
        for (EdgeCache edge : List.of(edge1, edge2)) {
            EdgeStats.ClassStats s = edge.stats().of(ObjectKind.SEGMENT);
            assertEquals(OBJECTS * REQUESTS_PER_OBJECT_PER_EDGE, s.requests());
            assertEquals(OBJECTS, s.originRequests(), "each edge fetches each object once from the shield");
        }
        EdgeStats.ClassStats atShield = shield.stats().of(ObjectKind.SEGMENT);
        assertEquals(2L * OBJECTS, atShield.requests());
        assertEquals(OBJECTS, atShield.misses());
        assertEquals(OBJECTS, atShield.collapsed() + atShield.hits());
    }

    @Test
    void ageAddsUpAcrossTiersAndEachTierSetsItsOwnXCache() throws Exception {
        String target = segment(0);
        h.origin.route(target, TestOrigin.Reply.ok(bytes("aged", 1000)).cacheControl("max-age=600").header("Age", "100"));

        HttpResponse<byte[]> first = h.get(edge1, target);
        assertEquals("MISS", xCache(first));
        assertEquals(100, age(first));
        assertEquals("1.1 shield, 1.1 edge-1", header(first, "Via"));

        h.clock.advanceMillis(1200);
        HttpResponse<byte[]> second = h.get(edge2, target);
        assertEquals("MISS", xCache(second), "edge-2's own result, although the shield had a HIT");
        assertEquals(101, age(second), "100 at the origin plus 1.2 s at the shield");
        assertEquals("1.1 shield, 1.1 edge-2", header(second, "Via"));
        assertEquals(1, shield.stats().of(ObjectKind.SEGMENT).hits());

        h.clock.advanceMillis(1000);
        HttpResponse<byte[]> third = h.get(edge1, target);
        assertEquals("HIT", xCache(third));
        assertEquals(102, age(third), "100 at the origin plus 2.2 s at edge-1");
        assertEquals(1, h.origin.requests(target));
        String via = h.origin.last(target).header("Via");
        assertEquals("1.1 edge-1, 1.1 shield", via, "each tier appends itself on the way up");
    }

    @Test
    void aShieldCopyPastTheOriginsLifetimeIsFetchedAgainForAnEdgesMiss() throws Exception {
        String target = segment(1);
        h.origin.route(target, TestOrigin.Reply.ok(bytes("x", 10)).cacheControl("max-age=2").header("Age", "1"));

        h.get(edge1, target);
        h.clock.advanceMillis(1100);
        // One second left at the origin, none left once the shield's residence is added.
        assertEquals("MISS", xCache(h.get(edge2, target)));
        assertEquals(2, h.origin.requests(target));
    }

    private static String segment(int i) {
        return "/live/demo/720p/" + i + ".m4s";
    }
}
