package io.glass2glass.cli;

import io.glass2glass.player.LoadPlan;
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
        if (options.gate != null) {
            Gate.read(options.gate); // a broken gate file fails now, not after the run
        }
        RunFolder folder = RunFolder.create(options.out, options.runId);
        LoadPlan plan = options.plan(targets, folder.dir(), folder.runId());
        out.println("glass2glass load: " + plan.describeInjection() + " against " + target
                + (targets.size() > 1 ? " and " + (targets.size() - 1) + " more" : ""));
        out.println("  ABR " + plan.abr() + ", network " + plan.network() + ", run folder " + folder.dir());
        metricsPort.ifPresent(port -> out.println("  load generator metrics on http://127.0.0.1:" + port + "/metrics"));
        out.flush();
        int rc;
        long expectedMillis = Math.round(((plan.injection().equals("spike") ? 0 : plan.rampSeconds()) + plan.sessionSeconds()) * 1000);
        try (AutoCloseable watching = players.started(folder);
                AutoCloseable progress = options.quiet ? () -> {}
                        : new LiveProgress(folder.dir(), System.currentTimeMillis(), expectedMillis, out).start()) {
            rc = GatlingLauncher.run(plan, options.heap, metricsPort);
        }
        if (!Files.exists(folder.summaryJson())) {
            out.println("glass2glass load: Gatling exited with " + rc + " and wrote no summary; the end of "
                    + folder.gatlingLog() + ":");
            GatlingLauncher.tail(folder.gatlingLog(), 20).forEach(line -> out.println("  " + line));
            return 1;
        }
        RunSummary written = RunSummary.read(folder.summaryJson());
        RunSummary summary = decorate.decorate(written);
        if (!summary.equals(written)) {
            summary.write(folder.summaryJson()); // once, with every section the players' JVM could not know
        }
        HtmlReport.render(folder.dir()); // from the folder, as `report DIR` does
        out.println();
        out.print(SummaryTable.render(summary));
        out.println();
        out.println("Run folder: " + folder.dir().toAbsolutePath());
        out.println("  summary.json, index.html, gatling/index.html, qoe/*.hlog");
        if (options.gate != null) {
            return rc != 0 ? GateReport.HARNESS_ERROR
                    : GateCommand.judge(folder.dir(), options.gate, Optional.ofNullable(options.baseline), out);
        }
        return rc == 0 ? 0 : 1;
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
