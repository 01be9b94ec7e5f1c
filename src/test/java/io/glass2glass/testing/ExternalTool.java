package io.glass2glass.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian tools (ffmpeg, ffprobe) as independent clients. A missing tool fails the test: the
 * README's test command installs them, so absence means a broken install step, not a reason to skip.
 */
public final class ExternalTool {

    /** What a finished process printed. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private ExternalTool() {}

    public static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return fail(tool + " is not on the PATH: run the tests with scripts/test.sh, which installs it");
    }

    /** Runs a command with a deadline; the process is killed when it passes. */
    public static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, require(cmd.get(0)));
        Path out = Files.createTempFile("g2g-tool-", ".out");
        Path err = Files.createTempFile("g2g-tool-", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; stderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
