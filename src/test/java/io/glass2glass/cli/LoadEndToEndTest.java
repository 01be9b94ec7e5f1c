package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.pipeline.LivePipeline;
import io.glass2glass.report.RunSummary;
import io.glass2glass.testing.EndToEnd;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code load} for real: Gatling forked with the simulations, players against the live pipeline on
 * a free port, asserting on the run folder it writes.
 */
@EndToEnd
class LoadEndToEndTest {

    private static LivePipeline pipeline;

    @TempDir
    static Path reports;

    @BeforeAll
    static void startPipeline() throws Exception {
        pipeline = LivePipeline.start(LivePipeline.Options.defaults().withHttpPort(0));
        assertTrue(pipeline.awaitSegments(3, Duration.ofSeconds(60)), "stream live");
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static JsonObject load(String runId, String... args) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            String[] all = new String[args.length + 6];
            all[0] = "--out";
            all[1] = reports.toString();
            all[2] = "--run-id";
            all[3] = runId;
            all[4] = "--quiet";
            all[5] = "--heap=512m";
            System.arraycopy(args, 0, all, 6, args.length);
            rc = new CommandLine(new LoadCommand()).execute(all);
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        Path run = reports.resolve(runId);
        assertEquals(0, rc, "load exit code; console:\n" + printed + "\ngatling.log:\n" + tail(run.resolve("gatling.log")));
        assertTrue(printed.contains("QoE (CTA-2066)"), "the summary table is printed:\n" + printed);
        assertTrue(Files.exists(run.resolve("index.html")), "index.html");
        assertTrue(Files.exists(run.resolve("gatling/index.html")), "Gatling's report in gatling/");
        assertTrue(Files.exists(run.resolve("qoe/startupMs.hlog")), "interval logs in qoe/");
        return RunSummary.read(run.resolve("summary.json")).toJson();
    }

    private static String tail(Path file) throws Exception {
        if (!Files.exists(file)) {
            return "(none)";
        }
        String s = Files.readString(file);
        return s.substring(Math.max(0, s.length() - 4000));
    }

    @Test
    void hlsPlayersOnAMixOfNetworksAllStartAndRequestEveryRung(@TempDir Path profiles) throws Exception {
        // A 3 Mb/s link: hls.js's factors keep it on 480p (0.95 × 3 < 2.93 Mb/s for 720p, 0.7 × 3 > 1.53 for 480p).
        Path threeMbps = profiles.resolve("three-mbps.json");
        Files.writeString(threeMbps, "[{\"duration_ms\": 60000, \"bandwidth_kbps\": 3000, \"latency_ms\": 20}]");
        JsonObject summary = load("hls-mix", "--target", pipeline.streamUrl() + "master.m3u8", "--players", "9", "--ramp", "3s",
                "--duration", "20s", "--network", "cable:1," + threeMbps + ":1,constant-1mbps:1");
        JsonObject players = summary.getJsonObject("players");
        assertEquals(9, players.getLong("started"), "every player started: " + players);
        assertEquals(0, players.getLong("failedToStart"));
        assertEquals(0, players.getLong("playbackFailed"));
        JsonObject time = summary.getJsonObject("qoe").getJsonObject("timeAtRenditionSeconds");
        for (String rung : new String[] {"720p", "480p", "360p"}) {
            assertTrue(time.getDouble(rung, 0.0) > 0, rung + " was played: " + time);
        }
        assertTrue(summary.getJsonObject("requests").getJsonObject("segment").getLong("count") > 9 * 10, "segments fetched");
        assertEquals(0, summary.getJsonObject("requests").getJsonObject("segment").getLong("errors"));
    }

    @Test
    void dashPlayersOnAnUnconstrainedNetworkPlayWithoutFailures() throws Exception {
        JsonObject summary = load("dash-unlimited", "--target", pipeline.streamUrl() + "manifest.mpd", "--players", "6", "--ramp", "2s",
                "--duration", "15s");
        JsonObject players = summary.getJsonObject("players");
        assertEquals(6, players.getLong("started"), "every player started: " + players);
        assertEquals(0, players.getLong("playbackFailed"));
        JsonObject requests = summary.getJsonObject("requests");
        assertTrue(requests.getJsonObject("mpd").getLong("count") >= 6, "MPDs loaded");
        assertEquals(0, requests.getJsonObject("mpd").getLong("errors") + requests.getJsonObject("segment").getLong("errors"));
        assertEquals(0.0, summary.getJsonObject("qoe").getJsonObject("rebufferRatio").getDouble("max"), 0.0, "no stalls");
        long latencyP50 = summary.getJsonObject("qoe").getJsonObject("liveLatencyMs").getLong("p50");
        assertTrue(latencyP50 > 4_000 && latencyP50 < 12_000, "live latency near the suggested presentation delay: " + latencyP50);
    }
}
