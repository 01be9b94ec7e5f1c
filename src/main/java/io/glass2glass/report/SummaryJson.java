package io.glass2glass.report;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.report.RunSummary.CacheCounters;
import io.glass2glass.report.RunSummary.Cohort;
import io.glass2glass.report.RunSummary.Distribution;
import io.glass2glass.report.RunSummary.Edge;
import io.glass2glass.report.RunSummary.EdgeTier;
import io.glass2glass.report.RunSummary.Harness;
import io.glass2glass.report.RunSummary.LateSegments;
import io.glass2glass.report.RunSummary.LowTail;
import io.glass2glass.report.RunSummary.Percentiles;
import io.glass2glass.report.RunSummary.Players;
import io.glass2glass.report.RunSummary.Qoe;
import io.glass2glass.report.RunSummary.Requests;
import io.glass2glass.report.RunSummary.Setup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The format of a run's {@code summary.json}, read and written as a {@link RunSummary}: the
 * machine-readable figures that CI gates, comparisons and the HTML report read. QoE names follow
 * CTA-2066; percentiles carry HdrHistogram's precision (three significant digits). Whole numbers are
 * written as JSON integers, others rounded to six decimals (the edge's ratios as computed).
 *
 * <p>A <em>distribution</em> {@code {p50,p95,p99,max,mean,count}} holds the percentiles, maximum and
 * mean of one value per player (or per sample) and how many values there were; all zero when none.
 * A metric where more is better ({@code qoe.avgBitrateKbps}, see {@code QoeRecorders.HIGHER_IS_BETTER})
 * also has its <em>low tail</em> {@code min,p1,p5,p10} before {@code p50}: its worst players are at the
 * bottom. Files written before the low tail lack those fields; they read as a distribution without one.
 * <table>
 *   <caption>summary.json fields</caption>
 *   <tr><th>field</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code schemaVersion}</td><td>integer</td>
 *       <td>{@value RunSummary#SCHEMA_VERSION}; raised only on incompatible changes</td></tr>
 *   <tr><td>{@code runId}</td><td>string</td><td>the run folder's name</td></tr>
 *   <tr><td>{@code target}</td><td>string</td><td>the multivariant playlist or MPD URL the players loaded</td></tr>
 *   <tr><td>{@code format}</td><td>string</td><td>{@code hls} or {@code dash}</td></tr>
 *   <tr><td>{@code startedAt}, {@code endedAt}</td><td>string</td><td>ISO-8601 UTC instants of the run</td></tr>
 *   <tr><td>{@code durationSeconds}</td><td>number</td><td>{@code endedAt - startedAt}</td></tr>
 *   <tr><td>{@code abr}</td><td>string</td><td>the ABR algorithm (or mix) of the players</td></tr>
 *   <tr><td>{@code network}</td><td>string</td><td>the network mix and how the link was emulated</td></tr>
 *   <tr><td>{@code injection}</td><td>string</td><td>how players joined over time</td></tr>
 *   <tr><td>{@code players.requested}</td><td>integer</td><td>players the injection profile asked for</td></tr>
 *   <tr><td>{@code players.joined}</td><td>integer</td><td>players that joined the run</td></tr>
 *   <tr><td>{@code players.started}</td><td>integer</td>
 *       <td>players that rendered a first frame (CTA-2066 video start)</td></tr>
 *   <tr><td>{@code players.failedToStart}</td><td>integer</td>
 *       <td>players that gave up before a first frame (video start failure)</td></tr>
 *   <tr><td>{@code players.playbackFailed}</td><td>integer</td>
 *       <td>players that stopped on an error after starting (playback failure)</td></tr>
 *   <tr><td>{@code qoe.startupMs}</td><td>distribution</td><td>video start time per started player, ms</td></tr>
 *   <tr><td>{@code qoe.rebufferCount}</td><td>distribution</td><td>stalls after start-up per started player</td></tr>
 *   <tr><td>{@code qoe.rebufferMs}</td><td>distribution</td>
 *       <td>time stalled after start-up per started player, ms</td></tr>
 *   <tr><td>{@code qoe.rebufferRatio}</td><td>distribution</td>
 *       <td>rebuffering ratio (stalled / watched, a fraction) per started player</td></tr>
 *   <tr><td>{@code qoe.rebufferRatioAggregate}</td><td>number</td>
 *       <td>all time stalled / all time watched, a fraction</td></tr>
 *   <tr><td>{@code qoe.stallSeconds}, {@code qoe.watchSeconds}</td><td>number</td>
 *       <td>the two sums behind the aggregate ratio</td></tr>
 *   <tr><td>{@code qoe.avgBitrateKbps}</td><td>distribution with low tail</td>
 *       <td>time-weighted average bitrate per started player, kb/s</td></tr>
 *   <tr><td>{@code qoe.switches}</td><td>distribution</td><td>rendition switches per started player</td></tr>
 *   <tr><td>{@code qoe.liveLatencyMs}</td><td>distribution</td>
 *       <td>live latency samples of playing players, ms</td></tr>
 *   <tr><td>{@code qoe.lateSegments}</td><td>distribution, {@code total}, {@code segmentsDownloaded},
 *       {@code abandoned}</td>
 *       <td>segments downloaded slower than real time per player that downloaded any; the run's total
 *       late segments, total segments downloaded, and video downloads abandoned for a lower rendition
 *       (hls.js's emergency switch-down)</td></tr>
 *   <tr><td>{@code qoe.timeAtRenditionSeconds}</td><td>object</td>
 *       <td>media seconds played at each rendition over all players, by rendition id</td></tr>
 *   <tr><td>{@code requests.{kind}}</td><td>object</td>
 *       <td>one per kind, every kind even when unused: {@code multivariant}, {@code media_playlist},
 *       {@code mpd}, {@code init}, {@code segment}, {@code time}</td></tr>
 *   <tr><td>{@code requests.{kind}.count}</td><td>integer</td><td>requests made</td></tr>
 *   <tr><td>{@code requests.{kind}.errors}</td><td>integer</td>
 *       <td>requests answered 400 or above, or not answered (connection error, timeout)</td></tr>
 *   <tr><td>{@code requests.{kind}.bytes}</td><td>integer</td><td>response bytes received</td></tr>
 *   <tr><td>{@code requests.{kind}.latencyMs}</td><td>{@code {p50,p95,p99,max}}</td><td>measured latency, ms</td></tr>
 *   <tr><td>{@code requests.{kind}.latencyCorrectedMs}</td><td>{@code {p50,p95,p99,max}}</td>
 *       <td>latency from the intended start (measured + schedule skew), corrected for coordinated
 *       omission, ms</td></tr>
 *   <tr><td>{@code scheduleSkewMs}</td><td>{@code {p50,p95,p99,max}}</td>
 *       <td>how late players sent requests compared with their schedule, ms</td></tr>
 *   <tr><td>{@code harness}</td><td>object</td>
 *       <td>optional, the load generator's own figures: {@code peakConcurrentPlayers},
 *       {@code peakHeapAfterGcBytes}, {@code heapPerPlayerBytes}, {@code maxHeapBytes},
 *       {@code availableProcessors}, {@code cpuCores} (cores the players' JVM kept busy on average)</td></tr>
 *   <tr><td>{@code edge}</td><td>object</td>
 *       <td>optional, added after the players when they went through edges: {@code profile}, {@code edges},
 *       {@code hitRatio}, {@code originRequestsPerSegment}, {@code originSegmentRequests},
 *       {@code distinctSegments}, {@code tiers} (each edge's counters as {@code EdgeStats} writes them:
 *       {@code edge}, {@code profile}, {@code storedBytes}, {@code storedObjects}, {@code hitRatio},
 *       {@code total} and {@code classes} by object class) and, with an origin shield, {@code shield}</td></tr>
 *   <tr><td>{@code setup}</td><td>object</td>
 *       <td>optional, what ran the test: {@code glass2glass}, {@code gatling}, {@code java}, {@code os}
 *       versions and, for {@code run}, the pipeline's {@code ladder}</td></tr>
 *   <tr><td>{@code cohorts.{dimension}.{value}}</td><td>object</td>
 *       <td>optional, the players' QoE per cohort (dimensions {@code network}, {@code abr}, {@code format},
 *       {@code edge}): the fields of {@code qoe}, and {@code players} ({@code joined}, {@code started},
 *       {@code failedToStart}, {@code playbackFailed})</td></tr>
 *   <tr><td>other top-level fields</td><td>any</td>
 *       <td>written by a newer version: tolerated and kept on rewrite; unknown fields deeper down are
 *       ignored</td></tr>
 * </table>
 */
final class SummaryJson {

    /** The top-level fields of this version; anything else is another section, kept as read. */
    static final Set<String> KNOWN_FIELDS = Set.of("schemaVersion", "runId", "target", "format", "startedAt", "endedAt",
            "durationSeconds", "abr", "network", "injection", "players", "qoe", "requests", "scheduleSkewMs", "harness", "edge",
            "setup", "cohorts");

    private SummaryJson() {}

    // --- writing ------------------------------------------------------------------------------

    static JsonObject encode(RunSummary summary) {
        RunMetadata run = summary.run();
        Players players = summary.players();
        JsonObject json = new JsonObject()
                .put("schemaVersion", RunSummary.SCHEMA_VERSION)
                .put("runId", run.runId())
                .put("target", run.target())
                .put("format", run.format())
                .put("startedAt", run.startedAt().toString())
                .put("endedAt", run.endedAt().toString())
                .put("durationSeconds", number(run.durationSeconds()))
                .put("abr", run.abr())
                .put("network", run.network())
                .put("injection", run.injection())
                .put("players", new JsonObject()
                        .put("requested", run.playersRequested())
                        .put("joined", players.joined())
                        .put("started", players.started())
                        .put("failedToStart", players.failedToStart())
                        .put("playbackFailed", players.playbackFailed()))
                .put("qoe", encode(summary.qoe()))
                .put("requests", encode(summary.requests()))
                .put("scheduleSkewMs", encode(summary.scheduleSkewMs()));
        summary.harness().ifPresent(harness -> json.put("harness", encode(harness)));
        summary.edge().ifPresent(edge -> json.put("edge", encode(edge)));
        summary.setup().ifPresent(setup -> {
            JsonObject json2 = new JsonObject().put("glass2glass", setup.glass2glass()).put("gatling", setup.gatling())
                    .put("java", setup.java()).put("os", setup.os());
            setup.ladder().ifPresent(ladder -> json2.put("ladder", ladder));
            json.put("setup", json2);
        });
        if (!summary.cohorts().isEmpty()) {
            JsonObject cohorts = new JsonObject();
            summary.cohorts().forEach((dimension, values) -> {
                JsonObject byValue = new JsonObject();
                values.forEach((value, cohort) -> byValue.put(value, encode(cohort)));
                cohorts.put(dimension, byValue);
            });
            json.put("cohorts", cohorts);
        }
        for (Map.Entry<String, Object> section : summary.otherSections()) {
            json.put(section.getKey(), section.getValue());
        }
        return json;
    }

    /** A cohort: the fields of {@code qoe}, and the cohort's {@code players} (joined, started, failed) first. */
    static JsonObject encode(Cohort c) {
        JsonObject json = new JsonObject().put("players", new JsonObject()
                .put("joined", c.players().joined())
                .put("started", c.players().started())
                .put("failedToStart", c.players().failedToStart())
                .put("playbackFailed", c.players().playbackFailed()));
        encode(c.qoe()).forEach(field -> json.put(field.getKey(), field.getValue()));
        return json;
    }

    static JsonObject encode(Harness h) {
        JsonObject json = new JsonObject()
                .put("peakConcurrentPlayers", h.peakConcurrentPlayers())
                .put("peakHeapAfterGcBytes", h.peakHeapAfterGcBytes())
                .put("heapPerPlayerBytes", h.heapPerPlayerBytes())
                .put("maxHeapBytes", h.maxHeapBytes())
                .put("availableProcessors", h.availableProcessors());
        if (Double.isFinite(h.cpuCores())) {
            json.put("cpuCores", Math.round(h.cpuCores() * 1000) / 1000.0);
        }
        return json;
    }

    static JsonObject encode(Edge e) {
        JsonArray tiers = new JsonArray();
        e.tiers().forEach(tier -> tiers.add(encode(tier)));
        // The ratios are written as computed (always as decimals), as the edge section always was.
        JsonObject json = new JsonObject()
                .put("profile", e.profile())
                .put("edges", e.edges())
                .put("hitRatio", e.hitRatio())
                .put("originRequestsPerSegment", e.originRequestsPerSegment())
                .put("originSegmentRequests", e.originSegmentRequests())
                .put("distinctSegments", e.distinctSegments())
                .put("tiers", tiers);
        e.shield().ifPresent(shield -> json.put("shield", encode(shield)));
        return json;
    }

    private static JsonObject encode(EdgeTier t) {
        JsonObject classes = new JsonObject();
        t.classes().forEach((c, counters) -> classes.put(c.label(), encode(counters)));
        return new JsonObject()
                .put("edge", t.edge())
                .put("profile", t.profile())
                .put("storedBytes", t.storedBytes())
                .put("storedObjects", t.storedObjects())
                .put("hitRatio", t.hitRatio())
                .put("total", encode(t.total()))
                .put("classes", classes);
    }

    private static JsonObject encode(CacheCounters c) {
        return new JsonObject()
                .put("requests", c.requests())
                .put("hits", c.hits())
                .put("misses", c.misses())
                .put("collapsed", c.collapsed())
                .put("staleServed", c.staleServed())
                .put("revalidations", c.revalidations())
                .put("passes", c.passes())
                .put("evictions", c.evictions())
                .put("originRequests", c.originRequests())
                .put("originBytes", c.originBytes())
                .put("bytesServed", c.bytesServed())
                .put("distinctKeys", c.distinctKeys());
    }

    private static JsonObject encode(Qoe q) {
        JsonObject renditions = new JsonObject();
        q.timeAtRenditionSeconds().forEach((rendition, seconds) -> renditions.put(rendition, number(seconds)));
        LateSegments late = q.lateSegments();
        return new JsonObject()
                .put("startupMs", encode(q.startupMs()))
                .put("rebufferCount", encode(q.rebufferCount()))
                .put("rebufferMs", encode(q.rebufferMs()))
                .put("rebufferRatio", encode(q.rebufferRatio()))
                .put("rebufferRatioAggregate", number(q.rebufferRatioAggregate()))
                .put("stallSeconds", number(q.stallSeconds()))
                .put("watchSeconds", number(q.watchSeconds()))
                .put("avgBitrateKbps", encode(q.avgBitrateKbps()))
                .put("switches", encode(q.switches()))
                .put("liveLatencyMs", encode(q.liveLatencyMs()))
                .put("lateSegments", encode(late.perPlayer())
                        .put("total", late.total())
                        .put("segmentsDownloaded", late.segmentsDownloaded())
                        .put("abandoned", late.abandoned()))
                .put("timeAtRenditionSeconds", renditions);
    }

    private static JsonObject encode(Map<ObjectKind, Requests> requests) {
        JsonObject byKind = new JsonObject();
        requests.forEach((kind, r) -> byKind.put(kind.label(), new JsonObject()
                .put("count", r.count())
                .put("errors", r.errors())
                .put("bytes", r.bytes())
                .put("latencyMs", encode(r.latencyMs()))
                .put("latencyCorrectedMs", encode(r.latencyCorrectedMs()))));
        return byKind;
    }

    private static JsonObject encode(Percentiles p) {
        return new JsonObject()
                .put("p50", number(p.p50()))
                .put("p95", number(p.p95()))
                .put("p99", number(p.p99()))
                .put("max", number(p.max()));
    }

    private static JsonObject encode(Distribution d) {
        JsonObject json = new JsonObject();
        // The low tail first, so the figures read in ascending order; only higher-is-better metrics have one.
        d.lowTail().ifPresent(low -> json
                .put("min", number(low.min()))
                .put("p1", number(low.p1()))
                .put("p5", number(low.p5()))
                .put("p10", number(low.p10())));
        return json
                .put("p50", number(d.p50()))
                .put("p95", number(d.p95()))
                .put("p99", number(d.p99()))
                .put("max", number(d.max()))
                .put("mean", number(d.mean()))
                .put("count", d.count());
    }

    /** A value as written: zero if not finite, whole from a billion on, else rounded to six decimals. */
    static double rounded(double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        if (Math.abs(value) >= 1e9) {
            return Math.round(value);
        }
        return Math.round(value * 1e6) / 1e6;
    }

    /** {@link #rounded} as a JSON integer when whole, so {@code 490} is not written {@code 490.0}. */
    private static Number number(double value) {
        double rounded = rounded(value);
        return rounded == Math.rint(rounded) ? (Number) (long) rounded : (Number) rounded;
    }

    // --- reading ------------------------------------------------------------------------------

    static RunSummary decode(JsonObject json) {
        Fields root = new Fields(json, "");
        long version = root.whole("schemaVersion");
        if (version < 1 || version > RunSummary.SCHEMA_VERSION) {
            throw root.invalid("schemaVersion", "is " + version + ", this version reads 1 to " + RunSummary.SCHEMA_VERSION);
        }
        Fields players = root.object("players");
        Fields requests = root.object("requests");
        Map<ObjectKind, Requests> byKind = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            Fields r = requests.object(kind.label());
            byKind.put(kind, new Requests(r.whole("count"), r.whole("errors"), r.whole("bytes"),
                    percentiles(r.object("latencyMs")), percentiles(r.object("latencyCorrectedMs"))));
        }
        JsonObject others = new JsonObject();
        for (String name : json.fieldNames()) {
            if (!KNOWN_FIELDS.contains(name)) {
                others.put(name, json.getValue(name));
            }
        }
        return new RunSummary(
                metadata(root, players.whole("requested")),
                new Players(players.whole("joined"), players.whole("started"), players.whole("failedToStart"),
                        players.whole("playbackFailed")),
                qoe(root.object("qoe")),
                byKind,
                percentiles(root.object("scheduleSkewMs")),
                root.optionalObject("harness").map(h -> new Harness(h.whole("peakConcurrentPlayers"),
                        h.whole("peakHeapAfterGcBytes"), h.whole("heapPerPlayerBytes"), h.whole("maxHeapBytes"),
                        h.whole("availableProcessors"),
                        h.optionalNumber("cpuCores").orElse(Double.NaN))),
                root.optionalObject("edge").map(SummaryJson::edge),
                root.optionalObject("setup").map(f -> new Setup(f.string("glass2glass"), f.string("gatling"), f.string("java"),
                        f.string("os"), f.json().containsKey("ladder") ? Optional.of(f.string("ladder")) : Optional.empty())),
                root.optionalObject("cohorts").map(SummaryJson::cohorts).orElse(Map.of()),
                others);
    }

    static Edge decodeEdge(JsonObject json) {
        return edge(new Fields(json, "edge"));
    }

    private static RunMetadata metadata(Fields root, long playersRequested) {
        String format = root.string("format");
        if (!format.equalsIgnoreCase("hls") && !format.equalsIgnoreCase("dash")) {
            throw root.invalid("format", "must be hls or dash, got " + describe(format));
        }
        Instant startedAt = root.instant("startedAt");
        Instant endedAt = root.instant("endedAt");
        if (endedAt.isBefore(startedAt)) {
            throw root.invalid("endedAt", "is before startedAt");
        }
        if (playersRequested < 0) {
            throw root.invalid("players.requested", "is negative");
        }
        // durationSeconds is not read: it is endedAt - startedAt.
        return new RunMetadata(root.string("runId"), root.string("target"), format, startedAt, endedAt, playersRequested,
                root.string("abr"), root.string("network"), root.string("injection"));
    }

    private static Map<String, Map<String, Cohort>> cohorts(Fields c) {
        Map<String, Map<String, Cohort>> cohorts = new LinkedHashMap<>();
        for (String dimension : c.json().fieldNames()) {
            Fields values = c.object(dimension);
            Map<String, Cohort> byValue = new LinkedHashMap<>();
            for (String value : values.json().fieldNames()) {
                Fields cohort = values.object(value);
                Fields p = cohort.object("players");
                byValue.put(value, new Cohort(new Players(p.whole("joined"), p.whole("started"), p.whole("failedToStart"),
                        p.whole("playbackFailed")), qoe(cohort)));
            }
            cohorts.put(dimension, byValue);
        }
        return cohorts;
    }

    private static Qoe qoe(Fields q) {
        Fields late = q.object("lateSegments");
        Fields renditions = q.object("timeAtRenditionSeconds");
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String rendition : renditions.json().fieldNames()) {
            seconds.put(rendition, renditions.number(rendition));
        }
        return new Qoe(distribution(q.object("startupMs")), distribution(q.object("rebufferCount")),
                distribution(q.object("rebufferMs")), distribution(q.object("rebufferRatio")),
                q.number("rebufferRatioAggregate"), q.number("stallSeconds"), q.number("watchSeconds"),
                distribution(q.object("avgBitrateKbps")), distribution(q.object("switches")),
                distribution(q.object("liveLatencyMs")),
                // abandoned came later within schema 1: older files lack it.
                new LateSegments(distribution(late), late.whole("total"), late.whole("segmentsDownloaded"),
                        late.optionalWhole("abandoned").orElse(0L)),
                seconds);
    }

    private static Distribution distribution(Fields d) {
        return new Distribution(d.number("p50"), d.number("p95"), d.number("p99"), d.number("max"), d.number("mean"),
                d.whole("count"), lowTail(d));
    }

    /** The low tail came later within schema 1: a file without {@code min} has none (unknown, not zero). */
    private static Optional<LowTail> lowTail(Fields d) {
        if (!d.json().containsKey("min")) {
            return Optional.empty();
        }
        return Optional.of(new LowTail(d.number("min"), d.number("p1"), d.number("p5"), d.number("p10")));
    }

    private static Percentiles percentiles(Fields p) {
        return new Percentiles(p.number("p50"), p.number("p95"), p.number("p99"), p.number("max"));
    }

    private static Edge edge(Fields e) {
        JsonArray array = e.array("tiers");
        List<EdgeTier> tiers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            tiers.add(tier(e.element("tiers", i)));
        }
        return new Edge(e.nullableString("profile"), e.whole("edges"), e.number("hitRatio"),
                e.number("originRequestsPerSegment"), e.whole("originSegmentRequests"), e.whole("distinctSegments"),
                tiers, e.optionalObject("shield").map(SummaryJson::tier));
    }

    /** One edge's counters; a class label that is no {@link ObjectKind} (a newer edge's) is skipped. */
    private static EdgeTier tier(Fields t) {
        Fields classes = t.object("classes");
        Map<ObjectKind, CacheCounters> byClass = new EnumMap<>(ObjectKind.class);
        for (ObjectKind c : ObjectKind.values()) {
            classes.optionalObject(c.label()).ifPresent(counters -> byClass.put(c, counters(counters)));
        }
        return new EdgeTier(t.string("edge"), t.nullableString("profile"), t.whole("storedBytes"), t.whole("storedObjects"),
                t.number("hitRatio"), counters(t.object("total")), byClass);
    }

    private static CacheCounters counters(Fields c) {
        return new CacheCounters(c.whole("requests"), c.whole("hits"), c.whole("misses"), c.whole("collapsed"),
                c.whole("staleServed"), c.whole("revalidations"), c.whole("passes"), c.whole("evictions"),
                c.whole("originRequests"), c.whole("originBytes"), c.whole("bytesServed"), c.whole("distinctKeys"));
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return '"' + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"';
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof JsonArray) {
            return "an array";
        }
        return String.valueOf(value);
    }

    /** The fields of one JSON object, at {@code path} in the document: every error names the field. */
    private record Fields(JsonObject json, String path) {

        IllegalArgumentException invalid(String key, String problem) {
            return new IllegalArgumentException("field '" + name(key) + "' " + problem);
        }

        private String name(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private Object required(String key) {
            Object value = json.getValue(key);
            if (value == null) {
                throw invalid(key, json.containsKey(key) ? "is null" : "is missing");
            }
            return value;
        }

        String string(String key) {
            Object value = required(key);
            if (!(value instanceof String s)) {
                throw invalid(key, "must be a string, got " + describe(value));
            }
            return s;
        }

        String nullableString(String key) {
            return json.getValue(key) == null && json.containsKey(key) ? null : string(key);
        }

        Instant instant(String key) {
            String text = string(key);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(key, "must be an ISO-8601 UTC instant, got " + describe(text));
            }
        }

        double number(String key) {
            Object value = required(key);
            if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw invalid(key, "must be a number, got " + describe(value));
            }
            return n.doubleValue();
        }

        long whole(String key) {
            Object value = required(key);
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof Number n && !(value instanceof BigInteger) && !(value instanceof BigDecimal)) {
                double d = n.doubleValue();
                // 12.0 is accepted as 12; the range check keeps the cast from clamping.
                if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                    return (long) d;
                }
            }
            throw invalid(key, "must be a whole number, got " + describe(value));
        }

        Optional<Double> optionalNumber(String key) {
            return json.getValue(key) != null ? Optional.of(number(key)) : Optional.empty();
        }

        Optional<Long> optionalWhole(String key) {
            return json.containsKey(key) ? Optional.of(whole(key)) : Optional.empty();
        }

        Fields object(String key) {
            Object value = required(key);
            if (!(value instanceof JsonObject o)) {
                throw invalid(key, "must be an object, got " + describe(value));
            }
            return new Fields(o, name(key));
        }

        Optional<Fields> optionalObject(String key) {
            return json.containsKey(key) ? Optional.of(object(key)) : Optional.empty();
        }

        JsonArray array(String key) {
            Object value = required(key);
            if (!(value instanceof JsonArray a)) {
                throw invalid(key, "must be an array, got " + describe(value));
            }
            return a;
        }

        Fields element(String key, int index) {
            Object value = array(key).getValue(index);
            String at = key + "[" + index + "]";
            if (!(value instanceof JsonObject o)) {
                throw invalid(at, "must be an object, got " + describe(value));
            }
            return new Fields(o, name(at));
        }
    }
}
