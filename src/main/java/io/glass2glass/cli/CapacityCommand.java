package io.glass2glass.cli;

import io.glass2glass.report.LoopDelay;
import io.glass2glass.verdict.CapacityPage;
import io.glass2glass.verdict.CapacitySearch;
import io.glass2glass.verdict.CapacitySearch.Outcome;
import io.glass2glass.verdict.CapacitySearch.Step;
import io.glass2glass.verdict.Gate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capacity}: steps the audience against the embedded pipeline (doubling, then bisecting) until
 * a gate file's thresholds break, and reports the knee and what broke first, with each step's figures.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = "Find the largest audience the embedded pipeline carries within a gate file's thresholds (the knee).")
final class CapacityCommand implements Callable<Integer> {

    @Option(names = "--thresholds", required = true, paramLabel = "FILE", description = "The gate file each step must pass.")
    Path thresholds;

    @Option(names = "--start", defaultValue = "50", description = "First audience. Default: ${DEFAULT-VALUE}.")
    int start;

    @Option(names = "--max", defaultValue = "4000", description = "Largest audience tried. Default: ${DEFAULT-VALUE}.")
    int max;

    @Option(names = "--precision", defaultValue = "0.1",
            description = "Bisect until the first failing audience is within this fraction of the knee. Default: ${DEFAULT-VALUE}.")
    double precision;

    @Option(names = "--ladder", defaultValue = "default", description = "Ladder of the pipeline. Default: ${DEFAULT-VALUE}.")
    String ladder;

    @Option(names = "--edges", defaultValue = "1", description = "Edges in front of the origin. Default: ${DEFAULT-VALUE}.")
    int edges;

    @Option(names = "--edge-profile", defaultValue = "cdn-live", description = "Edge profile. Default: ${DEFAULT-VALUE}.")
    String edgeProfile;

