package io.glass2glass.report;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.Cohorts;
import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.qoe.QoeLog;
import io.glass2glass.qoe.QoeRecorders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A realistic run folder written the way a run writes it: the interval logs by {@link QoeLog} from
 * {@link QoeRecorders}, summary.json from the same recorders, and (unless old-style) the timelines
 * and events.jsonl as FORMATS.md (issue 12) describes them. Players join over the first fifth of
 * the run, watch to the end, and a third of them stall between 40 % and 50 % of the run (an outage).
 */
final class RunFolderFixture {

    static final long START = Instant.parse("2026-12-07T06:00:00Z").toEpochMilli();
    static final List<String> RENDITIONS = List.of("720p", "480p", "360p");

    final Path dir;
    final int seconds;
    final int intervalMs;
    final int players;
    /** Requests recorded per interval and kind, to check the charts' counts against. */
    final List<Map<ObjectKind, Long>> requestsPerInterval = new ArrayList<>();

    private RunFolderFixture(Path dir, int seconds, int intervalMs, int players) {
        this.dir = dir;
        this.seconds = seconds;
        this.intervalMs = intervalMs;
        this.players = players;
    }

    /** Writes the folder; {@code withTimelines} false gives an older run's folder (summary.json and hlogs only). */
    static RunFolderFixture write(Path dir, int seconds, int intervalMs, int players, boolean withTimelines) throws IOException {
        RunFolderFixture f = new RunFolderFixture(dir, seconds, intervalMs, players);
        f.writeAll(withTimelines);
        return f;
    }

    long eventMillis(String type) {
        return switch (type) {
            case "players-start" -> START + 200;
            case "ramp-end" -> START + seconds * 200L;
            case "origin-outage" -> START + seconds * 400L;
            default -> START + seconds * 1000L;
        };
    }

