package io.glass2glass.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The output folder of one run, {@code reports/{run-id}/}: {@code summary.json} (machine-readable
 * figures), {@code index.html} (the QoE report), {@code gatling/} (Gatling's own report) and
 * {@code qoe/*.hlog} (HdrHistogram interval logs).
 */
public final class RunFolder {

    /** The simulation named in generated run ids when the caller names none. */
    public static final String DEFAULT_SIMULATION = "LivePlayersSimulation";
    /** The players' JVM's console output (Gatling's, and any error the JVM printed). */
    public static final String GATLING_LOG = "gatling.log";

    private static final int MAX_RUN_ID_LENGTH = 128;
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final String runId;
    private final Path dir;

    private RunFolder(String runId, Path dir) {
        this.runId = runId;
        this.dir = dir;
    }

    /**
     * Creates {@code reportsDir/{runId}/}, a generated id naming {@link #DEFAULT_SIMULATION}; see
     * {@link #create(Path, String, String)}.
     */
    public static RunFolder create(Path reportsDir, String runId) throws IOException {
        return create(reportsDir, runId, DEFAULT_SIMULATION);
    }

    /**
     * Creates {@code reportsDir/{run-id}/} with its {@code qoe/} and {@code gatling/} subfolders.
     *
     * @param runId      the run id, sanitised to {@code [A-Za-z0-9._-]}; {@code null} generates
     *                   {@code yyyyMMdd-HHmmss-<simulation>} from the current UTC time
     * @param simulation the simulation named in a generated run id
     * @throws FileAlreadyExistsException if the folder exists and is not empty: an earlier run is never overwritten
     */
    public static RunFolder create(Path reportsDir, String runId, String simulation) throws IOException {
        String id = runId == null ? generateRunId(simulation, Instant.now()) : sanitize(runId);
        Path dir = reportsDir.resolve(id);
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "run folder exists and is not empty");
        }
        RunFolder folder = new RunFolder(id, dir);
        Files.createDirectories(folder.qoeDir());
        Files.createDirectories(folder.gatlingDir());
        return folder;
    }

    /** Opens the existing run folder {@code dir}, e.g. for a later stage that adds to its summary. */
    public static RunFolder open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        return new RunFolder(dir.getFileName().toString(), dir);
    }

    /** The run id of a run of {@code simulation} started at {@code startedAt}: {@code yyyyMMdd-HHmmss-<simulation>}, UTC. */
    public static String generateRunId(String simulation, Instant startedAt) {
        Objects.requireNonNull(simulation, "simulation");
        return sanitize(RUN_ID_TIME.format(startedAt) + "-" + simulation);
    }

    /**
     * Makes {@code runId} safe as one folder name: characters outside {@code [A-Za-z0-9._-]} become
     * {@code -}, leading dots are dropped and the length is capped.
     *
     * @throws IllegalArgumentException if nothing usable is left
     */
    public static String sanitize(String runId) {
        String safe = runId.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^\\.+", "");
        if (safe.length() > MAX_RUN_ID_LENGTH) {
            safe = safe.substring(0, MAX_RUN_ID_LENGTH);
        }
        if (safe.isEmpty()) {
            throw new IllegalArgumentException("run id has no usable characters: " + runId);
        }
        return safe;
    }

    /** The run id, also the folder's name. */
    public String runId() {
        return runId;
    }

    /** {@code reports/{run-id}/}. */
    public Path dir() {
        return dir;
    }

    /** {@code qoe/}: the HdrHistogram interval logs. */
    public Path qoeDir() {
        return dir.resolve("qoe");
    }

    /** {@code gatling/}: Gatling's own report. */
    public Path gatlingDir() {
        return dir.resolve("gatling");
    }

    /** {@code summary.json}. */
    public Path summaryJson() {
        return dir.resolve("summary.json");
    }

    /** {@code gatling.log}. */
    public Path gatlingLog() {
        return dir.resolve(GATLING_LOG);
    }

    /** {@code index.html}. */
    public Path indexHtml() {
        return dir.resolve("index.html");
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
