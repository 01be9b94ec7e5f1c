package io.glass2glass.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The run folder's {@code events.jsonl}: one JSON object per line, appended whole. Opened with
 * APPEND for every write because the load JVM appends its own events to the same file.
 * (To move to a package both the load JVM and cli use once the issue-12 branches merge.)
 */
final class RunEvents {

    static final String FILE = "events.jsonl";

    private final Path file;

    RunEvents(Path runDir) {
        this.file = runDir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** Appends one event; synchronized so two threads of this process never interleave their lines. */
    synchronized void append(long t, String type, String source, String detail) throws IOException {
        JsonObject line = new JsonObject().put("t", t).put("type", type).put("source", source).put("detail", detail);
        // One write call of the whole line: O_APPEND keeps concurrent writers' lines apart.
        Files.write(file, (line.encode() + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
