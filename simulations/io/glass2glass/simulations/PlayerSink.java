package io.glass2glass.simulations;

import io.glass2glass.player.LoadPlan;
import io.glass2glass.player.Player;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerEvents;
import io.glass2glass.player.PlayerProfile;
import io.glass2glass.player.RecordedPlayer;
import io.glass2glass.player.network.NetworkMix;
import io.glass2glass.qoe.Cohorts;
import io.glass2glass.qoe.QoeLog;
import io.glass2glass.qoe.QoePrometheus;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.qoe.QoeTimeline;
import io.glass2glass.report.RunEvents;
import io.glass2glass.report.RunMetadata;
import io.glass2glass.report.RunSeries;
import io.glass2glass.report.RunSummary;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;

/**
 * Where the players of one Gatling run report: QoE recorders and their interval logs in
 * {@code qoe/*.hlog}, the per-interval {@code qoe/timeline.jsonl} (one interval every
 * {@code intervalSeconds}, both on one ticker so they line up), the cohorts' recorders, the players'
 * events in {@code events.jsonl}, and {@code summary.json} at the end.
 */
final class PlayerSink {

    private static final System.Logger LOG = System.getLogger(PlayerSink.class.getName());

    private final LoadPlan plan;
    private final NetworkMix networks;
    private final QoeRecorders recorders = new QoeRecorders();
    private final Cohorts cohorts = new Cohorts();
    private final RunEvents events;
    private ScheduledExecutorService ticker;
    private QoeLog log;
    private QoeTimeline timeline;
    private Path timelineFile;
    private Instant startedAt;
    /** Players that buffered a discontinuity since the last interval, and when the first did (one event per interval). */
    private final AtomicLong discontinuities = new AtomicLong();
    private final AtomicLong firstDiscontinuityAt = new AtomicLong(Long.MAX_VALUE);
    /** The system property with the port of the load generator's /metrics (unset: none). */
    static final String METRICS_PORT = "g2g.metricsPort";
    private LoadMetricsServer metrics;
    private long gcMillisBefore = QoePrometheus.gcMillis(); // the ticker thread's
    private final AtomicLong peakPlayers = new AtomicLong();
    private final AtomicLong peakHeapAfterGc = new AtomicLong();

    PlayerSink(LoadPlan plan, NetworkMix networks) {
        this.plan = plan;
        this.networks = networks;
        this.events = new RunEvents(plan.runDir());
    }

    /** When the players' clock started (epoch ms): a scenario's times count from here. */
    long startMillis() {
        return startedAt.toEpochMilli();
    }

