package io.glass2glass.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code glass2glass.jar}: one picocli subcommand per job. */
@Command(
        name = "glass2glass",
        mixinStandardHelpOptions = true,
        version = "glass2glass 0.1.0",
        description = "Load-testing and QoE simulation harness for live video.",
        subcommands = {ServeCommand.class, EdgeCommand.class, LoadCommand.class, RunCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // One line per log record, before any logger is created.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
