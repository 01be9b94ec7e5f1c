package io.glass2glass.simulations;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.LoadPlan;
import io.glass2glass.player.Player;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerEvents;
import io.glass2glass.player.network.NetworkMix;
import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.qoe.QoeLog;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.report.RunMetadata;
import io.glass2glass.report.RunSummary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the players of one Gatling run report: QoE recorders, their interval logs in
 * {@code qoe/*.hlog} (one interval every {@code intervalSeconds}), and {@code summary.json} at the end.
 */
final class PlayerSink implements PlayerEvents {

    private final LoadPlan plan;
    private final NetworkMix networks;
    private final QoeRecorders recorders = new QoeRecorders();
    private ScheduledExecutorService ticker;
    private QoeLog log;
    private Instant startedAt;
    private final AtomicLong activePlayers = new AtomicLong();
    private final AtomicLong peakPlayers = new AtomicLong();
    private final AtomicLong peakHeapAfterGc = new AtomicLong();

    PlayerSink(LoadPlan plan, NetworkMix networks) {
        this.plan = plan;
        this.networks = networks;
    }

    void start() {
        startedAt = Instant.now();
        try {
            log = QoeLog.open(recorders, plan.runDir().resolve("qoe"), startedAt.toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the QoE logs in " + plan.runDir(), e);
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "g2g-qoe-log");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            log.writeInterval(System.currentTimeMillis());
            peakHeapAfterGc.accumulateAndGet(heapAfterLastGc(), Math::max);
        }, plan.intervalSeconds(), plan.intervalSeconds(), TimeUnit.SECONDS);
    }

    Player newPlayer(String id, PlayerConfig config, long now) {
        recorders.playerStarted();
        peakPlayers.accumulateAndGet(activePlayers.incrementAndGet(), Math::max);
        return new Player(id, config, this, now);
    }

    @Override
    public void onRequest(ObjectKind kind, int status, long latencyMillis, long bytes, long scheduleSkewMillis) {
        recorders.recordRequest(kind, status, latencyMillis, bytes, scheduleSkewMillis);
    }

    @Override
    public void onLiveLatency(long millis) {
        recorders.recordLiveLatency(millis);
    }

    @Override
    public void onEnd(PlayerQoe qoe) {
        activePlayers.decrementAndGet();
        recorders.recordPlayer(qoe);
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
                Runtime.getRuntime().availableProcessors());
    }

    void finish() {
        ticker.shutdownNow();
        long now = System.currentTimeMillis();
        log.close(now);
        String target = plan.target() + (plan.targets().size() > 1 ? " (+" + (plan.targets().size() - 1) + " more edges)" : "");
        RunMetadata run = new RunMetadata(plan.runId(), target, plan.format().name(), startedAt,
                Instant.ofEpochMilli(now), plan.playersRequested(), plan.abr(),
                networks.describe() + "; " + networks.emulation(), plan.describeInjection());
        try {
            RunSummary.of(run, recorders.summary()).withHarness(harness()).write(plan.runDir().resolve("summary.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write summary.json in " + plan.runDir(), e);
        }
    }
}
