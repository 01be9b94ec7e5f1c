package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.cli.CompareCommand.Configuration;
import io.glass2glass.encode.LadderConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code compare --vary} plays: one configuration per value, the rest of the pipeline unchanged. */
class CompareCommandTest {

    @TempDir
    Path dir;

    private List<Configuration> vary(String vary) throws Exception {
        return CompareCommand.configurations(List.of(), vary, "default", 1, "cdn-live", dir);
    }

    @Test
    void edgesAndLaddersAreVariedOneAtATime() throws Exception {
        assertEquals(List.of(new Configuration("edges=1", "default", 1, "cdn-live"), new Configuration("edges=3", "default", 3, "cdn-live")),
                vary("edges=1,3"));
        assertEquals(List.of(new Configuration("ladder=default", "default", 1, "cdn-live"),
                new Configuration("ladder=tiny", "tiny", 1, "cdn-live")), vary("ladder=default, tiny"));
        assertEquals(List.of(new Configuration("cdn-live", "default", 1, "cdn-live"), new Configuration("short-ttl", "default", 1, "short-ttl")),
                vary("edge-profile=cdn-live,short-ttl"), "edge profiles keep their names as labels, as --edge-profile does");
    }

    @Test
    void aSegmentDurationIsTheLadderWithItsSegmentsChanged() throws Exception {
        List<Configuration> configs = vary("segment=2,4s");
        assertEquals(List.of("segment=2s", "segment=4s"), configs.stream().map(Configuration::label).toList());
        var four = LadderConfig.load(configs.get(1).ladder());
        assertEquals(4.0, four.segmentSeconds(), 1e-9);
        assertEquals(LadderConfig.load("default").video(), four.video(), "the same rungs");
        assertEquals(2.0, LadderConfig.load(configs.get(0).ladder()).segmentSeconds(), 1e-9);
        assertTrue(configs.get(1).ladder().startsWith(dir.toString()), "written where the runs go");
    }

    @Test
    void mistakesAreNamedBeforeAnyRun() {
        assertEquals("--vary can change edge-profile, edges, ladder or segment, not 'fps'",
                assertThrows(IllegalArgumentException.class, () -> vary("fps=25,30")).getMessage());
        assertEquals("--vary edges needs two or more different values, got '2'",
                assertThrows(IllegalArgumentException.class, () -> vary("edges=2")).getMessage());
        assertEquals("--vary edges: 'two' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> vary("edges=1,two")).getMessage());
        assertEquals("--vary segment: 30 is not between 0.5 and 10 seconds",
                assertThrows(IllegalArgumentException.class, () -> vary("segment=2,30")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> vary("ladder=default,nope")).getMessage().contains("nope"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> vary("edges")).getMessage().startsWith("--vary takes SETTING=V1,V2"));
    }
}
