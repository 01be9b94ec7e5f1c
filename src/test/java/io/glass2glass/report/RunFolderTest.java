package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path reports;

    @Test
    void createsTheRunFolderLayout() throws IOException {
        RunFolder run = RunFolder.create(reports, "nightly-42");

        assertEquals("nightly-42", run.runId());
        assertEquals(reports.resolve("nightly-42"), run.dir());
        assertEquals(run.dir().resolve("qoe"), run.qoeDir());
        assertEquals(run.dir().resolve("gatling"), run.gatlingDir());
        assertEquals(run.dir().resolve("summary.json"), run.summaryJson());
        assertEquals(run.dir().resolve("index.html"), run.indexHtml());
        assertTrue(Files.isDirectory(run.qoeDir()));
        assertTrue(Files.isDirectory(run.gatlingDir()));
    }

    @Test
    void generatedRunIdIsTheUtcTimeAndTheSimulation() {
        assertEquals("20250304-050607-LivePlayersSimulation",
                RunFolder.generateRunId("LivePlayersSimulation", Instant.parse("2025-03-04T05:06:07.890Z")));
    }

    @Test
    void missingRunIdIsGenerated() throws IOException {
        RunFolder run = RunFolder.create(reports, null, "Ramp Up");

        assertTrue(run.runId().matches("\\d{8}-\\d{6}-Ramp-Up"), run.runId());
        assertTrue(Files.isDirectory(reports.resolve(run.runId()).resolve("qoe")));
    }

    @Test
    void runIdIsSanitisedToOneSafeFolderName() throws IOException {
        RunFolder run = RunFolder.create(reports, "../etc/my run<1>");

        assertEquals("-etc-my-run-1-", run.runId());
        assertEquals(reports.resolve("-etc-my-run-1-"), run.dir());
        assertEquals("a.b_c-D9", RunFolder.sanitize("a.b_c-D9"));
        assertThrows(IllegalArgumentException.class, () -> RunFolder.sanitize(".."));
    }

    @Test
    void anEarlierRunIsNeverOverwritten() throws IOException {
        RunFolder first = RunFolder.create(reports, "same");
        Files.writeString(first.summaryJson(), "{}");

        assertThrows(FileAlreadyExistsException.class, () -> RunFolder.create(reports, "same"));
    }

    @Test
    void existingRunFolderOpensForLaterStages() throws IOException {
        RunFolder created = RunFolder.create(reports, "edge-run");

        RunFolder opened = RunFolder.open(created.dir());

        assertEquals("edge-run", opened.runId());
        assertEquals(created.summaryJson(), opened.summaryJson());
    }
}
