package io.glass2glass.cli;

import io.glass2glass.pipeline.LivePipeline;
import io.glass2glass.pipeline.StageMeter;
import io.glass2glass.player.PlayerGroup;
import io.glass2glass.report.RunEvents;
import io.glass2glass.report.RunSummary;
import io.glass2glass.scenario.GroupSpec;
import io.glass2glass.scenario.Scenario;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the whole harness on embedded defaults — pipeline, synthetic source, players, report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the live pipeline with the synthetic source, run players against it, write the run folder.")
public final class RunCommand implements Callable<Integer> {

    /** The summary section {@link StageMeter} fills: CPU, event-loop delay and encoder speed per stage. */
    static final String PIPELINE_SECTION = "pipeline";

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

    @Option(names = "--edges", defaultValue = "1",
            description = "Caching edges between players and origin (players are spread over them); 0 = none. Default: ${DEFAULT-VALUE}.")
    int edges;

    @Option(names = "--edge-profile", defaultValue = "cdn-live",
            description = "Edge profile (default, cdn-live, no-collapse, short-ttl, shielded) or YAML file. Default: ${DEFAULT-VALUE}.")
    String edgeProfile;

    /** A run of the embedded pipeline for {@code compare} and {@code capacity}: their options, one step each. */
    static RunCommand of(PlayerOptions players, String ladder, int edges, String edgeProfile) {
        RunCommand run = new RunCommand();
        run.players = players;
        run.ladder = ladder;
        run.edges = edges;
        run.edgeProfile = edgeProfile;
        run.stream = "demo";
        return run;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Scenario> scenario = players.scenario == null ? Optional.empty() : Optional.of(Scenario.load(players.scenario));
        // The scenario's pipeline, where it names one, over the options.
        Scenario.Pipeline chain = scenario.flatMap(Scenario::pipeline).orElse(new Scenario.Pipeline(ladder, edgeProfile, edges));
        int edges = chain.edges();
        // The synthetic source publishes over RTMP to an ingest on a free loopback port: the whole chain runs.
        LivePipeline.Options options = new LivePipeline.Options(stream, chain.ladder(), "127.0.0.1", httpPort, 6, edges,
                chain.edgeProfile(), 0, LivePipeline.Source.SYNTHETIC, 0, Optional.empty(), false);
        try (LivePipeline pipeline = LivePipeline.start(options)) {
            System.out.println("glass2glass run: pipeline up, origin on port " + pipeline.httpPort() + "; waiting for the stream to go live");
            if (!pipeline.awaitSegments(3, Duration.ofSeconds(60))) {
                System.out.println("glass2glass run: the stream did not go live within 60 s");
                return 1;
            }
            long liveAt = System.currentTimeMillis(); // written once the run folder exists, at the time it happened
            boolean dash = "dash".equalsIgnoreCase(players.format);
            List<URI> targets = pipeline.streamUrls().stream().map(u -> URI.create(u + (dash ? "manifest.mpd" : "master.m3u8"))).toList();
            players.defaultNetwork(DEFAULT_NETWORK);
            // Whole seconds, at least one, as the players' LoadPlan rounds it: both timelines tick alike.
            long intervalMs = Math.max(1, scenario.flatMap(Scenario::interval).orElse(DurationOption.parse(players.interval))
                    .toMillis() / 1000) * 1000;
            Optional<LoadRun.ScenarioPlay> play = scenario.map(sc -> {
                List<PlayerGroup> groups = sc.groups().stream().map(g -> g.toPlayerGroup(urls(pipeline, g))).toList();
                sc.checkTimeline(groups);
                return new LoadRun.ScenarioPlay(sc, groups, new PipelineFaultActions(pipeline.faults()));
            });
            // What each stage spent while the players played: the summary's pipeline section.
            AtomicReference<JsonObject> stages = new AtomicReference<>();
            return LoadRun.execute(targets, players, System.out,
                    summary -> {
                        RunSummary.Setup setup = summary.setup().orElseGet(RunSummary.Setup::ofThisJvm);
                        RunSummary withLadder = summary.withSetup(setup.withLadder(pipeline.ladder().describe()));
                        if (stages.get() != null) {
                            withLadder = withLadder.withSection(PIPELINE_SECTION, stages.get());
                        }
                        if (edges == 0) {
                            return withLadder;
                        }
                        RunSummary withEdge = withLadder.withEdge(EdgeSection.of(pipeline));
                        return CmcdSection.of(pipeline.edges(), withEdge).map(c -> withEdge.withSection(CmcdSection.NAME, c))
                                .orElse(withEdge);
                    },
                    folder -> {
                        RunEvents events = new RunEvents(folder.dir());
                        events.append(liveAt, "stream-live", "pipeline", "the stream " + stream + " had its first segments");
                        StageMeter meter = StageMeter.start(pipeline);
                        AutoCloseable timeline = new EdgeTimeline(PipelineCounters.of(pipeline), intervalMs, folder.dir(), events,
                                System::currentTimeMillis).start();
                        return () -> {
                            try {
                                timeline.close();
                            } finally {
                                stages.set(meter.stop());
                            }
                        };
                    }, play);
        }
    }

    /** A scenario group's URLs on the pipeline: every edge's (in turn), or the origin's. */
    private static List<URI> urls(LivePipeline pipeline, GroupSpec group) {
        boolean dash = group.format().equals("dash");
        List<String> bases = group.via() == GroupSpec.Via.ORIGIN ? List.of(pipeline.originStreamUrl()) : pipeline.streamUrls();
        return bases.stream().map(u -> URI.create(u + (dash ? "manifest.mpd" : "master.m3u8"))).toList();
    }
}
