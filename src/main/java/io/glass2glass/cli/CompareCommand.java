package io.glass2glass.cli;

import io.glass2glass.report.HtmlReport;
import io.glass2glass.report.RunSeries;
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
import java.util.Optional;
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

    @Option(names = "--vary", paramLabel = "SETTING=V1,V2,...",
            description = "Play the audience against each value of one pipeline setting in turn: edge-profile, edges, ladder "
                    + "or segment (seconds), e.g. --vary edges=1,2,4 or --vary segment=2,4 (the first value is the reference; "
                    + "the other settings as --ladder, --edges and the cdn-live profile).")
    String vary;

    @Option(names = "--repeat", defaultValue = "1", description = "Runs per configuration, to show run-to-run spread. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--ladder", defaultValue = "default", description = "Ladder of the pipeline. Default: ${DEFAULT-VALUE}.")
    String ladder;

    @Option(names = "--edges", defaultValue = "1", description = "Edges per pipeline. Default: ${DEFAULT-VALUE}.")
    int edges;

    @Mixin
    PlayerOptions players;

    /** One configuration played: its label in the table and the pipeline it runs on. */
    record Configuration(String label, String ladder, int edges, String edgeProfile) {}

    /**
     * The configurations to play, from {@code --edge-profile} or {@code --vary}; ladders made for
     * {@code segment=} values are written under {@code dir}.
     */
    static List<Configuration> configurations(List<String> edgeProfiles, String vary, String ladder, int edges, String edgeProfile,
            Path dir) throws java.io.IOException {
        if (!edgeProfiles.isEmpty()) {
            return edgeProfiles.stream().map(p -> new Configuration(p, ladder, edges, p)).toList();
        }
        int eq = vary.indexOf('=');
        if (eq <= 0 || eq == vary.length() - 1) {
            throw new IllegalArgumentException("--vary takes SETTING=V1,V2,... (edge-profile, edges, ladder or segment), got '" + vary + "'");
        }
        String setting = vary.substring(0, eq).trim();
        List<String> values = java.util.Arrays.stream(vary.substring(eq + 1).split(",")).map(String::trim).toList();
        if (values.size() < 2 || values.stream().anyMatch(String::isEmpty) || values.stream().distinct().count() < values.size()) {
            throw new IllegalArgumentException("--vary " + setting + " needs two or more different values, got '" + vary.substring(eq + 1) + "'");
        }
        List<Configuration> out = new ArrayList<>();
        for (String v : values) {
            String label = setting + "=" + v;
            switch (setting) {
                case "edge-profile" -> out.add(new Configuration(v, ladder, edges, v));
                case "ladder" -> {
                    io.glass2glass.fixtures.Fixtures.LADDERS.read(v); // a wrong name fails now, not after the first runs
                    out.add(new Configuration(label, v, edges, edgeProfile));
                }
                case "edges" -> {
                    int n;
                    try {
                        n = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--vary edges: '" + v + "' is not a whole number");
                    }
                    if (n < 1 || n > 16) {
                        throw new IllegalArgumentException("--vary edges: " + n + " is not between 1 and 16");
                    }
                    out.add(new Configuration(label, ladder, n, edgeProfile));
                }
                case "segment" -> out.add(new Configuration("segment=" + v.replaceAll("s$", "") + "s", segmentLadder(ladder, v, dir), edges,
                        edgeProfile));
                default -> throw new IllegalArgumentException("--vary can change edge-profile, edges, ladder or segment, not '" + setting + "'");
            }
        }
        return out;
    }

    /** {@code ladder} with another segment duration, written as a ladder file (the encoders' GOP follows it). */
    private static String segmentLadder(String ladder, String seconds, Path dir) throws java.io.IOException {
        double s;
        try {
            s = Double.parseDouble(seconds.endsWith("s") ? seconds.substring(0, seconds.length() - 1) : seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--vary segment: '" + seconds + "' is not a number of seconds");
        }
        if (!(s >= 0.5 && s <= 10)) {
            throw new IllegalArgumentException("--vary segment: " + seconds + " is not between 0.5 and 10 seconds");
        }
        io.glass2glass.fixtures.Fixtures.Document d = io.glass2glass.fixtures.Fixtures.LADDERS.read(ladder);
        Object doc = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
                .load(d.text());
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(d.origin() + ": a ladder is a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = new LinkedHashMap<>((Map<String, Object>) root);
        String name = changed.getOrDefault("name", "ladder") + "-" + seconds.replace("s", "") + "s";
        changed.put("name", name);
        changed.put("segmentSeconds", s);
        Path file = Files.createDirectories(dir).resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".yaml");
        Files.writeString(file, "# " + ladder + " with " + seconds + " s segments, written by compare --vary\n"
                + new org.yaml.snakeyaml.Yaml().dump(changed), StandardCharsets.UTF_8);
        return file.toString();
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        int sources = (runDirs.isEmpty() ? 0 : 1) + (edgeProfiles.isEmpty() ? 0 : 1) + (vary == null ? 0 : 1);
        if (sources != 1) {
            throw new IllegalArgumentException("give one of: run folders (compare DIR DIR...), --edge-profile a,b,... or --vary SETTING=a,b,...");
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
            List<Configuration> configs = configurations(edgeProfiles, vary, ladder, edges, "cdn-live",
                    players.out.resolve(base + "-ladders"));
            for (Configuration config : configs) {
                for (int k = 1; k <= repeat; k++) {
                    String runId = base + "-" + config.label().replaceAll("[^A-Za-z0-9_-]", "_") + (repeat > 1 ? "-" + k : "");
                    out.println("glass2glass compare: " + config.label() + (repeat > 1 ? " (run " + k + " of " + repeat + ")" : ""));
                    RunCommand run = RunCommand.of(players, config.ladder(), config.edges(), config.edgeProfile());
                    players.runId = runId;
                    int rc = run.call();
                    if (rc != 0) {
                        out.println("glass2glass compare: the run of " + config.label() + " failed (exit " + rc + ")");
                        return 2;
                    }
                    folders.computeIfAbsent(config.label(), p -> new ArrayList<>()).add(players.out.resolve(runId));
                }
            }
            runDirs = folders.values().stream().flatMap(List::stream).toList();
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (Path dir : runDirs) {
            summaries.add(RunSummary.read(dir.resolve("summary.json")));
        }
        Comparison comparison;
        if (folders.isEmpty()) {
            comparison = Comparison.of(summaries);
        } else {
            Map<String, List<RunSummary>> byLabel = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, List<Path>> config : folders.entrySet()) {
                List<RunSummary> runs = new ArrayList<>();
                for (Path ignored : config.getValue()) {
                    runs.add(summaries.get(i++));
                }
                byLabel.put(config.getKey(), runs);
            }
            comparison = new Comparison(byLabel);
        }
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
        Map<String, RunSeries> series = new LinkedHashMap<>();
        for (String config : comparison.configurations()) {
            String firstRun = comparison.runs(config).get(0).run().runId();
            Optional<Path> dir = runDirs.stream().filter(d -> d.getFileName().toString().equals(firstRun)).findFirst();
            if (dir.isPresent()) {
                series.put(config, RunSeries.read(dir.get(), 0));
            }
        }
        Files.writeString(page, ComparisonPage.render(comparison, links, series), StandardCharsets.UTF_8);
        out.println();
        out.println("Comparison: " + page.toAbsolutePath());
        return 0;
    }
}
