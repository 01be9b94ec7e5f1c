package io.glass2glass.qoe;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.qoe.QoeSummary.Distribution;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The load generator's own {@code /metrics} (Prometheus text exposition format 0.0.4), for a
 * dashboard that watches a long run: the players' counters and gauges live, the QoE distributions
 * as summaries over the run so far (quantiles 0.5, 0.95, 0.99; average bitrate also its low tail,
 * 0.01 and 0.05), requests by kind, and the JVM's heap and GC time. Names are
 * {@code glass2glass_load_*} in base units (seconds, bytes, bytes per second).
 */
public final class QoePrometheus implements MetricsSource {

    static final String PREFIX = "glass2glass_load_";

    private final QoeRecorders recorders;
    private final QoeTimeline timeline;
    private final LongSupplier clock;

    public QoePrometheus(QoeRecorders recorders, QoeTimeline timeline, LongSupplier clock) {
        this.recorders = recorders;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Override
    public void writePrometheus(PrometheusText out) {
        QoeTimeline.Totals t = timeline.totals(clock.getAsLong());
        counter(out, "players_joined_total", "Players that joined the run", t.joined());
        counter(out, "players_started_total", "Players that rendered a first frame (CTA-2066 video start)", t.started());
        counter(out, "players_failed_to_start_total", "CTA-2066 video start failures", t.failedToStart());
        counter(out, "players_playback_failed_total", "Players that stopped on an error after starting", t.playbackFailed());
        gauge(out, "players_active", "Players joined and not yet ended", t.active());
        gauge(out, "players_playing", "Players playing now", t.playing());
        gauge(out, "players_stalled", "Players stalled now (CTA-2066 rebuffering)", t.stalledNow());
        counter(out, "stalls_total", "Stalls begun after start-up", t.stallsBegun());
        counter(out, "stalled_seconds_total", "Time players spent stalled", t.stalledSeconds());

        QoeSummary q = recorders.summary();
        summary(out, "startup_seconds", "Video start time per started player, over the run so far", q.startupMs(), 1e-3);
        summary(out, "live_latency_seconds", "Live latency samples, over the run so far", q.liveLatencyMs(), 1e-3);
        summary(out, "rebuffer_ratio", "Stalled over watched time per ended player, over the run so far", q.rebufferRatio(), 1);
        // Bytes, the base unit Prometheus wants (promtool rejects bits): a dashboard multiplies by 8.
        summary(out, "average_bitrate_bytes_per_second", "Time-weighted average bitrate per ended player, over the run so far",
                q.avgBitrateKbps(), 1e3 / 8);
        summary(out, "schedule_skew_seconds", "How late players sent requests compared with their schedule", q.scheduleSkewMs(), 1e-3);

        out.family(PREFIX + "requests_total", "counter", "Player requests by kind");
        q.requests().forEach((kind, r) -> out.sample(PREFIX + "requests_total", Map.of("kind", kind.label()), r.count()));
        out.family(PREFIX + "request_errors_total", "counter", "Player requests answered >= 400 or not at all, by kind");
        q.requests().forEach((kind, r) -> out.sample(PREFIX + "request_errors_total", Map.of("kind", kind.label()), r.errors()));
        out.family(PREFIX + "response_bytes_total", "counter", "Response bytes received, by kind");
        q.requests().forEach((kind, r) -> out.sample(PREFIX + "response_bytes_total", Map.of("kind", kind.label()), r.bytes()));
        out.family(PREFIX + "request_latency_seconds", "summary", "Request latency by kind, over the run so far");
        for (Map.Entry<ObjectKind, QoeSummary.Requests> e : q.requests().entrySet()) {
            Distribution d = e.getValue().latencyMs();
            String kind = e.getKey().label();
            quantile(out, "request_latency_seconds", kind, "0.5", d.p50() / 1e3);
            quantile(out, "request_latency_seconds", kind, "0.99", d.p99() / 1e3);
            out.sample(PREFIX + "request_latency_seconds_count", Map.of("kind", kind), d.count());
        }

        gauge(out, "jvm_heap_used_bytes", "Heap in use in the players' JVM",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        counter(out, "jvm_gc_seconds_total", "Time the players' JVM spent collecting garbage", gcMillis() / 1000.0);
    }

    /** Time this JVM's collectors have spent collecting since it started (stop-the-world for ParallelGC). */
    public static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static void counter(PrometheusText out, String name, String help, double value) {
        out.family(PREFIX + name, "counter", help).sample(PREFIX + name, value);
    }

    private static void gauge(PrometheusText out, String name, String help, double value) {
        out.family(PREFIX + name, "gauge", help).sample(PREFIX + name, value);
    }

    private static void summary(PrometheusText out, String name, String help, Distribution d, double scale) {
        out.family(PREFIX + name, "summary", help);
        d.lowTail().ifPresent(low -> {
            out.sample(PREFIX + name, Map.of("quantile", "0.01"), low.p1() * scale);
            out.sample(PREFIX + name, Map.of("quantile", "0.05"), low.p5() * scale);
        });
        out.sample(PREFIX + name, Map.of("quantile", "0.5"), d.p50() * scale);
        out.sample(PREFIX + name, Map.of("quantile", "0.95"), d.p95() * scale);
        out.sample(PREFIX + name, Map.of("quantile", "0.99"), d.p99() * scale);
        out.sample(PREFIX + name + "_sum", d.mean() * d.count() * scale);
        out.sample(PREFIX + name + "_count", d.count());
    }

    private static void quantile(PrometheusText out, String name, String kind, String q, double value) {
        java.util.LinkedHashMap<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("kind", kind);
        labels.put("quantile", q);
        out.sample(PREFIX + name, labels, value);
    }
}
