package io.glass2glass.pipeline;

import io.glass2glass.metrics.PrometheusText;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * What each stage of the embedded pipeline spent while players played: CPU per stage (encoder
 * threads, each verticle's event loop, the worker pool, the whole process), each event loop's delay
 * (how late a 50 ms timer fires on it, as Node's {@code monitorEventLoopDelay} measures), the
 * slowest encoder's speed over real time, and the origin's egress. This is the evidence
 * {@code capacity} shows per step: when QoE breaks, it tells which stage ran out first.
 */
public final class StageMeter implements AutoCloseable {

    static final long PROBE_MILLIS = 50;
    private static final long SAMPLE_MILLIS = 1000;

    private final Vertx vertx;
    private final Map<String, Context> loops;
    private final Supplier<String> encoderMetrics;
    private final Supplier<Long> originBytes;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService sampler;
    private final long startNanos = System.nanoTime();
    private final long startProcessCpu;
    private final long startOriginBytes;
    /** CPU nanos per thread id when first seen (0 for threads born after the start) and at the latest sample. */
    private final Map<Long, long[]> cpu = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<String, Long> loopThreads = new ConcurrentHashMap<>();
    private final Map<String, Histogram> delays = new ConcurrentHashMap<>();
    private final Map<String, Long> timers = new ConcurrentHashMap<>();
    private double slowestEncoder = Double.NaN;
    private double realTime = Double.NaN;

    private StageMeter(Vertx vertx, Map<String, Context> loops, Supplier<String> encoderMetrics, Supplier<Long> originBytes) {
        this.vertx = vertx;
        this.loops = loops;
        this.encoderMetrics = encoderMetrics;
        this.originBytes = originBytes;
        this.startProcessCpu = processCpuNanos();
        this.startOriginBytes = originBytes.get();
        for (Map.Entry<String, Context> loop : loops.entrySet()) {
            String stage = loop.getKey();
            Histogram h = new Histogram(60_000_000L, 2); // µs, up to a minute
            delays.put(stage, h);
            loop.getValue().runOnContext(v -> {
                loopThreads.put(stage, Thread.currentThread().getId());
                long[] last = {System.nanoTime()};
                timers.put(stage, vertx.setPeriodic(PROBE_MILLIS, id -> {
                    long now = System.nanoTime();
                    long late = Math.max(0, (now - last[0]) / 1000 - PROBE_MILLIS * 1000);
                    last[0] = now;
                    synchronized (h) {
                        h.recordValue(Math.min(late, h.getHighestTrackableValue()));
                    }
                }));
            });
        }
        sampleThreads(true);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "g2g-stage-meter");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts measuring the pipeline's stages; {@link #stop} gives the figures since now. */
    public static StageMeter start(LivePipeline pipeline) {
        return new StageMeter(pipeline.vertx(), pipeline.eventLoops(), () -> {
            PrometheusText text = new PrometheusText();
            pipeline.rtmp().writePrometheus(text);
            return text.toString();
        }, () -> pipeline.origin().metrics().responseBytes());
    }

    private synchronized void sample() {
        try {
            sampleThreads(false);
            double slowest = Double.NaN;
            double rt = Double.NaN;
            for (String line : encoderMetrics.get().split("\n")) {
                if (line.startsWith("g2g_encoder_speed_ratio{")) {
                    double v = value(line);
                    slowest = Double.isNaN(slowest) ? v : Math.min(slowest, v);
                } else if (line.startsWith("g2g_encoder_realtime_ratio{")) {
                    rt = value(line);
                }
            }
            // The encoders' figures are cumulative since they started: the latest one covers the run.
            if (!Double.isNaN(slowest) && slowest > 0) {
                slowestEncoder = slowest;
            }
            if (!Double.isNaN(rt) && rt > 0) {
                realTime = rt;
            }
        } catch (RuntimeException e) {
            System.getLogger(StageMeter.class.getName()).log(System.Logger.Level.DEBUG, "stage sample failed", e);
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    private void sampleThreads(boolean first) {
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t < 0) {
                continue;
            }
            long[] seen = cpu.get(id);
            if (seen == null) {
                cpu.put(id, new long[] {first ? t : 0, t});
                java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                names.put(id, info == null ? "" : info.getThreadName());
            } else {
                seen[1] = t;
            }
        }
    }

    /**
     * Stops measuring and gives the {@code pipeline} section: {@code cpuCores.{process, encoders,
     * source, workers, eventLoop.{stage}, nativeAndGc}} (cores busy on average; {@code encoders} and
     * {@code source} count Java threads, while x264's own threads are native and, with the garbage
     * collector, in {@code nativeAndGc}), {@code eventLoopDelayMs.{stage}.{p50,p99,max}},
     * {@code encoderSpeedRatio} (the slowest rung's media seconds per busy second), {@code
     * encoderRealtimeRatio}, {@code originEgressBytes} and {@code originEgressMbps}.
     */
    public synchronized JsonObject stop() {
        sampler.shutdownNow();
        timers.values().forEach(vertx::cancelTimer);
        sample();
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        Map<Long, Double> busy = new HashMap<>();
        cpu.forEach((id, t) -> busy.put(id, (t[1] - t[0]) / 1e9 / wallSeconds));
        double encoders = 0;
        double source = 0;
        double workers = 0;
        double java = 0;
        for (Map.Entry<Long, Double> e : busy.entrySet()) {
            String name = names.getOrDefault(e.getKey(), "");
            java += e.getValue();
            if (name.startsWith("g2g-encode-synthetic") || name.startsWith("g2g-source")) {
                source += e.getValue();
            } else if (name.startsWith("g2g-encode-")) {
                encoders += e.getValue();
            } else if (name.startsWith("vert.x-worker-thread") || name.startsWith("vert.x-internal-blocking")) {
                workers += e.getValue();
            }
        }
        double process = (processCpuNanos() - startProcessCpu) / 1e9 / wallSeconds;
        JsonObject loopCpu = new JsonObject();
        JsonObject loopDelay = new JsonObject();
        Map<Long, String> sharing = new LinkedHashMap<>();
        for (String stage : loops.keySet()) {
            Long thread = loopThreads.get(stage);
            if (thread != null) {
                // Stages on one event loop share its CPU: the figure is the loop's, named after all of them.
                sharing.merge(thread, stage, (a, b) -> a + "+" + b);
            }
            Histogram h = delays.get(stage);
            synchronized (h) {
                if (h.getTotalCount() > 0) {
                    loopDelay.put(stage, new JsonObject().put("p50", round(h.getValueAtPercentile(50) / 1000.0))
                            .put("p99", round(h.getValueAtPercentile(99) / 1000.0)).put("max", round(h.getMaxValue() / 1000.0)));
                }
            }
        }
        sharing.forEach((thread, stages) -> loopCpu.put(stages, round(busy.getOrDefault(thread, 0.0))));
        long egress = Math.max(0, originBytes.get() - startOriginBytes);
        JsonObject json = new JsonObject()
                .put("seconds", round(wallSeconds))
                .put("cpuCores", new JsonObject()
                        .put("process", round(process))
                        .put("encoders", round(encoders))
                        .put("source", round(source))
                        .put("workers", round(workers))
                        .put("eventLoop", loopCpu)
                        .put("nativeAndGc", round(Math.max(0, process - java))))
                .put("availableProcessors", Runtime.getRuntime().availableProcessors())
                .put("eventLoopDelayMs", loopDelay)
                .put("originEgressBytes", egress)
                .put("originEgressMbps", round(egress * 8 / 1e6 / wallSeconds));
        if (!Double.isNaN(slowestEncoder)) {
            json.put("encoderSpeedRatio", round(slowestEncoder));
        }
        if (!Double.isNaN(realTime)) {
            json.put("encoderRealtimeRatio", round(realTime));
        }
        return json;
    }

    @Override
    public void close() {
        if (!sampler.isShutdown()) {
            stop();
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
