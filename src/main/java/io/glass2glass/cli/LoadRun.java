package io.glass2glass.cli;

import io.glass2glass.player.LoadPlan;
import io.glass2glass.player.PlayerGroup;
import io.glass2glass.report.RunEvents;
import io.glass2glass.report.RunPhases;
import io.glass2glass.scenario.Scenario;
import io.glass2glass.scenario.ScenarioEvent;
import io.glass2glass.scenario.TimelineRunner;
import io.vertx.core.json.JsonObject;
import io.glass2glass.player.abr.AbrAlgorithms;
import io.glass2glass.player.network.NetworkMix;
import io.glass2glass.report.HtmlReport;
import io.glass2glass.report.RunFolder;
import io.glass2glass.report.RunSummary;
import io.glass2glass.report.SummaryTable;
import io.glass2glass.verdict.Gate;
import io.glass2glass.verdict.GateReport;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.nio.file.Files;

/** One load run: validate, fork Gatling, then turn its output into the run folder's report. */
final class LoadRun {

    private LoadRun() {}

    /**
     * @param decorate adds sections to summary.json before the report is rendered (e.g. the edges' figures)
     * @return the exit code: 0 when the run completed and produced a summary
     */
    static int execute(List<URI> targets, PlayerOptions options, PrintStream out, Decorator decorate) throws Exception {
        return execute(targets, options, out, decorate, folder -> () -> {});
    }

    /** As above; {@code players} is told the run folder before the players start and closed when they end. */
    static int execute(List<URI> targets, PlayerOptions options, PrintStream out, Decorator decorate, PlayersWatch players)
            throws Exception {
        return execute(targets, options, out, decorate, players, Optional.empty());
    }

    /**
     * A scenario's audience and timeline, ready to play: its groups with their URLs, and what its
     * events do ({@code run}: the pipeline's faults; {@code load}: nothing beyond the players' own
     * network events).
     */
    record ScenarioPlay(Scenario scenario, List<PlayerGroup> groups, TimelineRunner.Actions actions) {}

