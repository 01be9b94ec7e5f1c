package io.glass2glass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chain's stages import only downwards (README, Layout): no stage imports a later one, none
 * runs back up, and only {@code pipeline} wires them together. Read from the sources, so a new
 * import that breaks the layering fails here with the file that made it.
 */
class PackageLayeringTest {

    private static final Path MAIN = Path.of("src/main/java/io/glass2glass");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.glass2glass\\.([a-z0-9_]+)\\.");

    /** Top-level package → the top-level packages it may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("media", Set.of()),
            Map.entry("http", Set.of()),
            Map.entry("metrics", Set.of()),
            Map.entry("fixtures", Set.of()),
            Map.entry("storage", Set.of()),
            Map.entry("rtmp", Set.of("media")),
            Map.entry("source", Set.of("media", "rtmp")),
            Map.entry("ingest", Set.of("media", "rtmp", "metrics")),
            Map.entry("encode", Set.of("media", "metrics", "fixtures")),
            Map.entry("packager", Set.of("media", "storage", "http", "metrics")),
            Map.entry("edge", Set.of("media", "http", "metrics", "fixtures")),
            Map.entry("qoe", Set.of("media", "metrics")),
            Map.entry("player", Set.of("qoe", "media", "fixtures")),
            Map.entry("report", Set.of("qoe", "media")),
            Map.entry("verdict", Set.of("report", "qoe", "media")),
            Map.entry("calibrate", Set.of("player", "qoe", "media")),
            Map.entry("scenario", Set.of("player", "verdict", "report", "qoe", "media")),
            Map.entry("pipeline", Set.of("media", "rtmp", "source", "ingest", "encode", "packager", "storage", "edge", "http",
                    "metrics", "fixtures")),
            Map.entry("cli", Set.of("pipeline", "edge", "player", "qoe", "report", "media", "metrics", "fixtures", "http",
                    "simulations", "verdict", "scenario", "calibrate")));

    @Test
    void everyTopLevelPackageIsPlacedInTheLayering() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages, "a new package needs its place in ALLOWED and the README's Layout");
    }

    @Test
    void noPackageImportsALaterStageOrRunsBackUp() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = MAIN.relativize(file).getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from) && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                        violations.add(MAIN.relativize(file) + " uses " + to);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", new TreeSet<>(violations)));
    }
}
