package io.glass2glass.report;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** The event loop that fell behind most in a run's {@code pipeline} section: its stage and delay. */
public record LoopDelay(String stage, double p99Ms, double maxMs, int loops) {

    /** The loop with the highest delay p99 in {@code pipeline.eventLoopDelayMs}; empty when none was measured. */
    public static Optional<LoopDelay> worst(JsonObject pipeline) {
        JsonObject delays = pipeline.getJsonObject("eventLoopDelayMs", new JsonObject());
        LoopDelay worst = null;
        for (String stage : delays.fieldNames()) {
            JsonObject d = delays.getJsonObject(stage);
            if (d.getValue("p99") instanceof Number p99 && (worst == null || p99.doubleValue() > worst.p99Ms())) {
                worst = new LoopDelay(stage, p99.doubleValue(), d.getDouble("max", 0.0), delays.size());
            }
        }
        return Optional.ofNullable(worst);
    }
}
