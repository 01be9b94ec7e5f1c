package io.glass2glass.cli;

import io.glass2glass.calibrate.Calibration;
import io.glass2glass.calibrate.CalibrationCase;
import io.glass2glass.calibrate.CalibrationTable;
import io.glass2glass.calibrate.DevToolsBrowser;
import io.glass2glass.calibrate.PlayerPages;
import io.glass2glass.calibrate.RealPlayer;
import io.glass2glass.calibrate.RealTimeViewer;
import io.glass2glass.pipeline.LivePipeline;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerProfile;
import io.glass2glass.player.StreamFormat;
import io.glass2glass.player.network.NetworkProfile;
import io.glass2glass.player.network.NetworkProfiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calibrate}: the same live stream over the same emulated links, played by real web players in
 * headless Chromium and by the model with the matching player profile, side by side.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Play a stream in hls.js, dash.js and Shaka in headless Chromium and in the model over the same links,"
                + " and print real against model (exit 1 when a case misses the goals).")
final class CalibrateCommand implements Callable<Integer> {

    static final String DEFAULT_LINKS = "unlimited,constant-3mbps-40ms,constant-1200kbps-80ms,drop-6-to-1,3g";

    @Option(names = "--hls", paramLabel = "URL",
            description = "Multivariant playlist to calibrate against. Default: the embedded pipeline through one edge.")
    URI hls;

    @Option(names = "--dash", paramLabel = "URL", description = "MPD to calibrate against. Default: the embedded pipeline through one edge.")
    URI dash;

    @Option(names = "--players", defaultValue = "hlsjs,dashjs,shaka", split = ",",
            description = "Real players (hlsjs, dashjs, shaka). Default: ${DEFAULT-VALUE}.")
    List<String> players;

    @Option(names = "--links", defaultValue = DEFAULT_LINKS, split = ",",
            description = "Network profiles (names or files), each emulated in Chromium and in the model. Default: ${DEFAULT-VALUE}.")
    List<String> links;

    @Option(names = "--viewers", defaultValue = "3", description = "Viewers per side and case. Default: ${DEFAULT-VALUE}.")
    int viewers;

    @Option(names = "--duration", defaultValue = "60s", description = "How long each case plays. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--players-dir", paramLabel = "DIR",
            description = "npm prefix holding the players (scripts/install-players.sh). Default: $G2G_PLAYERS_DIR or ~/.cache/glass2glass/players.")
    Path playersDir;

    @Option(names = "--ladder", defaultValue = "default", description = "Ladder of the embedded pipeline. Default: ${DEFAULT-VALUE}.")
    String ladder;

    @Option(names = "--out", defaultValue = "reports", description = "Where the run folder goes. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--run-id", description = "Run folder name. Default: calibrate-{date}-{time}.")
    String runId;

    @Override
    public Integer call() throws Exception {
        if (viewers < 1 || viewers > 8) {
            throw new IllegalArgumentException("--viewers must be from 1 to 8 (each is a Chromium window): " + viewers);
        }
        Duration length = DurationOption.parse(duration);
        if (length.toSeconds() < 10) {
            throw new IllegalArgumentException("--duration must be at least 10s: a start-up alone can take that long");
        }
        List<RealPlayer> real = players.stream().map(RealPlayer::of).toList();
        List<NetworkProfile> profiles = links.stream().map(NetworkProfiles::load).toList();
        Path dir = playersDir != null ? playersDir : RealPlayer.defaultDirectory();
        Map<RealPlayer, String> versions = new EnumMap<>(RealPlayer.class);
        for (RealPlayer p : RealPlayer.values()) {
            p.script(dir);
            versions.put(p, p.version(dir));
        }
        String id = runId != null ? runId : "calibrate-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path folder = out.resolve(id);
        PrintStream console = System.out;
        LivePipeline pipeline = null;
        Vertx vertx = Vertx.vertx();
        try {
            if (hls == null || dash == null) {
                pipeline = LivePipeline.start(LivePipeline.Options.defaults().withHttpPort(0).withLadder(ladder).withEdges(1, "cdn-live", 0));
                if (!pipeline.awaitSegments(4, Duration.ofSeconds(60))) {
                    throw new IOException("the embedded pipeline made no segments within 60 s");
                }
            }
            URI hlsUrl = hls != null ? hls : URI.create(pipeline.streamUrl() + "master.m3u8");
            URI dashUrl = dash != null ? dash : URI.create(pipeline.streamUrl() + "manifest.mpd");
            console.printf("glass2glass calibrate: %s against %s, %d viewer(s) per side, %s per case; run folder %s%n",
                    String.join(", ", real.stream().map(p -> p.displayName() + " " + versions.get(p)).toList()),
                    hls == null && dash == null ? "the embedded pipeline (one cdn-live edge)" : hlsUrl + " / " + dashUrl, viewers,
                    duration, folder);
            warmUp(hlsUrl);
            List<CalibrationCase> cases = new ArrayList<>();
            try (DevToolsBrowser browser = DevToolsBrowser.launch(); PlayerPages pages = PlayerPages.start(vertx, dir)) {
                Calibration calibration = new Calibration(browser, pages, versions::get);
                for (NetworkProfile link : profiles) {
                    for (RealPlayer p : real) {
                        URI stream = p.format() == StreamFormat.DASH ? dashUrl : hlsUrl;
                        PlayerProfile profile = PlayerProfile.of(p.id());
                        console.printf("  %s on %s …%n", p.displayName(), link.name());
                        CalibrationCase c = calibration.play(p, stream, link, viewers, length, profile.config(stream), profile.label());
                        cases.add(c);
                        write(folder, cases);
                    }
                }
            }
            console.print(CalibrationTable.render(cases));
            console.println("calibration.json: " + folder.resolve("calibration.json"));
            return cases.stream().allMatch(c -> c.misses().isEmpty()) ? 0 : 1;
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
            vertx.close();
        }
    }

    /** One model viewer for a few seconds first, so the first case's model does not pay the JVM's warm-up. */
    private static void warmUp(URI stream) throws Exception {
        RealTimeViewer viewer = new RealTimeViewer("warm-up", PlayerConfig.defaults(stream).withSessionMillis(6_000));
        viewer.start().get(30, TimeUnit.SECONDS);
    }

    private static void write(Path folder, List<CalibrationCase> cases) throws IOException {
        Files.createDirectories(folder);
        JsonArray all = new JsonArray();
        cases.forEach(c -> all.add(c.toJson()));
        Files.writeString(folder.resolve("calibration.json"), new JsonObject().put("cases", all).encodePrettily());
    }
}
