package io.glass2glass.report;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoeSummary;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's {@code summary.json} as typed values: what the players' JVM writes, what {@code load} and
 * {@code run} add, and what the console table, the HTML report, gates, comparisons and merges read.
 * The file's fields are those of {@link SummaryJson} (schema {@value #SCHEMA_VERSION}); this record
 * holds them as written, rounded the same way, so {@code write} then {@code read} gives an equal summary.
 *
 * @param run            what ran and when; {@code players.requested} is {@link RunMetadata#playersRequested()}
 * @param players        how the players' sessions went
 * @param qoe            the QoE of the run
 * @param requests       the players' requests, one entry for each of {@link ObjectKind#PLAYER_REQUESTS}
 * @param scheduleSkewMs how late players sent requests compared with their schedule, ms
 * @param harness        the load generator's own figures, written by the players' JVM
 * @param edge           the caching tiers' figures, added after the players when they went through edges
 * @param setup          what ran the test: the versions of glass2glass, Gatling and Java, the OS, and for
 *                       {@code run} the ladder of the reference pipeline; empty in older run folders
 * @param cohorts        the players' QoE by cohort: dimension (network, abr, format, edge), then value; empty when
 *                       the run wrote none (older run folders)
 * @param otherSections  top-level fields this version does not know, kept as read so a rewrite keeps them
 */
public record RunSummary(
        RunMetadata run,
        Players players,
        Qoe qoe,
        Map<ObjectKind, Requests> requests,
        Percentiles scheduleSkewMs,
        Optional<Harness> harness,
        Optional<Edge> edge,
        Optional<Setup> setup,
        Map<String, Map<String, Cohort>> cohorts,
        JsonObject otherSections) {

    /** The {@code schemaVersion} written, and the newest read; raised only on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    public RunSummary {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(players, "players");
        Objects.requireNonNull(qoe, "qoe");
        Objects.requireNonNull(scheduleSkewMs, "scheduleSkewMs");
        Objects.requireNonNull(harness, "harness");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(setup, "setup");
        Map<String, Map<String, Cohort>> byDimension = new LinkedHashMap<>();
        (cohorts == null ? Map.<String, Map<String, Cohort>>of() : cohorts).forEach((dimension, values) ->
                byDimension.put(dimension, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        cohorts = Collections.unmodifiableMap(byDimension);
        EnumMap<ObjectKind, Requests> byKind = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            byKind.put(kind, Objects.requireNonNull(requests.get(kind), () -> "requests." + kind.label()));
        }
        if (byKind.size() != requests.size()) {
            throw new IllegalArgumentException("requests of kinds a player does not request: " + requests.keySet());
        }
        requests = Collections.unmodifiableMap(byKind);
        otherSections = otherSections == null ? new JsonObject() : otherSections.copy();
        for (String name : otherSections.fieldNames()) {
            if (SummaryJson.KNOWN_FIELDS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is a field of the summary, not another section");
            }
        }
    }

    /** The summary of a run as the players' JVM knows it, without the later sections. */
    public static RunSummary of(RunMetadata run, QoeSummary qoe) {
        Map<ObjectKind, Requests> requests = new EnumMap<>(ObjectKind.class);
        qoe.requests().forEach((kind, r) -> requests.put(kind, new Requests(r.count(), r.errors(), r.bytes(),
                Percentiles.of(r.latencyMs()), Percentiles.of(r.latencyCorrectedMs()))));
        return new RunSummary(run, Players.of(qoe.players()), Qoe.of(qoe), requests, Percentiles.of(qoe.scheduleSkewMs()),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), null);
    }

    /** This summary with the {@code harness} section (replacing any). */
    public RunSummary withHarness(Harness harness) {
        return new RunSummary(run, players, qoe, requests, scheduleSkewMs, Optional.of(harness), edge, setup, cohorts, otherSections);
    }

    /** This summary with the {@code edge} section (replacing any). */
    public RunSummary withEdge(Edge edge) {
        return new RunSummary(run, players, qoe, requests, scheduleSkewMs, harness, Optional.of(edge), setup, cohorts, otherSections);
    }

    /** This summary with the cohorts' QoE (replacing any), from the players' recorders per cohort. */
    public RunSummary withCohorts(Map<String, Map<String, QoeSummary>> byCohort) {
        Map<String, Map<String, Cohort>> typed = new LinkedHashMap<>();
        byCohort.forEach((dimension, values) -> {
            Map<String, Cohort> cohortsOfDimension = new LinkedHashMap<>();
            values.forEach((value, q) -> cohortsOfDimension.put(value, new Cohort(Players.of(q.players()), Qoe.of(q))));
            typed.put(dimension, cohortsOfDimension);
        });
        return new RunSummary(run, players, qoe, requests, scheduleSkewMs, harness, edge, setup, typed, otherSections);
    }

    /** This summary with a section this record does not type (e.g. a scenario's {@code phases}), replacing any. */
    public RunSummary withSection(String name, JsonObject section) {
        JsonObject others = otherSections.copy().put(name, section);
        return new RunSummary(run, players, qoe, requests, scheduleSkewMs, harness, edge, setup, cohorts, others);
    }

    /** This summary with the {@code setup} section (replacing any). */
    public RunSummary withSetup(Setup setup) {
        return new RunSummary(run, players, qoe, requests, scheduleSkewMs, harness, edge, Optional.of(setup), cohorts, otherSections);
    }

    /**
     * What ran the test, for the report's header and for comparing runs made with different builds.
     *
     * @param glass2glass glass2glass's version ({@code unknown} when not run from its jar)
     * @param gatling     Gatling's version
     * @param java        the Java runtime: vendor, VM and version
     * @param os          operating system and architecture
     * @param ladder      {@code run}: the reference pipeline's ladder, one line (rung heights and bitrates)
     */
    public record Setup(String glass2glass, String gatling, String java, String os, Optional<String> ladder) {

        public Setup {
            Objects.requireNonNull(glass2glass, "glass2glass");
            Objects.requireNonNull(gatling, "gatling");
            Objects.requireNonNull(java, "java");
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(ladder, "ladder");
        }

        /** This JVM's: versions from the class path ({@code unknown} when a build did not record one). */
        public static Setup ofThisJvm() {
            return new Setup(
                    property("/META-INF/maven/io.glass2glass/glass2glass/pom.properties", "version"),
                    property("/gatling-version.properties", "version"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version", System.getProperty("java.version"))
                            + " (" + System.getProperty("java.vm.vendor") + ")",
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                    Optional.empty());
        }

        private static String property(String resource, String key) {
            try (java.io.InputStream in = Setup.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return "unknown";
                }
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty(key, "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }

        /** This setup with the pipeline's ladder. */
        public Setup withLadder(String description) {
            return new Setup(glass2glass, gatling, java, os, Optional.of(description));
        }
    }

    /**
     * One cohort's players and QoE, the run's {@code players} and {@code qoe} restricted to the cohort.
     *
     * @param players how the cohort's sessions went
     * @param qoe     the cohort's QoE, the shape of the run's
     */
    public record Cohort(Players players, Qoe qoe) {}

    /** The requests of one kind, one of {@link ObjectKind#PLAYER_REQUESTS}. */
    public Requests requests(ObjectKind kind) {
        Requests r = requests.get(kind);
        if (r == null) {
            throw new IllegalArgumentException("a player does not request " + kind.label() + " objects");
        }
        return r;
    }

    /** A copy: the record stays immutable. */
    @Override
    public JsonObject otherSections() {
        return otherSections.copy();
    }

    /** The {@code summary.json} document. */
    public JsonObject toJson() {
        return SummaryJson.encode(this);
    }

    /**
     * The summary in a {@code summary.json} document. Fields this version does not know are
     * tolerated (top-level ones kept in {@link #otherSections}), so a newer writer's file still reads.
     *
     * @throws IllegalArgumentException naming the field when one is missing or of the wrong type,
     *     or when the document's {@code schemaVersion} is newer than {@value #SCHEMA_VERSION}
     */
    public static RunSummary fromJson(JsonObject json) {
        return SummaryJson.decode(json);
    }

    /**
     * Reads a {@code summary.json}.
     *
     * @throws IOException naming the file (and the field) when it cannot be read or is not a summary
     */
    public static RunSummary read(Path file) throws IOException {
        JsonObject json;
        try {
            json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw new IOException(file + ": not a JSON object: " + e.getMessage(), e);
        }
        try {
            return fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the pretty-printed document to {@code file}, replacing it in one step where the file system can. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(parent, ".summary", ".json.tmp");
        try {
            Files.writeString(temp, toJson().encodePrettily() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** How the players' sessions went (CTA-2066); {@code players.requested} is the run's. */
    public record Players(long joined, long started, long failedToStart, long playbackFailed) {

        static Players of(QoeSummary.Players p) {
            return new Players(p.joined(), p.started(), p.failedToStart(), p.playbackFailed());
        }
    }

    /**
     * One value per player (or per sample) summarised: percentiles, maximum and mean, and how many
     * values there were; all zero when none.
     *
     * @param lowTail the low end of a higher-is-better metric ({@code qoe.avgBitrateKbps}); empty for the
     *                others, and for any metric of a file written before the low tail was recorded (unknown, not zero)
     */
    public record Distribution(double p50, double p95, double p99, double max, double mean, long count,
            Optional<LowTail> lowTail) {

        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0);

        public Distribution {
            Objects.requireNonNull(lowTail, "lowTail");
        }

        /** Without a low tail. */
        public Distribution(double p50, double p95, double p99, double max, double mean, long count) {
            this(p50, p95, p99, max, mean, count, Optional.empty());
        }

        /** As written: rounded to six decimals. */
        static Distribution of(QoeSummary.Distribution d) {
            return new Distribution(SummaryJson.rounded(d.p50()), SummaryJson.rounded(d.p95()), SummaryJson.rounded(d.p99()),
                    SummaryJson.rounded(d.max()), SummaryJson.rounded(d.mean()), d.count(), d.lowTail().map(LowTail::of));
        }
    }

    /** The low end of a higher-is-better metric (CTA-2066 average bitrate): minimum, 1st, 5th and 10th percentiles. */
    public record LowTail(double min, double p1, double p5, double p10) {

        /** As written: rounded to six decimals. */
        static LowTail of(QoeSummary.LowTail t) {
            return new LowTail(SummaryJson.rounded(t.min()), SummaryJson.rounded(t.p1()), SummaryJson.rounded(t.p5()),
                    SummaryJson.rounded(t.p10()));
        }
    }

    /** Percentiles and maximum of a latency, ms. */
    public record Percentiles(double p50, double p95, double p99, double max) {

        public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0);

        /** As written: rounded to six decimals. */
        static Percentiles of(QoeSummary.Distribution d) {
            return new Percentiles(SummaryJson.rounded(d.p50()), SummaryJson.rounded(d.p95()), SummaryJson.rounded(d.p99()),
                    SummaryJson.rounded(d.max()));
        }
    }

    /**
     * The QoE of the run; names follow CTA-2066, per-player figures are of started players.
     *
     * @param rebufferRatioAggregate  all time stalled over all time watched, a fraction
     * @param timeAtRenditionSeconds  media seconds played at each rendition over all players, by rendition id
     */
    public record Qoe(
            Distribution startupMs,
            Distribution rebufferCount,
            Distribution rebufferMs,
            Distribution rebufferRatio,
            double rebufferRatioAggregate,
            double stallSeconds,
            double watchSeconds,
            Distribution avgBitrateKbps,
            Distribution switches,
            Distribution liveLatencyMs,
            LateSegments lateSegments,
            Map<String, Double> timeAtRenditionSeconds) {

        public Qoe {
            Objects.requireNonNull(lateSegments, "lateSegments");
            // Insertion order kept: it is the file's (sorted by rendition id when written from a QoeSummary).
            timeAtRenditionSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(timeAtRenditionSeconds));
        }

        static Qoe of(QoeSummary q) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            q.millisPerRendition().forEach((rendition, millis) -> seconds.put(rendition, SummaryJson.rounded(millis / 1000.0)));
            return new Qoe(Distribution.of(q.startupMs()), Distribution.of(q.rebufferCount()), Distribution.of(q.rebufferMs()),
                    Distribution.of(q.rebufferRatio()), SummaryJson.rounded(q.rebufferRatioAggregate()),
                    SummaryJson.rounded(q.stallMillis() / 1000.0), SummaryJson.rounded(q.watchMillis() / 1000.0),
                    Distribution.of(q.avgBitrateKbps()), Distribution.of(q.switches()), Distribution.of(q.liveLatencyMs()),
                    new LateSegments(Distribution.of(q.lateSegments()), q.lateSegmentsTotal(), q.segmentsDownloaded(),
                            q.abandonedSegmentsTotal()),
                    seconds);
        }
    }

    /**
     * Segments downloaded slower than real time.
     *
     * @param perPlayer          late segments per player that downloaded any
     * @param total              late segments over all players
     * @param segmentsDownloaded segments downloaded over all players
     * @param abandoned          video downloads abandoned for a lower rendition (hls.js's emergency switch-down)
     */
    public record LateSegments(Distribution perPlayer, long total, long segmentsDownloaded, long abandoned) {}

    /**
     * The players' requests of one kind.
     *
     * @param errors             answered 400 or above, or not answered (connection error, timeout)
     * @param bytes              response bytes received
     * @param latencyCorrectedMs latency from the intended start, corrected for coordinated omission
     */
    public record Requests(long count, long errors, long bytes, Percentiles latencyMs, Percentiles latencyCorrectedMs) {}

    /**
     * How the load generator itself fared.
     *
     * @param peakConcurrentPlayers players active at once, at most
     * @param peakHeapAfterGcBytes  live heap (after the latest collection) at its highest
     * @param heapPerPlayerBytes    {@code peakHeapAfterGcBytes / peakConcurrentPlayers}
     * @param maxHeapBytes          the players' JVM's maximum heap
     * @param cpuCores              cores the players' JVM kept busy on average over the run (its CPU time / wall time);
     *                              NaN in run folders written before it was measured
     */
    public record Harness(long peakConcurrentPlayers, long peakHeapAfterGcBytes, long heapPerPlayerBytes, long maxHeapBytes,
            long availableProcessors, double cpuCores) {}

    /**
     * The caching tiers between players and origin.
     *
     * @param profile                  the edge profile's name, or null if unknown
     * @param edges                    player-facing edges
     * @param hitRatio                 request-weighted over the player-facing edges
     * @param originRequestsPerSegment segment requests the origin answered / distinct segments it served (1.0 is perfect offload)
     * @param tiers                    each player-facing edge's counters
     * @param shield                   the origin shield's counters, when there is one
     */
    public record Edge(
            String profile,
            long edges,
            double hitRatio,
            double originRequestsPerSegment,
            long originSegmentRequests,
            long distinctSegments,
            List<EdgeTier> tiers,
            Optional<EdgeTier> shield) {

        public Edge {
            tiers = List.copyOf(tiers);
            Objects.requireNonNull(shield, "shield");
        }

        /** The {@code edge} section. */
        public JsonObject toJson() {
            return SummaryJson.encode(this);
        }

        /**
         * Reads an {@code edge} section, e.g. the one the pipeline builds from its edges' statistics.
         *
         * @throws IllegalArgumentException naming the field when one is missing or of the wrong type
         */
        public static Edge fromJson(JsonObject json) {
            return SummaryJson.decodeEdge(json);
        }
    }

    /**
     * One edge's counters as its statistics wrote them (the edge's {@code EdgeStats}); the summary
     * keeps what was written rather than depending on the edge.
     *
     * @param hitRatio requests answered without fetching their body upstream, over all classes
     * @param total    all classes added up
     * @param classes  by the class the edge counted under, in its order ({@code segment}, {@code error}, ...)
     */
    public record EdgeTier(String edge, String profile, long storedBytes, long storedObjects, double hitRatio,
            CacheCounters total, Map<ObjectKind, CacheCounters> classes) {

        public EdgeTier {
            Objects.requireNonNull(total, "total");
            EnumMap<ObjectKind, CacheCounters> byClass = new EnumMap<>(ObjectKind.class);
            byClass.putAll(classes);
            classes = Collections.unmodifiableMap(byClass);
        }
    }

    /** The counters of one class at one edge (their meaning is the edge's, see {@code EdgeStats.ClassStats}). */
    public record CacheCounters(long requests, long hits, long misses, long collapsed, long staleServed, long revalidations,
            long passes, long evictions, long originRequests, long originBytes, long bytesServed, long distinctKeys) {}
}
