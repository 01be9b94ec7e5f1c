package io.glass2glass.cli;

import io.glass2glass.report.HtmlReport;
import io.glass2glass.verdict.Gate;
import io.glass2glass.verdict.GateReport;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gate DIR}: judges an existing run folder against a gate file; writes {@code gate.xml}; exit code is the verdict. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Judge a run folder against a gate file's thresholds: a table, DIR/gate.xml (JUnit XML) and the exit code "
                + "(0 passed, 1 a threshold breached, 2 bad input, 4 load generator overloaded: results not valid).")
final class GateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A run folder (with summary.json).")
    Path runDir;

    @Option(names = "--thresholds", required = true, paramLabel = "FILE", description = "The gate file (YAML).")
    Path thresholds;

    @Option(names = "--baseline", paramLabel = "DIR", description = "A run folder that thresholds like 'p95 < baseline * 1.10' compare with.")
    Path baseline;

    @Override
    public Integer call() {
        return judge(runDir, thresholds, Optional.ofNullable(baseline), System.out);
    }

    /** Judges {@code runDir} and prints the table; returns the exit code (also for load and run with --gate). */
    static int judge(Path runDir, Path gateFile, Optional<Path> baselineDir, PrintStream out) {
        try {
            return judge(runDir, Gate.read(gateFile), gateFile.toString(), baselineDir, out);
        } catch (IllegalArgumentException | IOException e) {
            out.println("glass2glass gate: " + e.getMessage());
            return GateReport.HARNESS_ERROR;
        }
    }

    /** As above, with thresholds already read (a scenario's); {@code gateFile} names them in messages. */
    static int judge(Path runDir, Gate gate, String gateFile, Optional<Path> baselineDir, PrintStream out) {
        try {
            JsonObject summary = summary(runDir);
            Optional<JsonObject> baseline = baselineDir.isPresent() ? Optional.of(summary(baselineDir.get())) : Optional.empty();
            if (gate.needsBaseline() && baseline.isEmpty()) {
                out.println("glass2glass gate: " + gateFile + " has thresholds relative to a baseline; give --baseline DIR");
                return GateReport.HARNESS_ERROR;
            }
            Gate.Verdict verdict = gate.judge(summary, baseline);
            out.println();
            out.print(GateReport.table(verdict));
            Path xml = GateReport.write(verdict, runDir, summary.getString("runId", runDir.getFileName().toString()));
            out.println("  " + xml.toAbsolutePath());
            return GateReport.exitCode(verdict);
        } catch (IllegalArgumentException | IOException e) {
            out.println("glass2glass gate: " + e.getMessage());
            return GateReport.HARNESS_ERROR;
        }
    }

    private static JsonObject summary(Path dir) throws IOException {
        if (!HtmlReport.isRunFolder(dir)) {
            throw new IllegalArgumentException(dir + " is not a run folder (no summary.json)");
        }
        try {
            return new JsonObject(Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(dir.resolve("summary.json") + " is not JSON: " + e.getMessage());
        }
    }
}
