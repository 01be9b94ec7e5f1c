package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.pipeline.LivePipeline;
import io.glass2glass.report.RunSummary;
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
    /** Not an option of load: asks {@link #load} to leave --quiet out, so the progress lines print. */
    private static final String PROGRESS = "(progress)";

    @TempDir
    static Path reports;

    @BeforeAll
    static void startPipeline() throws Exception {
        pipeline = LiveStream.start();
    }

    @AfterAll
    static void stopPipeline() {
        LiveStream.stop(pipeline);
    }

    private static JsonObject load(String runId, String... args) throws Exception {
        return load(runId, new StringBuilder(), args);
    }

    /** Runs {@code load}; {@code printed} gets its console output. Quiet unless {@code args} ask for progress. */
    private static JsonObject load(String runId, StringBuilder printedOut, String... args) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            List<String> all = new ArrayList<>(List.of("--out", reports.toString(), "--run-id", runId, "--heap=512m"));
            List<String> rest = new ArrayList<>(List.of(args));
            if (!rest.remove(PROGRESS)) {
                all.add("--quiet");
            }
            all.addAll(rest);
            rc = new CommandLine(new LoadCommand()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        printedOut.append(printed);
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

    @Test
    void timelineShowsTheOutageWhereItWasAndAddsUpToTheSummary() throws Exception {
        // Every player joins at once; half of them lose their link 20 s to 30 s after joining (outage-10s).
        StringBuilder console = new StringBuilder();
        JsonObject summary = load("outage", console, PROGRESS, "--target", pipeline.streamUrl() + "master.m3u8",
                "--players", "6", "--injection", "spike", "--duration", "40s", "--interval", "2s",
                "--network", "unlimited:1,outage-10s:1");
        Path run = reports.resolve("outage");
        List<JsonObject> lines = Files.readAllLines(run.resolve("qoe/timeline.jsonl")).stream().map(JsonObject::new).toList();
        List<JsonObject> events = Files.readAllLines(run.resolve("events.jsonl")).stream().map(JsonObject::new).toList();
        long playersStart = events.stream().filter(e -> e.getString("type").equals("players-start")).findFirst()
                .orElseThrow(() -> new AssertionError("players-start in " + events)).getLong("t");
        assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("players-end")), "players-end in " + events);

        // Per-interval counts add up to the run's totals.
        JsonObject players = summary.getJsonObject("players");
        assertEquals(players.getLong("joined"), sum(lines, "players", "joined"));
        assertEquals(players.getLong("started"), sum(lines, "players", "started"));
        JsonObject requests = summary.getJsonObject("requests");
        for (String kind : List.of("multivariant", "media_playlist", "init", "segment")) {
            long perInterval = lines.stream().mapToLong(l -> l.getJsonObject("requests").getJsonObject(kind, new JsonObject())
                    .getLong("count", 0L)).sum();
            assertEquals(requests.getJsonObject(kind).getLong("count"), perInterval, kind + " requests");
        }
        JsonObject qoe = summary.getJsonObject("qoe");
        JsonObject rebufferCount = qoe.getJsonObject("rebufferCount");
        long stalls = Math.round(rebufferCount.getDouble("mean") * rebufferCount.getLong("count"));
        assertTrue(stalls >= 3, "the outage players stalled: " + qoe);
        assertEquals(stalls, sum(lines, "stalls", "begun"));
        double stalledSeconds = lines.stream().mapToDouble(l -> l.getJsonObject("stalls").getDouble("seconds")).sum();
        assertEquals(qoe.getDouble("stallSeconds"), stalledSeconds, 0.5, "seconds stalled per interval add up");

        // The stall is where the outage was: the worst interval ends within the outage (20-30 s) or just after it.
        JsonObject worst = lines.stream().max((a, b) -> Double.compare(a.getJsonObject("stalls").getDouble("seconds"),
                b.getJsonObject("stalls").getDouble("seconds"))).orElseThrow();
        double at = (worst.getLong("t") - playersStart) / 1000.0;
        assertTrue(at > 20 && at <= 34, "most time stalled in the interval ending " + at + " s after the players joined: " + lines);
        double before = lines.stream().filter(l -> l.getLong("t") - playersStart <= 18_000)
                .mapToDouble(l -> l.getJsonObject("stalls").getDouble("seconds")).sum();
        assertEquals(0.0, before, 0.0, "nobody stalled before the outage");

        // Cohorts: the outage players carry every stall; the others none.
        JsonObject network = summary.getJsonObject("cohorts").getJsonObject("network");
        assertEquals(3, network.getJsonObject("outage-10s").getJsonObject("players").getLong("joined"));
        assertEquals(0.0, network.getJsonObject("unlimited").getDouble("stallSeconds"), 0.0);
        assertEquals(qoe.getDouble("stallSeconds"), network.getJsonObject("outage-10s").getDouble("stallSeconds"), 0.01);

        // The console shows a progress line per interval, as a user watching the run reads it.
        List<String> progress = console.toString().lines().filter(l -> l.matches("  \\d+:\\d\\d / 0:40  \\d+ active, .*")).toList();
        assertTrue(progress.size() >= 10, "a progress line every 2 s:\n" + console);
        assertTrue(progress.stream().anyMatch(l -> l.contains("6 started, 0 failed") && l.contains("start-up p95")), console.toString());
        assertTrue(progress.stream().anyMatch(l -> l.matches(".* [1-3] stalled now.*")), "stalls show while they happen:\n" + console);
        assertTrue(console.indexOf("---- Requests") < 0, "none of Gatling's console output:\n" + console);
    }

    private static long sum(List<JsonObject> lines, String object, String field) {
        return lines.stream().mapToLong(l -> l.getJsonObject(object).getLong(field)).sum();
    }
}
