package io.glass2glass.edge;

import static io.glass2glass.edge.EdgeHarness.bytes;
import static io.glass2glass.edge.EdgeHarness.header;
import static io.glass2glass.edge.EdgeHarness.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.metrics.PrometheusText;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /metrics, /health and {@link EdgeStats} against a known sequence of requests. */
class EdgeMetricsTest {

    private static final String SEGMENT = "/live/demo/720p/1.m4s";
    private static final String PLAYLIST = "/live/demo/720p/media.m3u8";
    private static final String MISSING = "/live/demo/720p/99.m4s";

    private EdgeHarness h;
    private EdgeCache edge;

    @BeforeEach
    void start() throws Exception {
        h = new EdgeHarness();
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(bytes("seg", 1000)).cacheControl("max-age=60"));
        h.origin.route(PLAYLIST, TestOrigin.Reply.ok(bytes("pl", 200)).cacheControl("max-age=0"));
        h.origin.route(MISSING, TestOrigin.Reply.status(404));
        h.origin.route(HttpMethod.PUT, "/upload.bin", TestOrigin.Reply.status(204));
        edge = h.edge(profile().negativeTtl(10).build());

        h.get(edge, SEGMENT);            // segment miss
        h.get(edge, SEGMENT);            // segment hit
        h.head(edge, SEGMENT);           // segment hit, no body
        h.get(edge, PLAYLIST);           // playlist miss (stored, but max-age=0 and no validator)
        h.get(edge, PLAYLIST);           // playlist miss again
        h.get(edge, MISSING);            // error miss (404 "status 404\n", 11 bytes)
        h.get(edge, MISSING);            // error hit (negative TTL)
        h.send(edge, "PUT", "/upload.bin", new byte[] {1, 2, 3}); // other pass
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void statsCountWhatTheViewersDid() {
        EdgeStats stats = edge.stats();
        assertEquals("edge-1", stats.edge());
        assertEquals("test", stats.profile());

        EdgeStats.ClassStats segment = stats.of(ObjectKind.SEGMENT);
        assertEquals(new EdgeStats.ClassStats(3, 2, 1, 0, 0, 0, 0, 1, 1000, 2000, 1), segment);
        EdgeStats.ClassStats playlist = stats.of(ObjectKind.MEDIA_PLAYLIST);
        assertEquals(new EdgeStats.ClassStats(2, 0, 2, 0, 0, 0, 0, 2, 400, 400, 1), playlist);
        EdgeStats.ClassStats error = stats.of(ObjectKind.ERROR);
        assertEquals(new EdgeStats.ClassStats(2, 1, 1, 0, 0, 0, 0, 1, 11, 22, 1), error);
        EdgeStats.ClassStats other = stats.of(ObjectKind.OTHER);
        assertEquals(1, other.requests());
        assertEquals(1, other.passes());
        assertEquals(1, other.originRequests());

        EdgeStats.ClassStats total = stats.total();
        assertEquals(8, total.requests());
        assertEquals(3, total.hits());
        assertEquals(4, total.misses());
        assertEquals(1, total.passes());
        assertEquals(3.0 / 8, stats.hitRatio(), 1e-12);
        // The segment, the 404, and the playlist: stale from the start (max-age=0), kept for stale-if-error.
        assertEquals(3, stats.storedObjects());
        assertTrue(stats.storedBytes() > 1000 + 200 + 11 && stats.storedBytes() < 1000 + 200 + 11 + 1000, "stored " + stats.storedBytes());
    }

    @Test
    void statsJsonCarriesClassesTotalsAndTheHitRatio() {
        JsonObject json = edge.stats().toJson();
        assertEquals("edge-1", json.getString("edge"));
        assertEquals(3.0 / 8, json.getDouble("hitRatio"), 1e-12);
        assertEquals(8, json.getJsonObject("total").getLong("requests"));
        assertEquals(2, json.getJsonObject("classes").getJsonObject("segment").getLong("hits"));
        assertEquals(1, json.getJsonObject("classes").getJsonObject("other").getLong("passes"));
        assertEquals(EdgeStats.CLASSES.size(), json.getJsonObject("classes").size());
    }

    @Test
    void metricsTextHasEveryFamilyAfterTraffic() throws Exception {
        HttpResponse<byte[]> r = h.get(edge, "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(EdgeCache.PROMETHEUS_TYPE, header(r, "Content-Type"));
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        String text = new String(r.body());
        long stored = edge.stats().storedBytes();
        for (String line : List.of(
                "# TYPE g2g_edge_requests_total counter",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"segment\",result=\"hit\"} 2",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"segment\",result=\"miss\"} 1",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"segment\",result=\"collapsed\"} 0",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"media_playlist\",result=\"miss\"} 2",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"error\",result=\"hit\"} 1",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"other\",result=\"pass\"} 1",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"segment\",result=\"stale\"} 0",
                "g2g_edge_requests_total{edge=\"edge-1\",class=\"segment\",result=\"revalidated\"} 0",
                "# TYPE g2g_edge_origin_requests_total counter",
                "g2g_edge_origin_requests_total{edge=\"edge-1\",class=\"segment\"} 1",
                "g2g_edge_origin_requests_total{edge=\"edge-1\",class=\"media_playlist\"} 2",
                "# TYPE g2g_edge_origin_bytes_total counter",
                "g2g_edge_origin_bytes_total{edge=\"edge-1\",class=\"segment\"} 1000",
                "# TYPE g2g_edge_bytes_served_total counter",
                "g2g_edge_bytes_served_total{edge=\"edge-1\",class=\"segment\"} 2000",
                "# TYPE g2g_edge_evictions_total counter",
                "g2g_edge_evictions_total{edge=\"edge-1\",class=\"segment\"} 0",
                "# TYPE g2g_edge_stored_bytes gauge",
                "g2g_edge_stored_bytes{edge=\"edge-1\"} " + stored,
                "g2g_edge_stored_objects{edge=\"edge-1\"} 3")) {
            assertTrue(text.lines().anyMatch(line::equals), "missing " + line + " in\n" + text);
        }
        assertEquals(0, h.origin.requests("/metrics"));
    }

    @Test
    void severalEdgesShareOneHeaderPerFamily() {
        EdgeCache second = h.edge("edge-2", profile().build(), URI.create("http://127.0.0.1:" + h.origin.port()));
        PrometheusText out = new PrometheusText();
        EdgeCache.metricsOf(List.of(edge, second)).writePrometheus(out);
        String text = out.toString();
        assertEquals(1, text.lines().filter("# TYPE g2g_edge_requests_total counter"::equals).count());
        assertTrue(text.contains("g2g_edge_stored_bytes{edge=\"edge-1\"}"));
        assertTrue(text.contains("g2g_edge_stored_bytes{edge=\"edge-2\"} 0"));
    }

    @Test
    void healthIsAnsweredByTheEdge() throws Exception {
        HttpResponse<byte[]> r = h.get(edge, "/health");
        assertEquals(200, r.statusCode());
        JsonObject health = new JsonObject(new String(r.body()));
        assertEquals("UP", health.getString("status"));
        assertEquals("edge-1", health.getString("edge"));
        assertEquals("test", health.getString("profile"));
        assertEquals(h.originUri().toString(), health.getString("upstream"));
        assertEquals(0, h.origin.requests("/health"));
    }

    @Test
    void actualPortIsUnavailableBeforeStart() {
        EdgeCache idle = new EdgeCache(EdgeOptions.of("idle", "127.0.0.1", 0, h.originUri()), profile().build());
        assertThrows(IllegalStateException.class, idle::actualPort);
    }
}
