package io.glass2glass.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the whole harness on embedded defaults — pipeline, synthetic source, players, report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the live pipeline with the synthetic source, run players against it, write the run folder.")
public final class RunCommand implements Callable<Integer> {

    /** A viewer mix that makes ABR work: fast and mobile links side by side. */
    static final String DEFAULT_NETWORK = "cable:40,4g:40,3g:20";

    @Mixin
    PlayerOptions players;

    @Option(names = "--ladder", defaultValue = "default", description = "Ladder name or YAML file. Default: ${DEFAULT-VALUE}.")
    String ladder;

    @Option(names = {"--http-port", "--port"}, defaultValue = "0",
            description = "Origin HTTP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--stream", defaultValue = "demo", description = "Stream name. Default: ${DEFAULT-VALUE}.")
    String stream;

    @Override
    public Integer call() throws Exception {
        try (LivePipeline pipeline = LivePipeline.start(new LivePipeline.Options(stream, ladder, "127.0.0.1", httpPort, 6))) {
            System.out.println("glass2glass run: pipeline up, origin on port " + pipeline.httpPort() + "; waiting for the stream to go live");
            if (!pipeline.awaitSegments(3, Duration.ofSeconds(60))) {
                System.out.println("glass2glass run: the stream did not go live within 60 s");
                return 1;
            }
            boolean dash = "dash".equalsIgnoreCase(players.format);
            URI target = URI.create(pipeline.streamUrl() + (dash ? "manifest.mpd" : "master.m3u8"));
            players.defaultNetwork(DEFAULT_NETWORK);
            return LoadRun.execute(target, players, System.out, editor -> {});
        }
    }
}
