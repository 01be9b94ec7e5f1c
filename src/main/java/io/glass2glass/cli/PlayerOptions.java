package io.glass2glass.cli;

import io.glass2glass.player.LoadPlan;
import io.glass2glass.player.PlayerProfile;
import io.glass2glass.player.StreamFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** The player-side options {@code load} and {@code run} share. */
final class PlayerOptions {

    @Option(names = "--players", defaultValue = "50", description = "Players (virtual viewers) to start. Default: ${DEFAULT-VALUE}.")
    int players;

    @Option(names = "--ramp", defaultValue = "10s",
            description = "Players join evenly over this long (ramp), or arrive for this long (constant). Default: ${DEFAULT-VALUE}.")
    String ramp;

    @Option(names = "--duration", defaultValue = "60s", description = "How long each player watches. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--injection", defaultValue = "ramp",
            description = "ramp, spike (all join at once: a match start) or constant (--arrival-rate players/s). Default: ${DEFAULT-VALUE}.")
    String injection;

    @Option(names = "--arrival-rate", defaultValue = "0", description = "Players per second for --injection constant.")
    double arrivalRate;

    @Option(names = "--network",
            description = "Network profile, file, or weighted mix (cable:60,4g:30,3g:10). Bundled: unlimited, fiber, cable, 4g, 3g, "
                    + "constant-6mbps, constant-1mbps, drop-6-to-1, outage-10s. Default: unlimited for load, "
                    + RunCommand.DEFAULT_NETWORK + " for run.")
    String network;

    @Option(names = "--abr", defaultValue = "throughput",
            description = "ABR algorithm: throughput (hls.js), bola, dynamic (dash.js) or fixed:{rendition}. Default: ${DEFAULT-VALUE}.")
    String abr;

    @Option(names = "--player", paramLabel = "PROFILE",
            description = "Play like a real player: hlsjs (hls.js 1.7.4), dashjs (dash.js 5.2.1) or shaka (Shaka 5.2.12). Sets every"
                    + " default of the model, ABR included, to that player's (see `calibrate`). Default: none (--abr on the model's defaults).")
    String player;

    @Option(names = "--cmcd",
            description = "Players send Common Media Client Data (CTA-5004 v1) as the CMCD query argument, as hls.js, dash.js and Shaka"
                    + " do when it is on; the edge counts it. Default: off.")
    boolean cmcd;

    @Option(names = "--format", defaultValue = "auto", description = "auto (from the URL), hls or dash. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", defaultValue = "reports", description = "Folder that receives the run folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--run-id", description = "Name of the run folder (default: date, time and simulation).")
    String runId;

    @Option(names = "--share-connections", description = "Players share one HTTP connection pool (default: one pool per player).")
    boolean shareConnections;

    @Option(names = "--heap", defaultValue = "2g", description = "Heap of the Gatling JVM. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--interval", defaultValue = "5s", description = "QoE interval histogram period (qoe/*.hlog). Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--metrics-port",
            description = "Serve the load generator's own Prometheus /metrics on 127.0.0.1:PORT while the players play (0 picks a free port). Default: none.")
    Integer metricsPort;

    /** The port for the players' JVM's /metrics, chosen now when 0 so it can be printed; empty when off. */
    OptionalInt metricsPort() {
        if (metricsPort == null) {
            return OptionalInt.empty();
        }
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535: " + metricsPort);
        }
        if (metricsPort > 0) {
            return OptionalInt.of(metricsPort);
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return OptionalInt.of(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for --metrics-port 0", e);
        }
    }

    @Option(names = "--scenario", paramLabel = "FILE|NAME",
            description = "A scenario file (player groups, stages, a timeline of events, thresholds) or a bundled one: match-start, "
                    + "evening-peak, origin-outage, encoder-restart, mobile-degradation. Replaces --players, --ramp, --injection,"
                    + " --network, --abr, --format and --duration.")
    String scenario;

    @Option(names = "--gate", paramLabel = "FILE",
            description = "Judge the run against this gate file when it ends (see `gate`): table, gate.xml, and the verdict as exit code.")
    Path gate;

    @Option(names = "--baseline", paramLabel = "DIR", description = "With --gate: the run folder that relative thresholds compare with.")
    Path baseline;

    @Option(names = "--quiet", description = "No progress line while the players play (Gatling's own output always goes to gatling.log).")
    boolean quiet;

    /** Sets the network mix when the user gave none. */
    void defaultNetwork(String mix) {
        if (network == null) {
            network = mix;
        }
    }

    StreamFormat format(URI target) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "auto" -> StreamFormat.of(target);
            case "hls" -> StreamFormat.HLS;
            case "dash" -> StreamFormat.DASH;
            default -> throw new IllegalArgumentException("--format must be auto, hls or dash: " + format);
        };
    }

    LoadPlan plan(java.util.List<URI> targets, Path runDir, String runIdValue) {
        URI target = targets.get(0);
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap must look like 512m or 2g: " + heap);
        }
        String model = abr;
        if (player != null) {
            if (!"throughput".equals(abr)) {
                throw new IllegalArgumentException("--player sets the ABR itself; leave out --abr " + abr);
            }
            model = PlayerProfile.of(player).id();
        }
        return new LoadPlan(targets, format(target), players, injection, seconds(ramp, true), arrivalRate, seconds(duration, false),
                network, model, runDir, runIdValue, shareConnections, (int) Math.max(1, seconds(interval, false))).withCmcd(cmcd);
    }

    private static double seconds(String text, boolean zeroAllowed) {
        if (zeroAllowed && text.trim().matches("0+[a-z]*")) {
            return 0;
        }
        return DurationOption.parse(text).toMillis() / 1000.0;
    }
}
