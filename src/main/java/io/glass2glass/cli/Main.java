package io.glass2glass.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code glass2glass.jar}: one picocli subcommand per job. */
@Command(
        name = "glass2glass",
        mixinStandardHelpOptions = true,
        version = "glass2glass 0.1.0",
        description = "Load-testing and QoE simulation harness for live video.",
        subcommands = {ServeCommand.class, EdgeCommand.class, LoadCommand.class, RunCommand.class, ReportCommand.class, GateCommand.class, CompareCommand.class, CapacityCommand.class, CalibrateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // One line per log record, before any logger is created.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its error handling: a bad option value that a command rejects
     * ({@link IllegalArgumentException}) is one line on stderr and exit code 2, as picocli answers
     * an option it cannot parse; anything else keeps its stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("glass2glass " + commandLine.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
