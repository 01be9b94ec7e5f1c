package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.report.RunSummary;
import io.glass2glass.testing.EndToEnd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run}, the main job, end to end: pipeline, two edges behind a shield, players, run folder. */
@EndToEnd
class RunEndToEndTest {

    @Test
    void runMeasuresPlayersBehindShieldedEdgesAndReportsOffload(@TempDir Path reports) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            rc = new CommandLine(new RunCommand()).execute("--players", "8", "--ramp", "2s", "--duration", "16s", "--edges", "2",
                    "--edge-profile", "shielded", "--network", "unlimited", "--out", reports.toString(), "--run-id", "run",
                    "--quiet", "--heap=512m");
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, printed);
        JsonObject summary = RunSummary.read(reports.resolve("run/summary.json")).toJson();
        assertEquals(8, summary.getJsonObject("players").getLong("started"), "every player started: " + printed);
        assertEquals(0, summary.getJsonObject("players").getLong("playbackFailed"));
        JsonObject edge = summary.getJsonObject("edge");
        assertEquals(2, edge.getInteger("edges"));
        assertEquals("shielded", edge.getString("profile"));
        // Four players per edge fetch the same segments: most requests are served by the edges.
        assertTrue(edge.getDouble("hitRatio") > 0.5, "hit ratio " + edge.getDouble("hitRatio"));
        // Two edges share one shield: each segment object reaches the origin once.
        assertTrue(edge.getLong("distinctSegments") > 0);
        assertEquals(1.0, edge.getDouble("originRequestsPerSegment"), 1e-9, "origin requests per segment: " + edge);
        assertTrue(printed.contains("edge"), "the summary table shows the edge section: " + printed);

        // edge/timeline.jsonl: one tier per edge, cumulative counters, the last line agreeing with summary.json.
        RunSummary typed = RunSummary.read(reports.resolve("run/summary.json"));
        List<JsonObject> timeline = Files.readAllLines(reports.resolve("run/edge/timeline.jsonl")).stream().map(JsonObject::new).toList();
        assertTrue(timeline.size() >= 2, "a line per 5 s interval and a last one: " + timeline);
        long lastRequests = -1;
        for (JsonObject line : timeline) {
            JsonArray tiers = line.getJsonArray("tiers");
            assertEquals(2, tiers.size(), line.encode());
            assertEquals("edge-1", tiers.getJsonObject(0).getString("edge"));
            assertEquals("shield", line.getJsonObject("shield").getString("edge"));
            long requests = tiers.getJsonObject(0).getLong("requests");
            assertTrue(requests >= lastRequests, "counters are cumulative: " + timeline);
            lastRequests = requests;
        }
        assertEquals(typed.edge().orElseThrow().tiers().get(0).total().requests(), lastRequests,
                "the last line carries edge-1's totals as summary.json has them");
        String ladder = typed.setup().orElseThrow().ladder().orElseThrow();
        assertTrue(ladder.startsWith("default: ") && ladder.contains(" kb/s") && ladder.endsWith(" s segments"), ladder);
        assertTrue(Files.readString(reports.resolve("run/index.html")).contains(ladder), "the report's header names the ladder");
        List<String> events = Files.readAllLines(reports.resolve("run/events.jsonl"));
        assertTrue(events.stream().map(JsonObject::new).anyMatch(e -> "stream-live".equals(e.getString("type"))
                && "pipeline".equals(e.getString("source"))), "events.jsonl has stream-live: " + events);
    }
}
