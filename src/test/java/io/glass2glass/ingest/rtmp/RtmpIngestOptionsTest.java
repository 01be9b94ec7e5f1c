package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtmpIngestOptionsTest {

    @Test
    void defaultsAreLoopbackOnlyWithoutTakeOver() {
        RtmpIngestOptions o = RtmpIngestOptions.of("127.0.0.1", 1935);
        assertEquals(Optional.empty(), o.keys());
        assertEquals(false, o.takeOver());
    }

    @Test
    void aKeyAddedKeepsTheKeysFileEntries(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "# comment\n\ns3cr3t cam1\nother cam2\n");
        RtmpIngestOptions o = RtmpIngestOptions.of("127.0.0.1", 0).withKeysFile(file).withKey("internal", "demo");
        assertEquals(Map.of("s3cr3t", "cam1", "other", "cam2", "internal", "demo"), o.keys().orElseThrow());
    }

    @Test
    void aMalformedKeysFileLineIsReportedWithoutTheKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "verysecretkey cam1 extra\n");
        IOException e = assertThrows(IOException.class, () -> RtmpIngestOptions.of("127.0.0.1", 0).withKeysFile(file));
        assertTrue(e.getMessage().contains("ver…") && !e.getMessage().contains("verysecretkey"), e.getMessage());
    }

    @Test
    void settingsAreKeptByEveryWither() {
        RtmpIngestOptions o = RtmpIngestOptions.of("::1", 0).withTakeOver(true).withIdleSeconds(3)
                .withQueueCapacity(7).withKey("k", "s");
        assertEquals(new RtmpIngestOptions("::1", 0, Optional.of(Map.of("k", "s")), 3, 7, true), o);
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RtmpIngestOptions.of("127.0.0.1", 0).withIdleSeconds(0));
        assertThrows(IllegalArgumentException.class, () -> RtmpIngestOptions.of("127.0.0.1", 70000));
        assertThrows(IllegalArgumentException.class, () -> RtmpIngestOptions.of("127.0.0.1", 0).withQueueCapacity(0));
    }
}
