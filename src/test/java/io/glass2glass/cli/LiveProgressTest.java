package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line, as a user reads it on the console, from the timelines a run folder gets. */
class LiveProgressTest {

    private static final long START = 1_800_000_000_000L;

    private static String timeline(long t, long active, long started, long failed, long stalled, double startupP95, Long latencyP50) {
        JsonObject line = new JsonObject().put("t", t).put("intervalMs", 5_000)
                .put("players", new JsonObject().put("active", active).put("stalled", stalled))
                .put("soFar", new JsonObject().put("started", started).put("failedToStart", failed).put("playbackFailed", 0)
                        .put("startupP95Ms", startupP95));
        if (latencyP50 != null) {
            line.put("liveLatencyMs", new JsonObject().put("p50", latencyP50));
        }
        return line.encode() + "\n";
    }

    @Test
    void printsALinePerIntervalWithTheEdgesHitRatioAndNothingForAHalfWrittenLine(@TempDir Path run) throws Exception {
        Files.createDirectories(run.resolve("qoe"));
        Files.createDirectories(run.resolve("edge"));
        Path qoe = run.resolve("qoe/timeline.jsonl");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        LiveProgress progress = new LiveProgress(run, START, 95_000, out);
        progress.poll(); // no file yet: nothing, no failure

        Files.writeString(qoe, timeline(START + 5_000, 12, 10, 1, 2, 1_234, 8_400L));
        Files.writeString(run.resolve("edge/timeline.jsonl"), new JsonObject().put("t", START + 5_000)
                .put("tiers", new JsonArray().add(new JsonObject().put("requests", 900).put("servedFromCache", 873))
                        .add(new JsonObject().put("requests", 100).put("servedFromCache", 100))).encode() + "\n");
        progress.poll();
        String second = timeline(START + 65_000, 50, 50, 1, 0, 2_000, null);
        Files.writeString(qoe, second.substring(0, 20), StandardOpenOption.APPEND); // the writer is mid-line
        progress.poll();
        Files.writeString(qoe, second.substring(20), StandardOpenOption.APPEND);
        progress.poll();
        progress.poll();

        assertEquals(List.of(
                "  0:05 / 1:35  12 active, 10 started, 1 failed, 2 stalled now · start-up p95 1.2 s · latency p50 8.4 s · edge hit 97.3 %",
                "  1:05 / 1:35  50 active, 50 started, 1 failed, 0 stalled now · start-up p95 2.0 s · edge hit 97.3 %"),
                console.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void withoutEdgesOrStartedPlayersTheLineSaysOnlyWhatIsKnown() {
        LiveProgress progress = new LiveProgress(Path.of("unused"), START, 3_600_000 + 61_000, System.out);
        assertEquals("  0:00 / 1:01:01  3 active, 0 started, 0 failed, 0 stalled now",
                progress.line(new JsonObject(timeline(START, 3, 0, 0, 0, 0, null)), null));
    }
}
