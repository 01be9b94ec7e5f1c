package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.qoe.QoeLog;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.report.RunMetadata;
import io.glass2glass.report.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code report DIR}: re-renders a run folder's page, and refuses a folder that is not one. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void rerendersAnOlderRunFolderAndSaysWhereItWrote() throws Exception {
        Path run = Files.createDirectories(dir.resolve("20261207-060000-LivePlayersSimulation"));
        long start = Instant.parse("2026-12-07T06:00:00Z").toEpochMilli();
        QoeRecorders recorders = new QoeRecorders();
        QoeLog log = QoeLog.open(recorders, run.resolve("qoe"), start);
        recorders.playerStarted();
        recorders.recordRequest(ObjectKind.SEGMENT, 200, 40, 100_000, 0);
        recorders.recordLiveLatency(5_000);
        log.writeInterval(start + 5_000);
        recorders.recordPlayer(new PlayerQoe("p1", "cable", "throughput", true, false, false, 900, 0, 0, 10_000, 2_800, 0,
                Map.of("720p", 10_000L), 0, 5));
        log.close(start + 10_000);
        RunSummary.of(new RunMetadata(run.getFileName().toString(), "http://127.0.0.1:8081/live/demo/master.m3u8", "hls",
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + 10_000), 1, "throughput", "cable", "ramp 1 player"),
                recorders.summary()).write(run.resolve("summary.json"));

        int rc = execute(run.toString());

        assertEquals(0, rc, err.toString());
        assertTrue(out.toString().contains("glass2glass report: wrote " + run.resolve("index.html").toAbsolutePath()), out.toString());
        String page = Files.readString(run.resolve("index.html"));
        assertTrue(page.contains("id=\"g2g-data\""), "charts from the interval logs");
        assertTrue(page.contains("This run did not record: players over time"), "says what the older run lacks");
    }

    @Test
    void aFolderWithoutSummaryIsNotARunFolder() throws Exception {
        int rc = execute(Files.createDirectories(dir.resolve("empty")).toString());

        assertEquals(2, rc);
        assertTrue(err.toString().contains("is not a run folder (no summary.json in it)"), err.toString());
        assertFalse(Files.exists(dir.resolve("empty/index.html")));
    }

    @Test
    void aMissingFolderOrABrokenSummaryExitsWithTwo() throws Exception {
        assertEquals(2, execute(dir.resolve("nowhere").toString()));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("summary.json"), "{\"runId\": 3");
        assertEquals(2, execute(broken.toString()));
        assertTrue(err.toString().contains("summary.json"), err.toString());
    }

    @Test
    void isACommandOfTheJar() {
        assertTrue(new CommandLine(new Main()).getSubcommands().containsKey("report"));
    }

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
