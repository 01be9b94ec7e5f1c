package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.testing.EndToEnd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code serve} prints on start-up, read as a user reads it. */
@EndToEnd
class ServeConsoleTest {

    @Test
    void serveOnFreePortsPrintsTheRtmpUrlItListensOn() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            rc = new CommandLine(new ServeCommand()).execute("--ladder", "tiny", "--http-port", "0", "--edges", "0", "--rtmp-port", "0",
                    "--stream", "cam1", "--duration", "3s");
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, printed);
        Matcher rtmp = Pattern.compile("RTMP  rtmp://127\\.0\\.0\\.1:(\\d+)/live/\\{key\\}.*stream cam1").matcher(printed);
        assertTrue(rtmp.find(), printed);
        assertNotEquals("0", rtmp.group(1), "the chosen port is printed");
        assertTrue(printed.contains("/live/cam1/master.m3u8"), printed);
    }
}
