package io.glass2glass.cli;

import io.glass2glass.player.LoadPlan;
import io.glass2glass.report.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Runs a Gatling simulation in a JVM of its own (Gatling 3.11+ no longer runs in-process), on this
 * process's own classpath, with the plan as {@code -Dg2g.*} properties; then moves Gatling's report
 * into the run folder's {@code gatling/}.
 */
final class GatlingLauncher {

    static final String SIMULATION = "io.glass2glass.simulations.LivePlayersSimulation";
    /** Read by the simulations' PlayerSink: the port of the players' JVM's /metrics. */
    static final String METRICS_PORT = "g2g.metricsPort";
    /** The gate's abortOnFail rules for the players' JVM. */
    static final String ABORT_ON_FAIL = "g2g.abortOnFail";

    private GatlingLauncher() {}

    /**
     * Runs the simulation, its console output (Gatling's request counts every few seconds) going to
     * the run folder's {@code gatling.log}: the console gets the run's own progress line instead.
     * Returns Gatling's exit code (0 when it ran, whatever the QoE).
     */
    static int run(LoadPlan plan, String heap, OptionalInt metricsPort) throws IOException, InterruptedException {
        return run(plan, heap, metricsPort, "");
    }

    /** @param abortRules the gate's abortOnFail rules ({@code Gate#abortRules}), which the players check each interval; may be empty */
    static int run(LoadPlan plan, String heap, OptionalInt metricsPort, String abortRules) throws IOException, InterruptedException {
        Path gatlingTmp = plan.runDir().resolve("gatling-results");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-Xss512k");
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-XX:MaxInlineLevel=20"); // the JIT settings Gatling's own launchers use
        cmd.add("-XX:MaxTrivialSize=12");
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // Gatling's log writer reads String internals
        cmd.add("-Djava.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s %3$s - %5$s%6$s%n");
        for (Map.Entry<String, String> p : plan.toSystemProperties().entrySet()) {
            cmd.add("-D" + p.getKey() + "=" + p.getValue());
        }
        metricsPort.ifPresent(port -> cmd.add("-D" + METRICS_PORT + "=" + port));
        if (!abortRules.isEmpty()) {
            cmd.add("-D" + ABORT_ON_FAIL + "=" + abortRules);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.gatling.app.Gatling");
        cmd.addAll(List.of("-s", SIMULATION, "-rf", gatlingTmp.toString(), "-rd", plan.describeInjection(), "-l", "glass2glass"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true).redirectOutput(plan.runDir().resolve(RunFolder.GATLING_LOG).toFile());
        Process process = pb.start();
        Thread killer = new Thread(process::destroy, "g2g-gatling-stop");
        Runtime.getRuntime().addShutdownHook(killer);
        int rc;
        try {
            rc = process.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
        moveReport(gatlingTmp, plan.runDir().resolve("gatling"));
        return rc;
    }

    /** The last {@code n} lines of a log, for the console when the run failed; empty when there is none. */
    static List<String> tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Gatling writes {@code <simulation>-<timestamp>/}; the run folder contract wants its content in {@code gatling/}. */
    private static void moveReport(Path results, Path target) throws IOException {
        if (!Files.isDirectory(results)) {
            return;
        }
        Files.createDirectories(target);
        try (Stream<Path> runs = Files.list(results)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(run)) {
                    for (Path f : files.toList()) {
                        Files.move(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.delete(run);
            }
        }
        Files.deleteIfExists(results);
    }
}
