package io.glass2glass.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the reference live pipeline until Ctrl-C (or {@code --duration}). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the live pipeline: source -> ABR encoder -> CMAF packager -> HLS/DASH origin.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--source", defaultValue = "synthetic",
            description = "Where the live picture comes from: synthetic (test pattern with burned-in clock and a tone) or rtmp "
                    + "(publishers to rtmp://host:--rtmp-port/live/{key}; loopback only). Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--rtmp-port", defaultValue = "1935", description = "RTMP ingest port for --source rtmp; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int rtmpPort;

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
        LivePipeline pipeline = LivePipeline.start(new LivePipeline.Options(stream, ladder, host, httpPort, window, edges, edgeProfile,
                edgePort, "rtmp".equals(source) ? rtmpPort : -1));
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
        if (pipeline.rtmpPort() >= 0) {
            System.out.println("  RTMP  rtmp://127.0.0.1:" + pipeline.rtmpPort() + "/live/{key}   (stream {key} below, once published)");
        }
        for (String url : pipeline.streamUrls()) {
            String base = pipeline.rtmpPort() >= 0 ? url.replace("/live/" + stream + "/", "/live/{key}/") : url;
            System.out.println("  HLS   " + base + "master.m3u8");
            System.out.println("  DASH  " + base + "manifest.mpd");
        }
        if (edges > 0 && pipeline.rtmpPort() < 0) {
            System.out.println("  origin " + pipeline.originStreamUrl() + "master.m3u8");
        }
        System.out.println("  health http://127.0.0.1:" + port + "/health   metrics http://127.0.0.1:" + port + "/metrics");
        System.out.println("The stream is live after its first segment (" + pipeline.ladder().segmentSeconds() + " s). Ctrl-C stops.");
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
