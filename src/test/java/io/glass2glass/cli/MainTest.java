package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user sees when an option value is wrong: one line naming it, exit code 2, nothing started. */
class MainTest {

    private static String[] run(Path out, String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int rc = cli.execute(args);
        return new String[] {Integer.toString(rc), err.toString()};
    }

    @Test
    void aMetricsPortOutOfRangeIsOneLineAndExitCodeTwo(@TempDir Path out) {
        String[] result = run(out, "load", "--target", "http://127.0.0.1:9/live/x/master.m3u8", "--metrics-port", "70000",
                "--out", out.toString());
        assertEquals("2", result[0]);
        assertEquals("glass2glass load: --metrics-port must be between 0 and 65535: 70000\n", result[1]);
    }

    @Test
    void aTargetThatIsNotHttpIsOneLine(@TempDir Path out) {
        String[] result = run(out, "load", "--target", "ftp://example/x.m3u8", "--out", out.toString());
        assertEquals("2", result[0]);
        assertEquals("glass2glass load: --target must be an http(s) URL: ftp://example/x.m3u8\n", result[1]);
    }
}
