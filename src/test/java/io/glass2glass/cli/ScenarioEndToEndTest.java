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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run --scenario}: faults scripted on the real pipeline, seen by real players. One run: an
 * origin outage with one group behind a cdn-live edge and one on the origin, then a publisher restart.
 */
@EndToEnd
class ScenarioEndToEndTest {

    private static final String SCENARIO = """
            name: faults
            pipeline: {ladder: default, edgeProfile: cdn-live, edges: 1}
            interval: 1s
            groups:
              - name: behind-edge
                players: 6
                stages: [{ramp: 100%, over: 4s}, {hold: 46s}]
              - name: on-origin
                players: 4
                stages: [{ramp: 100%, over: 4s}, {hold: 46s}]
                via: origin
            timeline:
              - {at: 16s, event: origin-outage, for: 5s}
              - {at: 32s, event: publisher-restart}
            thresholds:
              players.failedToStart: ["value == 0"]
            """;

    @Test
    void anOriginOutageHurtsPlayersOnTheOriginMoreThanPlayersBehindTheEdgeAndARestartIsADiscontinuity(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("faults.yaml");
        Files.writeString(file, SCENARIO);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            rc = new CommandLine(new RunCommand()).execute("--scenario", file.toString(), "--quiet", "--heap=512m",
                    "--out", dir.toString(), "--run-id", "sc");
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, printed);
        Path run = dir.resolve("sc");
        List<JsonObject> events = Files.readAllLines(run.resolve("events.jsonl")).stream().map(JsonObject::new).toList();
        long start = events.stream().filter(e -> e.getString("type").equals("players-start")).findFirst().orElseThrow().getLong("t");
        JsonObject outage = events.stream().filter(e -> e.getString("type").equals("origin-outage")).findFirst().orElseThrow();
        assertEquals(16_000, outage.getLong("t") - start, 1_000, "the outage began when the timeline said");
        assertEquals(5_000, outage.getLong("until") - outage.getLong("t"), 1_000, "and lasted as long");
        JsonObject restart = events.stream().filter(e -> e.getString("type").equals("publisher-restart")).findFirst().orElseThrow();
        assertEquals(32_000, restart.getLong("t") - start, 1_000);
        assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("publisher-reconnect")
                || e.getString("type").equals("discontinuity") && e.getLong("t") > restart.getLong("t")),
                "players saw the restart as a discontinuity: " + events);

        JsonObject summary = new JsonObject(Files.readString(run.resolve("summary.json")));
        JsonObject groups = summary.getJsonObject("cohorts").getJsonObject("group");
        JsonObject edge = groups.getJsonObject("behind-edge");
        JsonObject origin = groups.getJsonObject("on-origin");
        double edgeStall = edge.getJsonObject("rebufferRatio").getDouble("mean");
        double originStall = origin.getJsonObject("rebufferRatio").getDouble("mean");
        assertTrue(originStall > 0, "players on the origin stalled through the outage: " + origin);
        assertTrue(edgeStall < originStall, "behind the edge (stale-if-error) " + edgeStall + " vs on the origin " + originStall);
        assertEquals(0, edge.getJsonObject("players").getLong("playbackFailed"));

        JsonObject phases = summary.getJsonObject("phases");
        JsonObject during = phases.getJsonObject("origin-outage").getJsonObject("during");
        assertTrue(during.getLong("errors") > 0, "players on the origin got errors while it was out: " + during);
        assertEquals(0, phases.getJsonObject("origin-outage").getJsonObject("before").getLong("errors"));
        assertTrue(phases.containsKey("publisher-restart"), phases.encode());
        String html = Files.readString(run.resolve("index.html"));
        assertTrue(html.contains("<h2>Phases</h2>") && html.contains("origin-outage"), "the report has the phase table");
        assertTrue(printed.contains("origin-outage: the origin refuses connections for 5 s"), printed);
        assertTrue(Files.readString(run.resolve("gate.xml")).contains("failures=\"0\""), "the scenario's thresholds judged the run");
    }
}
