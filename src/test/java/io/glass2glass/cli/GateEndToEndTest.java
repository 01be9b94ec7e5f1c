package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.pipeline.LivePipeline;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.LiveStream;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code load --gate} on real runs against the embedded pipeline: a run made worse on purpose (a
 * slower network) fails against its baseline, and a load generator starved of CPU is told apart
 * from a breach ("results not valid", exit 4) whatever its thresholds say.
 */
@EndToEnd
class GateEndToEndTest {

    static LivePipeline pipeline;
    static final AtomicInteger stops = new AtomicInteger();
    @TempDir
    static Path dir;

    @BeforeAll
    static void startPipeline() throws Exception {
        pipeline = LiveStream.start();
    }

    @AfterAll
    static void stopPipeline() {
        LiveStream.stop(pipeline);
    }

    private record Outcome(int rc, String console) {}

    private static Outcome load(String runId, String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            List<String> all = new ArrayList<>(List.of("--target", pipeline.streamUrl() + "master.m3u8", "--out", dir.toString(),
                    "--run-id", runId, "--heap=512m", "--quiet", "--players", "4", "--ramp", "2s", "--duration", "14s"));
            all.addAll(List.of(args));
            rc = new CommandLine(new LoadCommand()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(previous);
        }
        return new Outcome(rc, console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRunOnASlowerNetworkFailsItsBaselineGateOnStartUpAndBitrate() throws Exception {
        Path gate = Files.writeString(dir.resolve("no-worse.yaml"), """
                thresholds:
                  players.failedToStart: ["value == 0"]
                  qoe.startupMs: ["p95 < baseline * 1.5"]
                  qoe.avgBitrateKbps: ["p50 > baseline * 0.8"]
                """);
        Outcome baseline = load("baseline", "--network", "unlimited");
        assertEquals(0, baseline.rc(), baseline.console());
        Path baseDir = dir.resolve("baseline");
        ByteArrayOutputStream self = new ByteArrayOutputStream();
        assertEquals(0, GateCommand.judge(baseDir, gate, Optional.of(baseDir), new PrintStream(self, true, StandardCharsets.UTF_8)),
                "a run meets a no-worse gate against itself: " + self);

        Outcome worse = load("worse", "--network", "constant-1mbps", "--gate", gate.toString(), "--baseline", baseDir.toString());
        assertEquals(1, worse.rc(), "a breach is exit code 1:\n" + worse.console());
        List<String> failed = worse.console().lines().filter(l -> l.endsWith("FAIL")).toList();
        assertTrue(failed.stream().anyMatch(l -> l.startsWith("qoe.startupMs p95 < baseline * 1.5")), worse.console());
        assertTrue(failed.stream().anyMatch(l -> l.startsWith("qoe.avgBitrateKbps p50 > baseline * 0.8")), worse.console());
        assertTrue(worse.console().lines().anyMatch(l -> l.startsWith("players.failedToStart value == 0") && l.endsWith("pass")),
                "the players still started:\n" + worse.console());
        String xml = Files.readString(dir.resolve("worse/gate.xml"));
        assertTrue(xml.contains("failures=\"2\""), xml);
    }

    @Test
    void aLoadGeneratorStarvedOfCpuIsNotValidRatherThanPassed() throws Exception {
        Path loose = Files.writeString(dir.resolve("loose.yaml"), """
                thresholds:
                  qoe.startupMs: ["p95 < 60000"]
                """);
        AtomicBoolean done = new AtomicBoolean();
        Thread quota = new Thread(() -> throttleGatling(done), "cpu-quota");
        quota.start();
        Outcome starved;
        try {
            starved = load("starved", "--network", "unlimited", "--gate", loose.toString());
        } finally {
            done.set(true);
            quota.join();
        }
        assertTrue(stops.get() > 10, "the players' JVM was found and throttled: " + stops);
        assertEquals(4, starved.rc(), "overload is exit code 4, not a pass:\n" + starved.console());
        assertTrue(starved.console().contains("gate: load generator overloaded, results not valid"), starved.console());
        assertFalse(starved.console().contains("gate: passed"), starved.console());
        assertTrue(Files.readString(dir.resolve("starved/gate.xml")).contains("load generator overloaded"));
    }

    @Test
    void anAbortOnFailThresholdStopsTheRunAsSoonAsItBreaks() throws Exception {
        Path gate = Files.writeString(dir.resolve("abort.yaml"), """
                thresholds:
                  players.failedToStart: [{threshold: "value == 0", abortOnFail: true}]
                  qoe.startupMs: ["p95 < 60000"]
                """);
        // No such stream: every player fails to start, so failedToStart == 0 breaks with the first of them.
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            rc = new CommandLine(new LoadCommand()).execute("--target", pipeline.streamUrl().replace("/demo/", "/nosuch/") + "master.m3u8",
                    "--out", dir.toString(), "--run-id", "aborted", "--heap=512m", "--quiet", "--players", "6", "--ramp", "30s",
                    "--duration", "30s", "--interval", "1s", "--gate", gate.toString());
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(1, rc, "the breached threshold is the verdict:\n" + printed);
        assertTrue(printed.contains("players.failedToStart value == 0 can no longer be met"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("Stopped early at ")), printed);
        JsonObject summary = new JsonObject(Files.readString(dir.resolve("aborted/summary.json")));
        double at = summary.getJsonObject("aborted").getDouble("atSeconds");
        assertTrue(at < 30, "stopped long before the 60 s planned: " + summary.getJsonObject("aborted"));
        assertTrue(summary.getDouble("durationSeconds") < 40, "the run ended then: " + summary.getDouble("durationSeconds"));
        assertTrue(summary.getJsonObject("players").getLong("joined") < 6, "not every player was started: " + summary.getJsonObject("players"));
        assertTrue(Files.readString(dir.resolve("aborted/events.jsonl")).contains("\"gate-abort\""), "the abort is on the timeline");
    }

    /**
     * What a tight CPU quota does to a process (the cgroup is frozen for the rest of each period once
     * its quota is spent): the players' JVM is stopped 450 ms of every 600 ms until the run ends.
     */
    private static void throttleGatling(AtomicBoolean done) {
        Optional<ProcessHandle> gatling = Optional.empty();
        try {
            while (!done.get()) {
                if (gatling.isEmpty() || !gatling.get().isAlive()) {
                    gatling = ProcessHandle.current().descendants()
                            .filter(GateEndToEndTest::isGatling).findFirst();
                    Thread.sleep(100);
                    continue;
                }
                signal(gatling.get(), "-STOP");
                stops.incrementAndGet();
                Thread.sleep(450);
                signal(gatling.get(), "-CONT");
                Thread.sleep(150);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            gatling.ifPresent(p -> signal(p, "-CONT"));
        }
    }

    /** From /proc: {@code ProcessHandle.Info} gives no command line when it is as long as the players' classpath makes it. */
    private static boolean isGatling(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), StandardCharsets.ISO_8859_1)
                    .contains("io.gatling.app.Gatling");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static void signal(ProcessHandle p, String signal) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
