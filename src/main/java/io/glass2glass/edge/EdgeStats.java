package io.glass2glass.edge;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.metrics.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A consistent snapshot of one edge's counters, per {@link ObjectKind}.
 *
 * <p>Every request the edge routes to its cache or upstream is counted once, under the class of its
 * answer (404/410/5xx answers under {@link ObjectKind#ERROR}, otherwise the URL's class), with one
 * result: hit, miss, collapsed, stale, revalidated or pass. {@code /health}, {@code /metrics} and
 * requests refused as malformed are not counted.
 *
 * @param storedBytes bytes held (bodies plus stored header fields and keys), the quantity bounded by
 *     {@link EdgeProfile#cacheBytes()}
 */
public record EdgeStats(String edge, String profile, Map<ObjectKind, ClassStats> byClass, long storedBytes, long storedObjects) {

    /**
     * The classes an edge counts under, in label order: what {@link ObjectKind#ofPath} can name, then
     * the answer class {@link ObjectKind#ERROR}. Never {@link ObjectKind#TIME}: a URL path does not tell it.
     */
    public static final List<ObjectKind> CLASSES = List.of(ObjectKind.MULTIVARIANT, ObjectKind.MEDIA_PLAYLIST,
            ObjectKind.MPD, ObjectKind.INIT, ObjectKind.SEGMENT, ObjectKind.OTHER, ObjectKind.ERROR);

    /**
     * Counters of one object class.
     *
     * @param requests every counted request; the results below plus {@link #passes()} add up to it
     * @param hits answered from a fresh stored response
     * @param misses fetched upstream for the request itself (including answers that could not be
     *     stored, and 502/504 when the upstream failed)
     * @param collapsed answered from another request's upstream fetch (request collapsing)
     * @param staleServed answered with a stale stored response (stale-while-revalidate, stale-if-error)
     * @param revalidations answered from a stored response after a 304 to this request's conditional fetch
     * @param evictions stored responses of this class dropped to make room (LRU); invalidations and
     *     replacements are not evictions
     * @param originRequests requests sent upstream, background refreshes and failed attempts included
     * @param originBytes response body bytes received from upstream
     * @param bytesServed response body bytes written to viewers
     * @param distinctKeys distinct cache keys requested (exact up to 262,144 keys per class, a lower bound beyond)
     */
    public record ClassStats(long requests, long hits, long misses, long collapsed, long staleServed, long revalidations,
            long evictions, long originRequests, long originBytes, long bytesServed, long distinctKeys) {

        public static final ClassStats ZERO = new ClassStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** Requests forwarded without the cache (methods other than GET/HEAD, credentials). */
        public long passes() {
            return requests - hits - misses - collapsed - staleServed - revalidations;
        }

        /** Requests answered without an upstream fetch of their own body: hits, collapsed, stale and revalidated. */
        public long servedFromCache() {
            return hits + collapsed + staleServed + revalidations;
        }

        /** The count for a {@code result} label of {@code g2g_edge_requests_total}. */
        long result(CacheResult result) {
            return switch (result) {
                case HIT -> hits;
                case MISS -> misses;
                case COLLAPSED -> collapsed;
                case STALE -> staleServed;
                case REVALIDATED -> revalidations;
                case PASS -> passes();
            };
        }

        ClassStats plus(ClassStats o) {
            return new ClassStats(requests + o.requests, hits + o.hits, misses + o.misses, collapsed + o.collapsed,
                    staleServed + o.staleServed, revalidations + o.revalidations, evictions + o.evictions,
                    originRequests + o.originRequests, originBytes + o.originBytes, bytesServed + o.bytesServed,
                    distinctKeys + o.distinctKeys);
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("requests", requests)
                    .put("hits", hits)
                    .put("misses", misses)
                    .put("collapsed", collapsed)
                    .put("staleServed", staleServed)
                    .put("revalidations", revalidations)
                    .put("passes", passes())
                    .put("evictions", evictions)
                    .put("originRequests", originRequests)
                    .put("originBytes", originBytes)
                    .put("bytesServed", bytesServed)
                    .put("distinctKeys", distinctKeys);
        }
    }

    public EdgeStats {
        EnumMap<ObjectKind, ClassStats> all = new EnumMap<>(ObjectKind.class);
        for (ObjectKind c : CLASSES) {
            ClassStats s = byClass == null ? null : byClass.get(c);
            all.put(c, s == null ? ClassStats.ZERO : s);
        }
        byClass = Collections.unmodifiableMap(all);
    }

    /** The counters of one class; zero for a kind the edge never counts under. */
    public ClassStats of(ObjectKind objectClass) {
        return byClass.getOrDefault(objectClass, ClassStats.ZERO);
    }

    /** All classes added up ({@code distinctKeys} too, so a key answered under two classes counts twice). */
    public ClassStats total() {
        ClassStats total = ClassStats.ZERO;
        for (ClassStats s : byClass.values()) {
            total = total.plus(s);
        }
        return total;
    }

    /**
     * The share of requests answered without fetching their body upstream, over all classes:
     * {@code (hits + collapsed + staleServed + revalidations) / requests}, passes included in the
     * denominator; {@code 0} before the first request. Revalidated answers count as served from the
     * cache although each cost a (bodiless) 304 exchange upstream; {@code originRequests} shows that load.
     */
    public double hitRatio() {
        ClassStats total = total();
        return total.requests() == 0 ? 0 : (double) total.servedFromCache() / total.requests();
    }

    /** {@code {"edge", "profile", "storedBytes", "storedObjects", "hitRatio", "total": {...}, "classes": {"segment": {...}, ...}}}. */
    public JsonObject toJson() {
        JsonObject classes = new JsonObject();
        byClass.forEach((c, s) -> classes.put(c.label(), s.toJson()));
        return new JsonObject()
                .put("edge", edge)
                .put("profile", profile)
                .put("storedBytes", storedBytes)
                .put("storedObjects", storedObjects)
                .put("hitRatio", hitRatio())
                .put("total", total().toJson())
                .put("classes", classes);
    }

    /**
     * Writes the {@code g2g_edge_*} families for several edges under one HELP/TYPE header each, as one
     * {@code /metrics} page must (Prometheus text format 0.0.4).
     */
    public static void writePrometheus(PrometheusText out, List<EdgeStats> edges) {
        out.family("g2g_edge_requests_total", "counter", "Requests answered by the edge, by object class and cache result.");
        for (EdgeStats e : edges) {
            for (ObjectKind c : CLASSES) {
                for (CacheResult r : CacheResult.values()) {
                    Map<String, String> labels = labels(e, c);
                    labels.put("result", r.label());
                    out.sample("g2g_edge_requests_total", labels, e.of(c).result(r));
                }
            }
        }
        perClass(out, edges, "g2g_edge_origin_requests_total", "counter",
                "Requests the edge sent upstream (refreshes and failed attempts included), by object class.", ClassStats::originRequests);
        perClass(out, edges, "g2g_edge_origin_bytes_total", "counter",
                "Response body bytes the edge received from upstream, by object class.", ClassStats::originBytes);
        perClass(out, edges, "g2g_edge_bytes_served_total", "counter",
                "Response body bytes the edge wrote to viewers, by object class.", ClassStats::bytesServed);
        perClass(out, edges, "g2g_edge_evictions_total", "counter",
                "Stored responses dropped to make room (LRU), by object class.", ClassStats::evictions);
        out.family("g2g_edge_stored_bytes", "gauge", "Bytes the edge holds (bodies, stored header fields and keys).");
        for (EdgeStats e : edges) {
            out.sample("g2g_edge_stored_bytes", Map.of("edge", e.edge()), e.storedBytes());
        }
        out.family("g2g_edge_stored_objects", "gauge", "Responses the edge holds.");
        for (EdgeStats e : edges) {
            out.sample("g2g_edge_stored_objects", Map.of("edge", e.edge()), e.storedObjects());
        }
    }

    private static void perClass(PrometheusText out, List<EdgeStats> edges, String name, String type, String help,
            ToLongFunction<ClassStats> value) {
        out.family(name, type, help);
        for (EdgeStats e : edges) {
            for (ObjectKind c : CLASSES) {
                out.sample(name, labels(e, c), value.applyAsLong(e.of(c)));
            }
        }
    }

    private static Map<String, String> labels(EdgeStats e, ObjectKind c) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("edge", e.edge());
        labels.put("class", c.label());
        return labels;
    }
}
