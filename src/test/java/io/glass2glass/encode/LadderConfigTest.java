package io.glass2glass.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.Ladder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bundled ladders and the YAML form, the passthrough flag included. */
class LadderConfigTest {

    @Test
    void bundledEncodingLaddersAreNotPassthrough() {
        for (String name : new String[] {"default", "full-hd", "tiny"}) {
            assertFalse(LadderConfig.load(name).passthrough(), name);
        }
    }

    @Test
    void thePassthroughLadderNamesOneVideoRenditionAndTheAudio() {
        Ladder ladder = LadderConfig.load("passthrough");
        assertTrue(ladder.passthrough());
        assertEquals(1, ladder.video().size());
        assertEquals("source", ladder.video().get(0).id());
        assertEquals("audio", ladder.audio().id());
        assertEquals(2.0, ladder.segmentSeconds());
    }

    @Test
    void aPassthroughLadderWithSeveralRungsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("""
                name: two
                passthrough: true
                video:
                  - {id: a, width: 640, height: 360, bitrateKbps: 800}
                  - {id: b, width: 320, height: 180, bitrateKbps: 400}
                """));
        assertTrue(e.getMessage().contains("exactly one"), e.getMessage());
    }

    @Test
    void passthroughMustBeABoolean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("""
                name: p
                passthrough: maybe
                video: [{id: a, width: 640, height: 360, bitrateKbps: 800}]
                """));
        assertTrue(e.getMessage().contains("'passthrough' must be true or false"), e.getMessage());
    }

    @Test
    void anEncodedRungMustBeEvenSized() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("""
                name: odd
                video: [{id: a, width: 641, height: 360, bitrateKbps: 800}]
                """));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }

    private static Ladder parse(String yaml) {
        return LadderConfig.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
