package io.glass2glass.cli;

import io.glass2glass.player.PlayerGroup;
import io.glass2glass.scenario.GroupSpec;
import io.glass2glass.scenario.Scenario;
import io.glass2glass.scenario.ScenarioEvent;
import io.glass2glass.scenario.TimelineRunner;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code load}: simulated live players against any HLS or DASH URL. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Run simulated live players (Gatling) against any HLS or DASH URL and write a run folder.")
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--target", description = "Multivariant playlist (.m3u8) or MPD (.mpd) URL (required unless the scenario names one).")
    String target;

    @Mixin
    PlayerOptions players;

    @Override
    public Integer call() throws Exception {
        players.defaultNetwork("unlimited");
        if (players.scenario != null) {
            Scenario scenario = Scenario.load(players.scenario);
            URI url = target != null ? URI.create(target) : scenario.target().orElseThrow(() -> new IllegalArgumentException(
                    "scenario " + scenario.name() + " names no target: give --target URL (or use run, which starts its own pipeline)"));
            List<ScenarioEvent> pipelineEvents = scenario.pipelineEvents();
            if (!pipelineEvents.isEmpty()) {
                throw new IllegalArgumentException("scenario " + scenario.name() + " scripts " + pipelineEvents.get(0).type().label()
                        + ", which acts on the embedded pipeline: play it with run --scenario, or remove it for load");
            }
            for (GroupSpec g : scenario.groups()) {
                if (g.via() == GroupSpec.Via.ORIGIN) {
                    throw new IllegalArgumentException("group " + g.name() + " says 'via: origin', which only run can play");
                }
            }
            List<PlayerGroup> groups = scenario.groups().stream().map(g -> g.toPlayerGroup(List.of(url))).toList();
            scenario.checkTimeline(groups);
            // Network events act in the players' JVM; the timeline here only records them.
            TimelineRunner.Actions recordOnly = new TimelineRunner.Actions() {
                @Override
                public void begin(ScenarioEvent event) {}

                @Override
                public void end(ScenarioEvent event) {}
            };
            return LoadRun.execute(List.of(url), players, System.out, summary -> summary, folder -> () -> {},
                    Optional.of(new LoadRun.ScenarioPlay(scenario, groups, recordOnly)));
        }
        if (target == null) {
            throw new IllegalArgumentException("load needs --target URL (or a --scenario that names one)");
        }
        return LoadRun.execute(List.of(URI.create(target)), players, System.out, summary -> summary);
    }
}
