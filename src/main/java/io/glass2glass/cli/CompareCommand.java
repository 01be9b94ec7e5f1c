package io.glass2glass.cli;

import io.glass2glass.report.HtmlReport;
import io.glass2glass.report.RunSummary;
import io.glass2glass.verdict.Comparison;
import io.glass2glass.verdict.ComparisonPage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare}: the same audience against several edge profiles in turn, each on a fresh
 * embedded pipeline (or existing run folders), side by side in the console and in one HTML page.
 * The audience is the same because players are deterministic per player number: the same network
 * profile, target and join slot in every run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare run folders (compare DIR DIR...) or play one audience against each of --edge-profile a,b,... "
                + "on a fresh pipeline each; prints a table and writes an HTML page.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "Existing run folders to compare (the first is the reference).")
    List<Path> runDirs = new ArrayList<>();

    @Option(names = "--edge-profile", split = ",", paramLabel = "PROFILE",
            description = "Edge profiles to play the audience against, in turn (the first is the reference).")
    List<String> edgeProfiles = new ArrayList<>();

    @Option(names = "--repeat", defaultValue = "1", description = "Runs per configuration, to show run-to-run spread. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--ladder", defaultValue = "default", description = "Ladder of the pipeline. Default: ${DEFAULT-VALUE}.")
    String ladder;

    @Option(names = "--edges", defaultValue = "1", description = "Edges per pipeline. Default: ${DEFAULT-VALUE}.")
    int edges;

    @Mixin
    PlayerOptions players;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (runDirs.isEmpty() == edgeProfiles.isEmpty()) {
            throw new IllegalArgumentException("give either run folders (compare DIR DIR...) or --edge-profile a,b,...");
        }
        if (repeat < 1 || repeat > 20) {
            throw new IllegalArgumentException("--repeat must be between 1 and 20: " + repeat);
        }
        Map<String, List<Path>> folders = new LinkedHashMap<>();
        if (!runDirs.isEmpty()) {
            for (Path dir : runDirs) {
                if (!HtmlReport.isRunFolder(dir)) {
                    throw new IllegalArgumentException(dir + " is not a run folder (no summary.json)");
                }
            }
        } else {
            if (edges < 1) {
                throw new IllegalArgumentException("--edges must be at least 1 to compare edge profiles");
            }
            String base = players.runId != null ? players.runId
                    : "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            for (String profile : edgeProfiles) {
                for (int k = 1; k <= repeat; k++) {
                    String runId = base + "-" + profile.replaceAll("[^A-Za-z0-9_-]", "_") + (repeat > 1 ? "-" + k : "");
                    out.println("glass2glass compare: " + profile + (repeat > 1 ? " (run " + k + " of " + repeat + ")" : ""));
                    RunCommand run = RunCommand.of(players, ladder, edges, profile);
                    players.runId = runId;
                    int rc = run.call();
                    if (rc != 0) {
                        out.println("glass2glass compare: the run against " + profile + " failed (exit " + rc + ")");
                        return 2;
                    }
                    folders.computeIfAbsent(profile, p -> new ArrayList<>()).add(players.out.resolve(runId));
                }
            }
            runDirs = folders.values().stream().flatMap(List::stream).toList();
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (Path dir : runDirs) {
            summaries.add(RunSummary.read(dir.resolve("summary.json")));
        }
        Comparison comparison = Comparison.of(summaries);
        out.println();
        out.print(comparison.table());
        Path page = (folders.isEmpty() ? runDirs.get(0).toAbsolutePath().getParent() : players.out)
                .resolve("compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".html");
        Map<String, List<String>> links = new LinkedHashMap<>();
        Path parent = page.toAbsolutePath().getParent();
        for (String config : comparison.configurations()) {
            List<String> paths = new ArrayList<>();
            for (RunSummary s : comparison.runs(config)) {
                runDirs.stream().filter(d -> d.getFileName().toString().equals(s.run().runId())).findFirst()
                        .ifPresent(d -> paths.add(parent.relativize(d.toAbsolutePath()).toString()));
            }
            links.put(config, paths);
        }
        Files.writeString(page, ComparisonPage.render(comparison, links), StandardCharsets.UTF_8);
        out.println();
        out.println("Comparison: " + page.toAbsolutePath());
        return 0;
    }
}