    void start() {
        startedAt = Instant.now();
        long start = startedAt.toEpochMilli();
        try {
            log = QoeLog.open(recorders, plan.runDir().resolve("qoe"), start);
            timelineFile = plan.runDir().resolve(RunSeries.QOE_TIMELINE);
            Files.deleteIfExists(timelineFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the QoE logs in " + plan.runDir(), e);
        }
        timeline = new QoeTimeline(start);
        startMetrics();
        event(start, "players-start", plan.describeInjection());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "g2g-qoe-log");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                interval(System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "QoE interval not written: " + e);
            }
        }, plan.intervalSeconds(), plan.intervalSeconds(), TimeUnit.SECONDS);
        if (!plan.fromScenario() && !plan.injection().equals("spike") && plan.rampSeconds() > 0) {
            long rampMillis = Math.round(plan.rampSeconds() * 1000);
            ticker.schedule(() -> event(start + rampMillis, "ramp-end",
                    plan.injection().equals("constant") ? "arrivals stop" : "the last player has joined"),
                    rampMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The load generator's {@code /metrics} when {@value #METRICS_PORT} asks for it. */
    private void startMetrics() {
        String port = System.getProperty(METRICS_PORT);
        if (port == null || port.isBlank()) {
            return;
        }
        try {
            metrics = LoadMetricsServer.start(Integer.parseInt(port.trim()),
                    new QoePrometheus(recorders, timeline, System::currentTimeMillis));
            System.out.println("glass2glass load: metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
        } catch (IOException | NumberFormatException e) {
            // The run is worth more than its dashboard: say so and play on.
            LOG.log(System.Logger.Level.WARNING, "no /metrics on port " + port + ": " + e);
        }
    }

    /** The gate's abortOnFail rules ({@code g2g.abortOnFail}: "path op limit;…"), checked each interval. */
    private final List<String[]> abortRules = abortRules(System.getProperty("g2g.abortOnFail", ""));
    /** Why the run stops early, once a rule broke; null while none has. */
    private volatile String abortReason;
    private volatile long abortedAt;

    static List<String[]> abortRules(String text) {
        List<String[]> rules = new java.util.ArrayList<>();
        for (String rule : text.split(";")) {
            String[] parts = rule.trim().split(" ");
            if (parts.length == 3) {
                rules.add(parts);
            }
        }
        return rules;
    }

    /** Why the players stop early (a gate's abortOnFail threshold broke), or null. */
    String abortReason() {
        return abortReason;
    }

    /** Counts that only grow: once a rule on one breaks it cannot hold again, so the run stops (k6's abortOnFail). */
    private void checkAborts(long now) {
        if (abortReason != null || abortRules.isEmpty()) {
            return;
        }
        QoeTimeline.Totals totals = timeline.totals(now);
        for (String[] rule : abortRules) {
            long observed = switch (rule[0]) {
                case "players.failedToStart" -> totals.failedToStart();
                case "players.playbackFailed" -> totals.playbackFailed();
                default -> -1;
            };
            double limit = Double.parseDouble(rule[2]);
            boolean holds = observed < 0 || switch (rule[1]) {
                case "==" -> observed == limit;
                case "<" -> observed < limit;
                case "<=" -> observed <= limit;
                default -> true;
            };
            if (!holds) {
                abortedAt = now;
                abortReason = rule[0] + " value " + rule[1] + " " + rule[2] + " can no longer be met (observed " + observed + ")";
                event(now, "gate-abort", "stopping the players: " + abortReason);
                return;
            }
        }
    }

    /** One interval: the interval logs, the timeline line, the discontinuities seen, the heap. */
    private void interval(long now) {
        checkAborts(now);
        appendTimeline(withFigures(timeline.tick(now), log.writeInterval(now)));
        long seen = discontinuities.getAndSet(0);
        long first = firstDiscontinuityAt.getAndSet(Long.MAX_VALUE);
        if (seen > 0) {
            event(Math.min(first, now), "discontinuity", seen + (seen == 1 ? " player" : " players")
                    + " buffered a discontinuity (a new period of the stream)");
        }
        peakHeapAfterGc.accumulateAndGet(heapAfterLastGc(), Math::max);
    }

    /** Adds the figures a progress line shows (start-up p95 so far, live latency in the interval) and the JVM's own. */
    private JsonObject withFigures(JsonObject line, Map<String, EncodableHistogram> interval) {
        long gc = QoePrometheus.gcMillis();
        line.put("harness", new JsonObject().put("gcMillis", gc - gcMillisBefore)
                .put("heapUsedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
        gcMillisBefore = gc;
        line.getJsonObject("soFar").put("startupP95Ms", recorders.startupSoFar().p95());
        if (interval.get(QoeRecorders.LIVE_LATENCY_MS) instanceof AbstractHistogram latency && latency.getTotalCount() > 0) {
            line.put("liveLatencyMs", new JsonObject().put("p50", latency.getValueAtPercentile(50))
                    .put("p95", latency.getValueAtPercentile(95)));
        }
        return line;
    }

    private void appendTimeline(JsonObject line) {
        try {
            Files.write(timelineFile, (line.encode() + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + timelineFile, e);
        }
    }

    private void event(long t, String type, String detail) {
        try {
            events.append(t, type, "players", detail);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "event " + type + " not written to " + events.file() + ": " + e);
        }
    }

    Player newPlayer(String id, PlayerConfig config, Map<String, String> cohort, long now) {
        List<QoeRecorders> all = new ArrayList<>();
        all.add(recorders);
        all.addAll(cohorts.recordersFor(cohort));
        all.forEach(QoeRecorders::playerStarted);
        QoeTimeline.Viewer viewer = timeline.join();
        peakPlayers.accumulateAndGet(timeline.active(), Math::max);
        PlayerEvents recorded = new RecordedPlayer(all, viewer, at -> {
            discontinuities.incrementAndGet();
            firstDiscontinuityAt.accumulateAndGet(at, Math::min);
        }, () -> {});
        return new Player(id, config, recorded, now);
    }

    /** Live heap: what the memory pools held after their most recent collection. */
    private static long heapAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /** How the load generator itself fared: peak concurrency and live heap per player. */
    private RunSummary.Harness harness() {
        long peak = peakPlayers.get();
        long heap = peakHeapAfterGc.get();
        return new RunSummary.Harness(peak, heap, peak == 0 ? 0 : heap / peak, Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors(), cpuCores());
    }

    /** The JVM's CPU time over its wall time since it started: a generator near its core count is the bottleneck. */
    private static double cpuCores() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long cpuNanos = os.getProcessCpuTime();
            long wallMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            return cpuNanos < 0 || wallMillis <= 0 ? Double.NaN : cpuNanos / 1e6 / wallMillis;
        }
        return Double.NaN;
    }

    private String network() {
        if (!plan.fromScenario()) {
            return networks.describe() + "; " + networks.emulation();
        }
        return String.join("; ", plan.groups().stream().map(g -> g.name() + ": " + NetworkMix.parse(g.network()).describe()).toList())
                + (plan.switches().isEmpty() ? "" : "; switched by the scenario's network events");
    }

    void finish() {
        ticker.shutdownNow();
        if (metrics != null) {
            metrics.close();
        }
        long now = System.currentTimeMillis();
        log.close(now);
        appendTimeline(withFigures(timeline.tick(now), Map.of()));
        event(now, "players-end", timeline.active() == 0 ? "every player has left"
                : timeline.active() + " players still playing when the run's time was up");
        String target = plan.target() + (plan.targets().size() > 1 ? " (+" + (plan.targets().size() - 1) + " more edges)" : "");
        RunMetadata run = new RunMetadata(plan.runId(), target, plan.format().name(), startedAt,
                Instant.ofEpochMilli(now), plan.playersRequested(), PlayerProfile.describe(plan.abr()),
                network(), plan.describeInjection());
        try {
            cohorts.writeHistograms(plan.runDir().resolve("qoe").resolve(Cohorts.DIR), startedAt.toEpochMilli(), now);
            RunSummary summary = RunSummary.of(run, recorders.summary()).withHarness(harness()).withSetup(RunSummary.Setup.ofThisJvm())
                    .withCohorts(cohorts.summaries());
            if (abortReason != null) {
                summary = summary.withSection("aborted", new io.vertx.core.json.JsonObject().put("reason", abortReason)
                        .put("atSeconds", Math.round((abortedAt - startedAt.toEpochMilli()) / 100.0) / 10.0)
                        .put("plannedSeconds", plan.plannedSeconds()));
            }
            summary.write(plan.runDir().resolve("summary.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write summary.json in " + plan.runDir(), e);
        }
    }
}