    private void writeAll(boolean withTimelines) throws IOException {
        Files.createDirectories(dir.resolve("gatling"));
        Files.createDirectories(dir.resolve("edge"));
        Random random = new Random(12);
        QoeRecorders recorders = new QoeRecorders();
        Cohorts cohorts = new Cohorts();
        List<String> qoeLines = new ArrayList<>();
        List<String> edgeLines = new ArrayList<>();
        long[] edgeCounters = new long[5]; // requests, servedFromCache, originRequests, originBytes, bytesServed
        long originAnswers = 0;
        int intervals = seconds * 1000 / intervalMs;
        int joined = 0;
        int[] renditionOf = new int[players];
        try (QoeLog log = QoeLog.open(recorders, dir.resolve("qoe"), START)) {
            for (int i = 1; i <= intervals; i++) {
                long t = START + (long) i * intervalMs;
                double progress = (double) i / intervals;
                int shouldHaveJoined = (int) Math.min(players, Math.ceil(players * Math.min(1, progress / 0.2)));
                int joins = shouldHaveJoined - joined;
                for (int p = joined; p < shouldHaveJoined; p++) {
                    recorders.playerStarted();
                    renditionOf[p] = random.nextInt(RENDITIONS.size());
                }
                joined = shouldHaveJoined;
                boolean outage = progress > 0.4 && progress <= 0.5;
                int stalled = outage ? joined / 3 : 0;
                int switches = 0;
                for (int p = 0; p < joined; p++) {
                    if (random.nextDouble() < 0.02) {
                        renditionOf[p] = random.nextInt(RENDITIONS.size());
                        switches++;
                    }
                    recorders.recordLiveLatency(4_000 + random.nextInt(3_000) + (outage && p % 3 == 0 ? 8_000 : 0));
                }
                Map<ObjectKind, Long> counts = new EnumMap<>(ObjectKind.class);
                JsonObject requests = new JsonObject();
                for (ObjectKind kind : List.of(ObjectKind.MULTIVARIANT, ObjectKind.MEDIA_PLAYLIST, ObjectKind.INIT, ObjectKind.SEGMENT)) {
                    long n = switch (kind) {
                        case MULTIVARIANT, INIT -> joins;
                        default -> (long) Math.round(joined * intervalMs / 2000.0);
                    };
                    long errors = 0;
                    long bytes = 0;
                    Map<String, Long> statuses = new LinkedHashMap<>();
                    for (long r = 0; r < n; r++) {
                        int status = outage && kind == ObjectKind.SEGMENT && r % 4 == 0 ? 503 : 200;
                        long size = kind == ObjectKind.SEGMENT ? 500_000 : 1_000;
                        recorders.recordRequest(kind, status, 5 + random.nextInt(outage ? 400 : 60), size, random.nextInt(3));
                        statuses.merge(String.valueOf(status), 1L, Long::sum);
                        errors += status >= 400 ? 1 : 0;
                        bytes += size;
                    }
                    counts.put(kind, n);
                    if (n > 0) {
                        requests.put(kind.label(), new JsonObject().put("count", n).put("errors", errors).put("bytes", bytes)
                                .put("statuses", new JsonObject(new LinkedHashMap<>(statuses))));
                    }
                    edgeCounters[0] += n;
                    long fromOrigin = kind == ObjectKind.SEGMENT ? Math.max(1, n / 50) : Math.min(n, 1);
                    edgeCounters[1] += n - fromOrigin;
                    edgeCounters[2] += fromOrigin;
                    edgeCounters[3] += fromOrigin * (kind == ObjectKind.SEGMENT ? 500_000 : 1_000);
                    edgeCounters[4] += bytes;
                    if (kind == ObjectKind.SEGMENT) {
                        originAnswers += fromOrigin;
                    }
                }
                requestsPerInterval.add(counts);
                Map<String, Integer> onRendition = new LinkedHashMap<>();
                for (int p = 0; p < joined; p++) {
                    onRendition.merge(RENDITIONS.get(renditionOf[p]), 1, Integer::sum);
                }
                JsonObject playersLine = new JsonObject().put("active", joined).put("joined", joins).put("started", joins)
                        .put("failedToStart", 0).put("playbackFailed", 0).put("playing", joined - stalled).put("stalled", stalled);
                qoeLines.add(new JsonObject().put("t", t).put("intervalMs", intervalMs).put("players", playersLine)
                        .put("stalls", new JsonObject().put("begun", progress > 0.4 && progress - 1.0 / intervals <= 0.4 ? stalled : 0)
                                .put("seconds", stalled * intervalMs / 1000.0))
                        .put("switches", switches).put("renditions", new JsonObject(new LinkedHashMap<>(onRendition)))
                        .put("requests", requests)
                        .put("harness", new JsonObject().put("gcMillis", i % 7 == 0 ? 12 : 0).put("heapUsedBytes", 200L << 20))
                        .encode());
                edgeLines.add(new JsonObject().put("t", t).put("intervalMs", intervalMs)
                        .put("tiers", new JsonArray().add(new JsonObject().put("edge", "edge-1").put("requests", edgeCounters[0])
                                .put("servedFromCache", edgeCounters[1]).put("originRequests", edgeCounters[2])
                                .put("originBytes", edgeCounters[3]).put("bytesServed", edgeCounters[4])))
                        .put("origin", new JsonObject().put("segmentAnswers", originAnswers).put("distinctSegments", originAnswers))
                        .encode());
                if (i == intervals) {
                    for (int p = 0; p < players; p++) {
                        boolean stalledOnce = p % 3 == 0;
                        String network = p % 2 == 0 ? "4g" : "cable";
                        PlayerQoe qoe = new PlayerQoe("p" + p, network, "throughput", true, false,
                                false, 500 + random.nextInt(2_000) + (network.equals("4g") ? 1_000 : 0), stalledOnce ? 1 : 0,
                                stalledOnce ? seconds * 100L : 0, seconds * 1000L, 800 + random.nextInt(2_000), 1,
                                Map.of(RENDITIONS.get(renditionOf[p]), seconds * 1000L), 0, seconds / 2);
                        recorders.recordPlayer(qoe);
                        if (withTimelines) { // a run folder of today: cohorts too
                            for (QoeRecorders cohort : cohorts.recordersFor(Map.of(Cohorts.NETWORK, network, Cohorts.ABR, "throughput"))) {
                                cohort.playerStarted();
                                cohort.recordPlayer(qoe);
                            }
                        }
                    }
                }
                if (i == intervals) {
                    log.close(t); // the last interval, as the sink's end of run writes it
                } else {
                    log.writeInterval(t);
                }
            }
        }
        RunMetadata metadata = new RunMetadata(dir.getFileName().toString(), "http://127.0.0.1:8081/live/demo/master.m3u8", "hls",
                Instant.ofEpochMilli(START), Instant.ofEpochMilli(START + seconds * 1000L), players, "throughput",
                "mix 4g:1, cable:1 (emulated per player)", "ramp " + players + " players over " + seconds / 5 + " s");
        cohorts.writeHistograms(dir.resolve("qoe").resolve(Cohorts.DIR), START, START + seconds * 1000L);
        RunSummary summary = RunSummary.of(metadata, recorders.summary()).withCohorts(cohorts.summaries())
                .withHarness(new RunSummary.Harness(players, 50_000_000, 50_000_000 / Math.max(1, players), 2_147_483_648L, 2, 0.8))
                .withEdge(edge(edgeCounters, originAnswers));
        summary.write(dir.resolve("summary.json"));
        if (withTimelines) {
            Files.write(dir.resolve(RunSeries.QOE_TIMELINE), qoeLines, StandardCharsets.UTF_8);
            Files.write(dir.resolve(RunSeries.EDGE_TIMELINE), edgeLines, StandardCharsets.UTF_8);
            List<String> events = List.of(
                    event("players-start", "players", players + " players ramped over " + seconds / 5 + " s", null),
                    event("stream-live", "pipeline", "first segments", null),
                    event("ramp-end", "players", "the last player has joined", null),
                    event("origin-outage", "pipeline", "origin answered 503 for segments", eventMillis("origin-outage") + seconds * 100L),
                    event("players-end", "players", "done", null));
            Files.write(dir.resolve(RunSeries.EVENTS), events, StandardCharsets.UTF_8);
        }
    }

