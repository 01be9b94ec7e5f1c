package io.glass2glass.cli;

import io.glass2glass.pipeline.LivePipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the reference live pipeline until Ctrl-C (or {@code --duration}). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the live pipeline: source -> RTMP ingest -> ABR encoder -> CMAF packager -> HLS/DASH origin -> edge.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--source", defaultValue = "synthetic",
            description = "What publishes into the RTMP ingest: synthetic (test pattern with burned-in clock and a tone, published "
                    + "over RTMP to 127.0.0.1:--rtmp-port as --stream) or rtmp (outside publishers to rtmp://host:--rtmp-port/live/{key}). "
                    + "Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--rtmp-port", defaultValue = "1935", description = "RTMP ingest port; 0 picks a free one (printed). Default: ${DEFAULT-VALUE}.")
    int rtmpPort;

    @Option(names = "--rtmp-keys", paramLabel = "FILE",
            description = "Stream keys file, one 'key streamName' pair per line (# comments): a publish with a key is served as its "
                    + "stream name, other keys are refused. Without it only loopback publishers are accepted and the key is the stream name.")
    Path rtmpKeys;

    @Option(names = "--rtmp-take-over",
            description = "A second publisher of a live stream replaces the current one (which is disconnected) instead of being refused.")
    boolean rtmpTakeOver;

    @Option(names = "--stream", defaultValue = "demo", description = "Stream name in URLs. Default: ${DEFAULT-VALUE}.")
    String stream;

    @Option(names = "--ladder", defaultValue = "default",
            description = "Ladder name in fixtures/ladders (default, full-hd) or a YAML file. Default: ${DEFAULT-VALUE}.")
    String ladder;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface the origin binds. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = {"--http-port", "--port"}, defaultValue = "8080",
            description = "Origin HTTP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--window", defaultValue = "6",
            description = "Segments per live playlist (at least three target durations). Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--edges", defaultValue = "1", description = "Caching edges in front of the origin; 0 = none. Default: ${DEFAULT-VALUE}.")
    int edges;

    @Option(names = "--edge-profile", defaultValue = "cdn-live",
            description = "Edge profile (default, cdn-live, no-collapse, short-ttl, shielded) or YAML file. Default: ${DEFAULT-VALUE}.")
    String edgeProfile;

    @Option(names = "--edge-port", defaultValue = "8081",
            description = "Port of the first edge (the next edges take the following ports); 0 picks free ones. Default: ${DEFAULT-VALUE}.")
    int edgePort;

    @Option(names = "--duration", description = "Stop after this long (e.g. 90s, 5m); runs until Ctrl-C when absent.")
    String duration;

    @Override
    public Integer call() throws Exception {
        if (!"synthetic".equals(source) && !"rtmp".equals(source)) {
            System.err.println("unknown --source " + source + " (available: synthetic, rtmp)");
            return 2;
        }
        Duration limit = duration == null ? null : DurationOption.parse(duration);
        if (rtmpKeys != null && !Files.isReadable(rtmpKeys)) {
            System.err.println("cannot read --rtmp-keys " + rtmpKeys);
            return 2;
        }
        boolean synthetic = "synthetic".equals(source);
        LivePipeline pipeline = LivePipeline.start(new LivePipeline.Options(stream, ladder, host, httpPort, window, edges, edgeProfile,
                edgePort, synthetic ? LivePipeline.Source.SYNTHETIC : LivePipeline.Source.RTMP, rtmpPort, Optional.ofNullable(rtmpKeys),
                rtmpTakeOver));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            pipeline.close();
            System.out.println("glass2glass serve: stopped");
            stopped.countDown();
        }, "g2g-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int port = pipeline.httpPort();
        System.out.println("glass2glass serve: ladder " + pipeline.ladder().name() + ", origin on port " + port
                + (edges > 0 ? ", " + edges + " edge(s) with profile " + edgeProfile : ""));
        if (synthetic) {
            System.out.println("  RTMP  rtmp://127.0.0.1:" + pipeline.rtmpPort() + "/live/{key}   (the synthetic source publishes stream "
                    + stream + " here; loopback only" + (rtmpKeys != null ? ", keys from " + rtmpKeys : "") + ")");
        } else {
            System.out.println("  RTMP  rtmp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + pipeline.rtmpPort()
                    + "/live/{key}   (stream " + (rtmpKeys != null ? "named for {key} in " + rtmpKeys : "{key}") + " below, once published)");
        }
        for (String url : pipeline.streamUrls()) {
            String base = synthetic ? url : url.replace("/live/" + stream + "/", "/live/{stream}/");
            System.out.println("  HLS   " + base + "master.m3u8");
            System.out.println("  DASH  " + base + "manifest.mpd");
        }
        if (edges > 0 && synthetic) {
            System.out.println("  origin " + pipeline.originStreamUrl() + "master.m3u8");
        }
        System.out.println("  health http://127.0.0.1:" + port + "/health   metrics http://127.0.0.1:" + port + "/metrics");
        System.out.println((synthetic ? "The stream is live" : "A stream is live") + " after its first segment ("
                + pipeline.ladder().segmentSeconds() + " s) once its publish has started. Ctrl-C stops.");
        System.out.flush();
        if (limit == null) {
            stopped.await();
        } else if (!stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            pipeline.close();
        }
        return 0;
    }
}
