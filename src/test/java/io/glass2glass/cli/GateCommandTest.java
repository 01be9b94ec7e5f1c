package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gate DIR} on run folders, its console as a CI log shows it, and its exit codes. */
class GateCommandTest {

    @TempDir
    Path dir;

    private Path run(String name, double startupP95, double skewP99) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        JsonObject summary = new JsonObject().put("runId", name)
                .put("players", new JsonObject().put("failedToStart", 0))
                .put("qoe", new JsonObject().put("startupMs", new JsonObject().put("p95", startupP95)))
                .put("scheduleSkewMs", new JsonObject().put("p99", skewP99));
        Files.writeString(run.resolve("summary.json"), summary.encodePrettily());
        return run;
    }

    private Path gate(String yaml) throws Exception {
        return Files.writeString(dir.resolve("gate-" + yaml.hashCode() + ".yaml"), yaml);
    }

    private record Outcome(int rc, String console) {}

    private Outcome judge(Path run, Path gate, Path baseline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = GateCommand.judge(run, gate, Optional.ofNullable(baseline), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Outcome(rc, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLooseGatePassesAndAnImpossibleOneBreachesWithItsOwnExitCode() throws Exception {
        Path run = run("r", 2_000, 8);
        Outcome pass = judge(run, gate("thresholds:\n  qoe.startupMs: [\"p95 < 4000\"]\n  players.failedToStart: [\"value == 0\"]\n"), null);
        assertEquals(0, pass.rc(), pass.console());
        assertTrue(pass.console().contains("qoe.startupMs p95 < 4000"), pass.console());
        assertTrue(pass.console().contains("gate: passed, 2 thresholds held"), pass.console());
        assertTrue(Files.readString(run.resolve("gate.xml")).contains("failures=\"0\""));

        Outcome breach = judge(run, gate("thresholds:\n  qoe.startupMs: [\"p95 < 10\"]\n"), null);
        assertEquals(1, breach.rc(), breach.console());
        assertTrue(breach.console().contains("FAIL"), breach.console());
        assertTrue(Files.readString(run.resolve("gate.xml")).contains("observed 2000, limit &lt; 10"));
    }

    @Test
    void aRunMadeWorseThanItsBaselineFails() throws Exception {
        Path baseline = run("baseline", 1_000, 5);
        Path worse = run("worse", 1_500, 5);
        Path gate = gate("thresholds:\n  qoe.startupMs: [\"p95 < baseline * 1.10\"]\n");
        assertEquals(0, judge(baseline, gate, baseline).rc());
        Outcome o = judge(worse, gate, baseline);
        assertEquals(1, o.rc(), o.console());
        assertTrue(o.console().contains("< 1100"), o.console());
        Outcome without = judge(worse, gate, null);
        assertEquals(2, without.rc());
        assertTrue(without.console().contains("give --baseline DIR"), without.console());
    }

    @Test
    void anOverloadedGeneratorGivesNotValidWhateverTheThresholds() throws Exception {
        Outcome o = judge(run("starved", 100, 400), gate("thresholds:\n  qoe.startupMs: [\"p95 < 4000\"]\n"), null);
        assertEquals(4, o.rc(), o.console());
        assertTrue(o.console().contains("load generator overloaded, results not valid"), o.console());
        assertFalse(o.console().contains("gate: passed"));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path run = run("r", 2_000, 8);
        Outcome noFolder = judge(dir.resolve("nowhere"), gate("thresholds:\n  qoe.startupMs: [\"p95 < 1\"]\n"), null);
        assertEquals(2, noFolder.rc());
        assertEquals("glass2glass gate: " + dir.resolve("nowhere") + " is not a run folder (no summary.json)\n", noFolder.console());
        Path broken = gate("thresholds:\n  qoe.startupMs: [\"p95 about 1\"]\n");
        Outcome bad = judge(run, broken, null);
        assertEquals(2, bad.rc());
        assertTrue(bad.console().startsWith("glass2glass gate: gate file " + broken + ": qoe.startupMs: 'p95 about 1' is not"),
                bad.console());
        assertEquals(1, bad.console().lines().count());
    }

    @Test
    void theBundledGatesParse() throws Exception {
        for (String name : new String[] {"ci-smoke", "viewer-qoe", "capacity"}) {
            assertTrue(io.glass2glass.verdict.Gate.read(Path.of("fixtures/gates/" + name + ".yaml")).thresholds().size() >= 5, name);
        }
    }
}
