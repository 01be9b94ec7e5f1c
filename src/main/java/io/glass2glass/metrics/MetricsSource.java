package io.glass2glass.metrics;

/** Something that contributes samples to {@code /metrics} (Prometheus text exposition format 0.0.4). */
@FunctionalInterface
public interface MetricsSource {

    /** Appends complete metric families (# HELP, # TYPE and samples) to {@code out}. */
    void writePrometheus(PrometheusText out);
}