    /** As above, with a scenario's groups instead of the options' one group, and its timeline played beside them. */
    static int execute(List<URI> targets, PlayerOptions options, PrintStream out, Decorator decorate, PlayersWatch players,
            Optional<ScenarioPlay> scenario) throws Exception {
        for (URI target : targets) {
            if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
                throw new IllegalArgumentException("--target must be an http(s) URL: " + target);
            }
        }
        URI target = targets.get(0);
        // Fail here, in one line, rather than inside the forked JVM.
        NetworkMix.parse(options.network);
        AbrAlgorithms.create(options.abr);
        OptionalInt metricsPort = options.metricsPort();
        Optional<Gate> gate = Optional.empty();
        if (options.gate != null) {
            gate = Optional.of(Gate.read(options.gate)); // a broken gate file fails now, not after the run
        } else if (scenario.isPresent()) {
            gate = scenario.get().scenario().thresholds();
        }
        RunFolder folder = RunFolder.create(options.out, options.runId);
        LoadPlan plan;
        if (scenario.isPresent()) {
            Scenario sc = scenario.get().scenario();
            int interval = sc.interval().map(d -> (int) Math.max(1, d.toSeconds()))
                    .orElse((int) Math.max(1, DurationOption.parse(options.interval).toSeconds()));
            plan = LoadPlan.of(scenario.get().groups(), sc.networkSwitches(), folder.dir(), folder.runId(), options.shareConnections,
                    interval).withCmcd(options.cmcd);
            out.println("glass2glass load: scenario " + sc.name() + (sc.description().isEmpty() ? "" : " (" + sc.description() + ")"));
            for (PlayerGroup g : plan.groups()) {
                out.println("  group " + g.name() + ": " + g.players() + " players, " + g.describeStages()
                        + (g.sessionSeconds() > 0 ? ", each watching at most " + (long) g.sessionSeconds() + " s" : "")
                        + "; ABR " + g.abr() + ", network " + g.network() + ", on " + g.targets().get(0)
                        + (g.targets().size() > 1 ? " and " + (g.targets().size() - 1) + " more" : ""));
            }
            for (ScenarioEvent e : sc.timeline()) {
                out.println("  at " + e.at().toSeconds() + " s: " + e.type().label() + ", " + e.describe());
            }
            out.println("  run folder " + folder.dir());
        } else {
            plan = options.plan(targets, folder.dir(), folder.runId());
            out.println("glass2glass load: " + plan.describeInjection() + " against " + target
                    + (targets.size() > 1 ? " and " + (targets.size() - 1) + " more" : ""));
            out.println("  ABR " + plan.abr() + ", network " + plan.network() + ", run folder " + folder.dir());
        }
        metricsPort.ifPresent(port -> out.println("  load generator metrics on http://127.0.0.1:" + port + "/metrics"));
        out.flush();
        int rc;
        long expectedMillis = Math.round(plan.plannedSeconds() * 1000);
        List<String> timelineFailures = List.of();
        try (AutoCloseable watching = players.started(folder);
                AutoCloseable progress = options.quiet ? () -> {}
                        : new LiveProgress(folder.dir(), System.currentTimeMillis(), expectedMillis, out).start()) {
            TimelineRunner timeline = scenario.isEmpty() || scenario.get().scenario().timeline().isEmpty() ? null
                    : new TimelineRunner(scenario.get().scenario().timeline(), scenario.get().actions(), new RunEvents(folder.dir()),
                            out, System::currentTimeMillis).start();
            try {
                rc = GatlingLauncher.run(plan, options.heap, metricsPort, gate.map(Gate::abortRules).orElse(""));
            } finally {
                if (timeline != null) {
                    timeline.close(); // ends every fault still in force before anything else stops
                    timelineFailures = timeline.failures();
                }
            }
        }
        timelineFailures.forEach(f -> out.println("glass2glass load: scenario event failed: " + f));
        if (!Files.exists(folder.summaryJson())) {
            out.println("glass2glass load: Gatling exited with " + rc + " and wrote no summary; the end of "
                    + folder.gatlingLog() + ":");
            List<String> tail = GatlingLauncher.tail(folder.gatlingLog(), 20);
            tail.forEach(line -> out.println("  " + line));
            if (tail.stream().anyMatch(line -> line.contains("OutOfMemoryError"))) {
                out.println("glass2glass load: the players' JVM ran out of memory with --heap " + options.heap
                        + "; give it more (harness.heapPerPlayerBytes in a smaller run's summary.json is what each player keeps live, about 70 KB here)");
            }
            return gate.isPresent() ? GateReport.HARNESS_ERROR : 1;
        }
        RunSummary written = RunSummary.read(folder.summaryJson());
        JsonObject aborted = written.otherSections().getJsonObject("aborted");
        if (aborted != null) {
            // Gatling's own exit status after stopLoadGenerator is not the run's: the gate below judges it.
            rc = 0;
        }
        RunSummary summary = decorate.decorate(written);
        if (scenario.isPresent()) {
            Scenario sc = scenario.get().scenario();
            summary = summary.withSection("scenario", new JsonObject().put("name", sc.name()).put("description", sc.description())
                    .put("groups", plan.groups().size()).put("events", sc.timeline().size()));
            JsonObject phases = RunPhases.of(folder.dir());
            if (!phases.isEmpty()) {
                summary = summary.withSection(RunPhases.SECTION, phases);
            }
        }
        if (!summary.equals(written)) {
            summary.write(folder.summaryJson()); // once, with every section the players' JVM could not know
        }
        HtmlReport.render(folder.dir()); // from the folder, as `report DIR` does
        out.println();
        out.print(SummaryTable.render(summary));
        out.println();
        if (aborted != null) {
            out.println("Stopped early at " + aborted.getValue("atSeconds") + " s of " + aborted.getValue("plannedSeconds") + " s planned: "
                    + aborted.getString("reason") + " (abortOnFail)");
        }
        out.println("Run folder: " + folder.dir().toAbsolutePath());
        out.println("  summary.json, index.html, gatling/index.html, qoe/*.hlog");
        if (gate.isPresent()) {
            String source = options.gate != null ? options.gate.toString() : "the thresholds of scenario " + scenario.get().scenario().name();
            return rc != 0 || !timelineFailures.isEmpty() ? GateReport.HARNESS_ERROR
                    : GateCommand.judge(folder.dir(), gate.get(), source, Optional.ofNullable(options.baseline), out);
        }
        return rc == 0 && timelineFailures.isEmpty() ? 0 : 1;
    }

    /** What runs beside the players in this process (e.g. the edge timeline sampler), from their start to their end. */
    @FunctionalInterface
    interface PlayersWatch {
        AutoCloseable started(RunFolder folder) throws Exception;
    }

    /** Adds what the caller knows (e.g. the edges' figures) to the players' summary once they are done. */
    @FunctionalInterface
    interface Decorator {
        RunSummary decorate(RunSummary summary);
    }
}
