package io.glass2glass.edge;

import static io.glass2glass.edge.EdgeHarness.bytes;
import static io.glass2glass.edge.EdgeHarness.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.Cmcd;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edge reads CMCD (CTA-5004) from the query argument or the headers, counts it, and caches the object without it. */
class EdgeCmcdTest {

    private static final String SEGMENT = "/live/demo/720p/1.m4s";

    private EdgeHarness h;
    private EdgeCache edge;

    @BeforeEach
    void start() {
        h = new EdgeHarness();
        h.origin.route(SEGMENT, TestOrigin.Reply.ok(bytes("seg", 1000)).cacheControl("max-age=60"));
        edge = h.edge(profile().build());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static String with(Object... kv) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            keys.put((String) kv[i], kv[i + 1]);
        }
        return new Cmcd(keys).appendTo(SEGMENT);
    }

    @Test
    void viewersWithDifferentCmcdShareOneCachedObjectAndTheOriginNeverSeesIt() throws Exception {
        HttpResponse<byte[]> first = h.get(edge, with("ot", "v", "br", 2800L, "bl", 4000L, "sid", "a", "su", true));
        HttpResponse<byte[]> second = h.get(edge, with("ot", "v", "br", 1400L, "bl", 1200L, "sid", "b", "bs", true, "mtp", 3000L));
        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        assertEquals("HIT", EdgeHarness.xCache(second), "the CMCD argument is not part of the cache key");
        assertEquals(1, h.origin.requests(SEGMENT), "one upstream request, for the object without CMCD");

        JsonObject s = edge.cmcd().snapshot();
        assertEquals(2, s.getLong("requests"));
        assertEquals(2, s.getJsonObject("byObjectType").getLong("v"));
        assertEquals(2, s.getLong("sessions"));
        assertEquals(1, s.getLong("startupRequests"));
        assertEquals(1, s.getLong("bufferStarvationReports"));
        assertEquals(1, s.getLong("lowBufferRequests"), "1.2 s buffered is under 2 s");
        assertEquals(2100.0, s.getDouble("videoBitrateKbpsMean"));
        assertEquals(2600.0, s.getDouble("bufferLengthMsMean"));
        assertEquals(3000.0, s.getDouble("measuredThroughputKbpsMean"));
    }

    @Test
    void headerModeIsReadTooAndMalformedCmcdIsCountedWhileTheObjectIsServed() throws Exception {
        HttpResponse<byte[]> headers = h.get(edge, SEGMENT, "CMCD-Object", "br=800,d=2000,ot=v", "CMCD-Request", "bl=300",
                "CMCD-Session", "sid=\"c\",sf=h,st=l");
        assertEquals(200, headers.statusCode());
        HttpResponse<byte[]> bad = h.get(edge, SEGMENT + "?CMCD=BR%3D1");
        assertEquals(200, bad.statusCode(), "CMCD is advisory: a bad one costs the viewer nothing");
        JsonObject s = edge.cmcd().snapshot();
        assertEquals(1, s.getLong("requests"));
        assertEquals(1, s.getLong("malformed"));
        assertEquals(800.0, s.getDouble("videoBitrateKbpsMean"));
        String metrics = new String(h.get(edge, "/metrics").body(), StandardCharsets.UTF_8);
        assertTrue(metrics.contains("g2g_edge_cmcd_requests_total{edge=\"edge-1\",ot=\"v\"} 1"), metrics);
        assertTrue(metrics.contains("g2g_edge_cmcd_malformed_total{edge=\"edge-1\"} 1"), metrics);
        assertTrue(metrics.contains("g2g_edge_cmcd_sessions{edge=\"edge-1\"} 1"), metrics);
    }

    @Test
    void aTiersFiguresAreItsEdgesSummedWithMeansOverAllTheirSamples() {
        CmcdTally a = new CmcdTally();
        CmcdTally b = new CmcdTally();
        a.record(Cmcd.parse("br=1000,bl=1000,ot=v,sid=\"x\",bs"));
        b.record(Cmcd.parse("br=2000,bl=3000,ot=v,sid=\"y\""));
        b.record(Cmcd.parse("br=3000,bl=5000,ot=v,sid=\"y\""));
        b.malformed();
        JsonObject tier = CmcdTally.snapshot(List.of(a, b));
        assertEquals(3, tier.getLong("requests"));
        assertEquals(1, tier.getLong("malformed"));
        assertEquals(2, tier.getLong("sessions"));
        assertEquals(1, tier.getLong("bufferStarvationReports"));
        assertEquals(3, tier.getJsonObject("byObjectType").getLong("v"));
        assertEquals(2000.0, tier.getDouble("videoBitrateKbpsMean"), "a mean over the three samples, not of the two edges' means");
        assertEquals(3000.0, tier.getDouble("bufferLengthMsMean"));
        assertEquals(1, tier.getLong("lowBufferRequests"));
    }
}
