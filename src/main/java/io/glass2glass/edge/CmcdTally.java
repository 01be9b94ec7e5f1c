package io.glass2glass.edge;

import io.glass2glass.media.Cmcd;
import io.glass2glass.metrics.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What one edge learns from the Common Media Client Data its viewers send (CTA-5004 v1): requests by
 * object type, distinct sessions, start-up and buffer-starvation reports, and the encoded bitrate,
 * buffer length and measured throughput players declare. It is the CDN's view of QoE, to be set next
 * to what the players lived through.
 */
public final class CmcdTally {

    /** Object types counted apart (§3.3 {@code ot}); anything else is {@code other}. */
    static final List<String> OBJECT_TYPES = List.of("m", "a", "v", "av", "i", "o", "other");
    /** Distinct sessions counted exactly up to this many, a lower bound beyond. */
    static final int MAX_SESSIONS = 262_144;
    /** A declared buffer below this is a viewer close to stalling. */
    static final long LOW_BUFFER_MILLIS = 2_000;

    private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder startup = new LongAdder();
    private final LongAdder starved = new LongAdder();
    private final LongAdder lowBuffer = new LongAdder();
    private final LongAdder bitrateSum = new LongAdder();
    private final LongAdder bitrateCount = new LongAdder();
    private final LongAdder bufferSum = new LongAdder();
    private final LongAdder bufferCount = new LongAdder();
    private final LongAdder throughputSum = new LongAdder();
    private final LongAdder throughputCount = new LongAdder();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    /** Counts one request's CMCD. */
    void record(Cmcd cmcd) {
        requests.increment();
        String ot = cmcd.text("ot");
        byType.computeIfAbsent(ot != null && OBJECT_TYPES.contains(ot) ? ot : "other", k -> new LongAdder()).increment();
        String sid = cmcd.text("sid");
        if (sid != null && sessions.size() < MAX_SESSIONS) {
            sessions.add(sid);
        }
        if (cmcd.flag("su")) {
            startup.increment();
        }
        if (cmcd.flag("bs")) {
            starved.increment();
        }
        boolean media = "v".equals(ot) || "av".equals(ot) || "a".equals(ot);
        Long br = cmcd.number("br");
        if (br != null && ("v".equals(ot) || "av".equals(ot)) && br >= 0) {
            bitrateSum.add(br);
            bitrateCount.increment();
        }
        Long bl = cmcd.number("bl");
        if (bl != null && media && bl >= 0) {
            bufferSum.add(bl);
            bufferCount.increment();
            if (bl < LOW_BUFFER_MILLIS) {
                lowBuffer.increment();
            }
        }
        Long mtp = cmcd.number("mtp");
        if (mtp != null && mtp >= 0) {
            throughputSum.add(mtp);
            throughputCount.increment();
        }
    }

    /** A request whose CMCD did not parse: still served (CMCD is advisory), counted here. */
    void malformed() {
        malformed.increment();
    }

    /** The figures so far; a mean is absent before its first sample. */
    public JsonObject snapshot() {
        return snapshot(List.of(this));
    }

    /**
     * The figures of several edges together, counts summed and means over all their samples (a tier's view).
     * A viewer seen by two edges counts as a session at each, so across edges {@code sessions} is an upper bound.
     */
    public static JsonObject snapshot(List<CmcdTally> tallies) {
        Map<String, Object> types = new LinkedHashMap<>();
        for (String t : OBJECT_TYPES) {
            types.put(t, sum(tallies, x -> x.byType.getOrDefault(t, new LongAdder())));
        }
        JsonObject j = new JsonObject().put("requests", sum(tallies, x -> x.requests)).put("malformed", sum(tallies, x -> x.malformed))
                .put("byObjectType", new JsonObject(types)).put("sessions", tallies.stream().mapToLong(x -> x.sessions.size()).sum())
                .put("startupRequests", sum(tallies, x -> x.startup)).put("bufferStarvationReports", sum(tallies, x -> x.starved))
                .put("lowBufferRequests", sum(tallies, x -> x.lowBuffer));
        mean(j, "videoBitrateKbpsMean", sum(tallies, x -> x.bitrateSum), sum(tallies, x -> x.bitrateCount));
        mean(j, "bufferLengthMsMean", sum(tallies, x -> x.bufferSum), sum(tallies, x -> x.bufferCount));
        mean(j, "measuredThroughputKbpsMean", sum(tallies, x -> x.throughputSum), sum(tallies, x -> x.throughputCount));
        return j;
    }

    private static long sum(List<CmcdTally> tallies, Function<CmcdTally, LongAdder> f) {
        return tallies.stream().mapToLong(t -> f.apply(t).sum()).sum();
    }

    private static void mean(JsonObject j, String key, long sum, long count) {
        if (count > 0) {
            j.put(key, (double) sum / count);
        }
    }

    /** The {@code g2g_edge_cmcd_*} families, one sample per edge. */
    static void writePrometheus(PrometheusText out, Map<String, CmcdTally> byEdge) {
        out.family("g2g_edge_cmcd_requests_total", "counter", "Requests that carried CMCD (CTA-5004), by object type (ot).");
        byEdge.forEach((edge, t) -> {
            for (String type : OBJECT_TYPES) {
                LongAdder a = t.byType.get(type);
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("edge", edge);
                labels.put("ot", type);
                out.sample("g2g_edge_cmcd_requests_total", labels, a == null ? 0 : a.sum());
            }
        });
        counter(out, byEdge, "g2g_edge_cmcd_malformed_total", "Requests whose CMCD did not parse (served anyway).", t -> t.malformed);
        counter(out, byEdge, "g2g_edge_cmcd_startup_requests_total", "CMCD requests flagged su (start-up or rebuffering).",
                t -> t.startup);
        counter(out, byEdge, "g2g_edge_cmcd_buffer_starvation_total", "CMCD requests flagged bs (the buffer ran dry before it).",
                t -> t.starved);
        counter(out, byEdge, "g2g_edge_cmcd_low_buffer_requests_total", "CMCD media requests declaring less than 2 s buffered (bl).",
                t -> t.lowBuffer);
        out.family("g2g_edge_cmcd_sessions", "gauge", "Distinct CMCD session ids (sid) seen.");
        byEdge.forEach((edge, t) -> out.sample("g2g_edge_cmcd_sessions", Map.of("edge", edge), t.sessions.size()));
    }

    private static void counter(PrometheusText out, Map<String, CmcdTally> byEdge, String name, String help,
            Function<CmcdTally, LongAdder> f) {
        out.family(name, "counter", help);
        byEdge.forEach((edge, t) -> out.sample(name, Map.of("edge", edge), f.apply(t).sum()));
    }
}
