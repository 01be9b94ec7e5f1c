package io.glass2glass.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The run folder's {@code events.jsonl}: one JSON object per line ({@code t} epoch ms, {@code type},
 * {@code source}, {@code detail}, and {@code until} for events with a duration), appended whole.
 * Both the process that runs the pipeline and the players' JVM append to the same file, so every
 * write opens it with APPEND: O_APPEND keeps the two writers' lines apart.
 */
public final class RunEvents {

    public static final String FILE = RunSeries.EVENTS;

    private final Path file;

    public RunEvents(Path runDir) {
        this.file = runDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Appends one event; synchronized so two threads of this process never interleave their lines. */
    public synchronized void append(long t, String type, String source, String detail) throws IOException {
        write(new JsonObject().put("t", t).put("type", type).put("source", source).put("detail", detail));
    }

    /** Appends one event that lasted from {@code t} to {@code until} (epoch ms). */
    public synchronized void append(long t, long until, String type, String source, String detail) throws IOException {
        write(new JsonObject().put("t", t).put("until", until).put("type", type).put("source", source).put("detail", detail));
    }

    private void write(JsonObject line) throws IOException {
        // One write call of the whole line.
        Files.write(file, (line.encode() + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
