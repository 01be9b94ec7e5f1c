package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.testing.EndToEnd;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code capacity} with a low ceiling: bounded steps against the real pipeline, and a verdict either way. */
@EndToEnd
class CapacityEndToEndTest {

    @Test
    void aLowCeilingEndsInBoundedStepsWithAKneeOrNoKneeUpToIt(@TempDir Path reports) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            rc = new CommandLine(new CapacityCommand()).execute("--thresholds", "fixtures/gates/ci-smoke.yaml", "--start", "2",
                    "--max", "4", "--ramp", "1s", "--duration", "10s", "--network", "unlimited", "--quiet", "--heap=512m",
                    "--out", reports.toString(), "--run-id", "cap");
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, printed);
        JsonObject result = new JsonObject(Files.readString(reports.resolve("cap.json")));
        assertTrue(result.getJsonArray("steps").size() <= 2, "doubling from 2 to a ceiling of 4 is two steps: " + result);
        assertEquals(2, result.getJsonArray("steps").getJsonObject(0).getInteger("players"));
        String summary = result.getString("summary");
        assertTrue(summary.equals("no knee up to 4 players: every step passed") || summary.startsWith("knee: "), summary);
        assertTrue(printed.contains("glass2glass capacity: " + summary), printed);
        assertTrue(Files.exists(reports.resolve("cap-2/index.html")), "each step is an ordinary run folder");
        JsonObject first = result.getJsonArray("steps").getJsonObject(0);
        for (String stage : new String[] {"encoderSpeedRatio", "pipelineCpuCores", "eventLoopDelayP99Ms", "originEgressMbps",
                "generatorCpuCores"}) {
            assertTrue(first.getValue(stage) instanceof Number, "each step's evidence has " + stage + ": " + first);
        }
        assertTrue(first.getDouble("encoderSpeedRatio") > 1, "2 players do not outrun the encoders: " + first);
        assertTrue(printed.contains("what each stage spent"), printed);
        String page = Files.readString(reports.resolve("cap.html"));
        assertTrue(page.contains("id=\"chart-startupP95Ms\"") && page.contains("id=\"chart-encoderSpeedRatio\""), "the charts");
    }
}