    private String event(String type, String source, String detail, Long until) {
        long t = type.equals("stream-live") ? START + 100 : eventMillis(type);
        JsonObject e = new JsonObject().put("t", t).put("type", type).put("source", source).put("detail", detail);
        if (until != null) {
            e.put("until", until);
        }
        return e.encode();
    }

    private static RunSummary.Edge edge(long[] c, long originAnswers) {
        Map<ObjectKind, RunSummary.CacheCounters> classes = new EnumMap<>(ObjectKind.class);
        long segmentOrigin = originAnswers;
        classes.put(ObjectKind.SEGMENT, new RunSummary.CacheCounters(c[0] / 2, c[0] / 2 - 2 * segmentOrigin, segmentOrigin,
                segmentOrigin, 0, 0, 0, 0, segmentOrigin, segmentOrigin * 500_000, c[4] - c[0] / 2 * 1_000, segmentOrigin));
        long playlists = c[0] - c[0] / 2;
        classes.put(ObjectKind.MEDIA_PLAYLIST, new RunSummary.CacheCounters(playlists, playlists - 20, 10, 5, 5, 0, 0, 0, 10,
                10_000, playlists * 1_000, 3));
        RunSummary.CacheCounters total = new RunSummary.CacheCounters(c[0], c[1], c[2], 0, 0, 0, 0, 0, c[2], c[3], c[4], 100);
        RunSummary.EdgeTier tier = new RunSummary.EdgeTier("edge-1", "cdn-live", 10_000_000, 100, (double) c[1] / c[0], total, classes);
        return new RunSummary.Edge("cdn-live", 1, (double) c[1] / c[0], 1.0, originAnswers, originAnswers, List.of(tier), Optional.empty());
    }
}
