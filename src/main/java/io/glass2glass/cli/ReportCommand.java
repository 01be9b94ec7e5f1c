package io.glass2glass.cli;

import io.glass2glass.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report DIR}: renders a run folder's {@code index.html} again, with the renderer {@code load} and {@code run} use. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render DIR/index.html from an existing run folder (summary.json, qoe/*.hlog, timelines, events).")
public final class ReportCommand implements Callable<Integer> {

    /** Exit code for a folder that is not a run folder (picocli's own usage errors are 2 too). */
    static final int NOT_A_RUN_FOLDER = 2;

    @Parameters(index = "0", paramLabel = "DIR", description = "The run folder, e.g. reports/20261207-063000-LivePlayersSimulation.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!HtmlReport.isRunFolder(dir)) {
            err.println("glass2glass report: " + dir + " is not a run folder (no summary.json in it)");
            err.flush();
            return NOT_A_RUN_FOLDER;
        }
        try {
            Path page = HtmlReport.render(dir);
            out.println("glass2glass report: wrote " + page.toAbsolutePath());
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("glass2glass report: " + dir + " is not a run folder that can be read: " + e.getMessage());
            err.flush();
            return NOT_A_RUN_FOLDER;
        }
    }
}