    @Mixin
    PlayerOptions players;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Gate gate = Gate.read(thresholds);
        if (gate.needsBaseline()) {
            throw new IllegalArgumentException("capacity judges each step on its own: " + thresholds + " has baseline thresholds");
        }
        CapacitySearch search = new CapacitySearch(start, max, precision);
        String base = players.runId != null ? players.runId
                : "capacity-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        JsonArray evidence = new JsonArray();
        CapacitySearch.Result result = search.search(n -> {
            String runId = base + "-" + n;
            out.println("glass2glass capacity: " + n + " players");
            RunCommand run = RunCommand.of(players, ladder, edges, edgeProfile);
            players.players = n;
            players.runId = runId;
            players.gate = null; // judged here, so the first breach can be named
            int rc = run.call();
            Path summaryFile = players.out.resolve(runId).resolve("summary.json");
            if (rc != 0 || !Files.exists(summaryFile)) {
                throw new IllegalStateException("the step of " + n + " players did not complete (exit " + rc + ")");
            }
            JsonObject summary = new JsonObject(Files.readString(summaryFile, StandardCharsets.UTF_8));
            Gate.Verdict v = gate.judge(summary, Optional.empty());
            Outcome outcome = v.overloaded() ? Outcome.GENERATOR_OVERLOADED : v.failures() > 0 ? Outcome.BREACHED : Outcome.PASSED;
            Optional<String> breach = v.results().stream().filter(r -> !r.passed()).findFirst()
                    .map(r -> r.threshold().name() + (r.observed().isPresent() ? " (" + r.note() + ")" : ""));
            evidence.add(new JsonObject().put("players", n).put("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .put("firstBreach", breach.orElse(null)).put("runId", runId)
                    .put("startupP95Ms", num(summary, "qoe", "startupMs", "p95"))
                    .put("rebufferRatioP95", num(summary, "qoe", "rebufferRatio", "p95"))
                    .put("liveLatencyP95Ms", num(summary, "qoe", "liveLatencyMs", "p95"))
                    .put("bitrateP50Kbps", num(summary, "qoe", "avgBitrateKbps", "p50"))
                    .put("scheduleSkewP99Ms", num(summary, "scheduleSkewMs", "p99"))
                    .put("generatorCpuCores", optional(summary, "harness", "cpuCores"))
                    .put("edgeHitRatio", num(summary, "edge", "hitRatio"))
                    .put("originRequestsPerSegment", num(summary, "edge", "originRequestsPerSegment"))
                    .put("encoderSpeedRatio", optional(summary, "pipeline", "encoderSpeedRatio"))
                    .put("pipelineCpuCores", optional(summary, "pipeline", "cpuCores", "process"))
                    .put("eventLoopDelayP99Ms", worstLoopDelay(summary))
                    .put("originEgressMbps", optional(summary, "pipeline", "originEgressMbps")));
            return new Step(n, outcome, breach);
        });
        out.println();
        out.println("viewers' QoE");
        out.println(String.format(Locale.ROOT, "%8s  %-10s %14s %14s %14s %14s  %s", "players", "verdict", "start-up p95",
                "rebuffer p95", "latency p95", "bitrate p50", "first breach"));
        for (int i = 0; i < evidence.size(); i++) {
            JsonObject e = evidence.getJsonObject(i);
            out.println(String.format(Locale.ROOT, "%8d  %-10s %11.0f ms %12.2f %% %11.0f ms %9.0f kb/s  %s",
                    e.getInteger("players"), e.getString("outcome").replace("generator_", ""), e.getDouble("startupP95Ms"), 100 * e.getDouble("rebufferRatioP95"),
                    e.getDouble("liveLatencyP95Ms"), e.getDouble("bitrateP50Kbps"),
                    e.getString("firstBreach") == null ? "-" : e.getString("firstBreach")));
        }
        out.println();
        out.println("what each stage spent");
        out.println(String.format(Locale.ROOT, "%8s  %13s %13s %14s %9s %13s %13s %10s", "players", "encoder speed", "pipeline CPU",
                "loop delay p99", "edge hit", "origin egress", "generator CPU", "skew p99"));
        for (int i = 0; i < evidence.size(); i++) {
            JsonObject e = evidence.getJsonObject(i);
            out.println(String.format(Locale.ROOT, "%8d  %13s %13s %14s %7.1f %% %13s %13s %7.0f ms", e.getInteger("players"),
                    figure(e, "encoderSpeedRatio", "%.2f x"), figure(e, "pipelineCpuCores", "%.2f cores"),
                    figure(e, "eventLoopDelayP99Ms", "%.0f ms"), 100 * e.getDouble("edgeHitRatio"),
                    figure(e, "originEgressMbps", "%.1f Mb/s"), figure(e, "generatorCpuCores", "%.2f cores"),
                    e.getDouble("scheduleSkewP99Ms")));
        }
        out.println();
        out.println("glass2glass capacity: " + result.summary(max));
        Path file = players.out.resolve(base + ".json");
        Files.writeString(file, new JsonObject().put("thresholds", thresholds.toString()).put("summary", result.summary(max))
                .put("knee", result.knee().orElse(null)).put("firstFail", result.firstFail().orElse(null))
                .put("generatorOverloaded", result.overloaded()).put("steps", evidence).encodePrettily() + "\n");
        Path page = players.out.resolve(base + ".html");
        Files.writeString(page, CapacityPage.render("glass2glass capacity " + base, evidence,
                result.firstFail().isPresent() ? result.knee() : Optional.empty(), result.summary(max)));
        out.println("  " + file.toAbsolutePath());
        out.println("  " + page.toAbsolutePath() + " (each figure against audience size, the knee marked)");
        return result.overloaded() ? 4 : 0;
    }

    /** A step's figure for the console, or a dash when that run did not measure it. */
    private static String figure(JsonObject step, String key, String format) {
        return step.getValue(key) instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : "-";
    }

    /** The figure at {@code path}, or null when the summary has none (the JSON then leaves it out). */
    private static Double optional(JsonObject json, String... path) {
        Object v = json;
        for (String p : path) {
            v = v instanceof JsonObject o ? o.getValue(p) : null;
        }
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /** The highest event-loop delay p99 over the pipeline's stages: the loop that fell behind most. */
    private static Double worstLoopDelay(JsonObject summary) {
        return LoopDelay.worst(summary.getJsonObject("pipeline", new JsonObject())).map(LoopDelay::p99Ms).orElse(null);
    }

    private static double num(JsonObject json, String... path) {
        Double v = optional(json, path);
        return v == null ? 0 : v;
    }
}
