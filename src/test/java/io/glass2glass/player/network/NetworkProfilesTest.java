package io.glass2glass.player.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkProfilesTest {

    @TempDir
    Path dir;

    @Test
    void listsTheBundledProfiles() {
        assertEquals(List.of("unlimited", "cable", "fiber", "4g", "3g", "constant-6mbps", "constant-1mbps", "drop-6-to-1", "outage-10s",
                "constant-3mbps-40ms", "constant-1200kbps-80ms"),
                NetworkProfiles.names());
    }

    @Test
    void loadsEveryBundledProfile() {
        for (String name : NetworkProfiles.names()) {
            NetworkProfile p = NetworkProfiles.load(name);
            assertEquals(name, p.name());
            assertFalse(p.description().isBlank(), name + " has a description");
            assertFalse(p.emulation().isBlank());
        }
    }

    @Test
    void bundledProfilesHaveTheAdvertisedShapes() {
        assertTrue(NetworkProfiles.load("unlimited").isUnlimited());
        assertStep(NetworkProfiles.load("cable"), 20_000, 15);
        assertStep(NetworkProfiles.load("fiber"), 100_000, 5);
        assertStep(NetworkProfiles.load("constant-6mbps"), 6000, 20);
        assertStep(NetworkProfiles.load("constant-1mbps"), 1000, 20);
        assertEquals(8020, NetworkProfiles.load("constant-1mbps").transferMillis(0, 1_000_000));

        NetworkProfile lte = NetworkProfiles.load("4g");
        assertTrue(lte.loop());
        assertEquals(60_000, lte.cycleMillis());
        assertRanges(lte, 4000, 20_000, 40, 70);

        NetworkProfile umts = NetworkProfiles.load("3g");
        assertTrue(umts.loop());
        assertRanges(umts, 400, 2000, 100, 300);

        NetworkProfile drop = NetworkProfiles.load("drop-6-to-1");
        assertFalse(drop.loop());
        assertEquals(6000, drop.bandwidthKbpsAt(29_999));
        assertEquals(1000, drop.bandwidthKbpsAt(30_000));
        assertEquals(6000, drop.bandwidthKbpsAt(3_600_000));

        NetworkProfile outage = NetworkProfiles.load("outage-10s");
        assertEquals(0, outage.bandwidthKbpsAt(25_000));
        assertEquals(6000, outage.bandwidthKbpsAt(3_600_000));
    }

    @Test
    void readsTheObjectForm() throws IOException {
        Path file = write("mine.json", """
                {"name": "office", "description": "Office Wi-Fi", "loop": false,
                 "steps": [{"duration_ms": 1000, "bandwidth_kbps": 8000, "latency_ms": 12},
                           {"duration_ms": 500, "bandwidth_kbps": 0, "latency_ms": 12}]}
                """);
        NetworkProfile p = NetworkProfiles.load(file.toString());
        assertEquals("office", p.name());
        assertEquals("Office Wi-Fi", p.description());
        assertFalse(p.loop());
        assertEquals(List.of(new NetworkStep(1000, 8000, 12), new NetworkStep(500, 0, 12)), p.steps());
    }

    @Test
    void readsABareTraceNamedAfterItsFileAndLooping() throws IOException {
        Path file = write("commute.json", """
                [{"duration_ms": 2000, "bandwidth_kbps": 3000, "latency_ms": 80},
                 {"duration_ms": 3000, "bandwidth_kbps": 500, "latency_ms": 150}]
                """);
        NetworkProfile p = NetworkProfiles.load(file.toString());
        assertEquals("commute", p.name());
        assertTrue(p.loop());
        assertEquals(5000, p.cycleMillis());
        assertEquals(3000, p.bandwidthKbpsAt(5500));
    }

    @Test
    void readsTheUnlimitedForm() throws IOException {
        Path file = write("lan.json", "{\"unlimited\": true}");
        NetworkProfile p = NetworkProfiles.load(file.toString());
        assertTrue(p.isUnlimited());
        assertEquals("lan", p.name());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "bad JSON                | {\"steps\": [                                                                          | not valid JSON",
        "a string                | \"fast\"                                                                                 | a JSON object or an array",
        "empty steps             | {\"steps\": []}                                                                          | no steps",
        "empty trace             | []                                                                                       | no steps",
        "no steps                | {\"name\": \"x\"}                                                                        | 'steps' must be an array",
        "negative bandwidth      | [{\"duration_ms\": 1000, \"bandwidth_kbps\": 100, \"latency_ms\": 5}, {\"duration_ms\": 1000, \"bandwidth_kbps\": -5, \"latency_ms\": 5}] | step 1: 'bandwidth_kbps' must be a whole number from 0",
        "negative duration       | [{\"duration_ms\": -1, \"bandwidth_kbps\": 100, \"latency_ms\": 5}]                      | step 0: 'duration_ms' must be a whole number",
        "fractional latency      | [{\"duration_ms\": 1000, \"bandwidth_kbps\": 100, \"latency_ms\": 5.5}]                  | step 0: 'latency_ms' must be a whole number",
        "latency over 60 s       | [{\"duration_ms\": 1000, \"bandwidth_kbps\": 100, \"latency_ms\": 60001}]                | step 0: 'latency_ms' must be a whole number from 0 to 60000",
        "bandwidth over 100 Gb/s | [{\"duration_ms\": 1000, \"bandwidth_kbps\": 100000001, \"latency_ms\": 5}]              | from 0 to 100000000",
        "missing latency         | [{\"duration_ms\": 1000, \"bandwidth_kbps\": 100}]                                       | step 0: 'latency_ms' is missing",
        "text number             | [{\"duration_ms\": \"1000\", \"bandwidth_kbps\": 100, \"latency_ms\": 5}]                | step 0: 'duration_ms' must be a number",
        "misspelt key            | [{\"duration_ms\": 1000, \"bandwith_kbps\": 100, \"latency_ms\": 5}]                     | step 0: unknown key 'bandwith_kbps'",
        "zero total duration     | [{\"duration_ms\": 0, \"bandwidth_kbps\": 100, \"latency_ms\": 5}]                       | last 0 ms in total",
        "step not an object      | [1000]                                                                                   | step 0: a step is an object",
        "loop not a boolean      | {\"loop\": \"yes\", \"steps\": [{\"duration_ms\": 1000, \"bandwidth_kbps\": 1, \"latency_ms\": 1}]} | 'loop' must be true or false",
        "unlimited with steps    | {\"unlimited\": true, \"steps\": []}                                                     | an unlimited profile has no steps",
        "unknown top-level key   | {\"stepz\": []}                                                                          | unknown key 'stepz'",
    })
    void rejectsMalformedFilesNamingTheFileAndStep(String what, String json, String expected) throws IOException {
        Path file = write("broken.json", json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkProfiles.load(file.toString()));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheBundledProfiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkProfiles.load("5g"));
        assertTrue(e.getMessage().contains("no network profile named 5g"), e.getMessage());
        assertTrue(e.getMessage().contains("cable, fiber, 4g"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkProfiles.load("../ladders/default"));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertStep(NetworkProfile p, long kbps, long latency) {
        assertEquals(1, p.steps().size(), p.name());
        assertEquals(kbps, p.bandwidthKbpsAt(0), p.name());
        assertEquals(latency, p.latencyAt(0), p.name());
    }

    private static void assertRanges(NetworkProfile p, long minKbps, long maxKbps, long minLatency, long maxLatency) {
        assertEquals(minKbps, p.steps().stream().mapToLong(NetworkStep::bandwidthKbps).min().orElseThrow(), p.name());
        assertEquals(maxKbps, p.steps().stream().mapToLong(NetworkStep::bandwidthKbps).max().orElseThrow(), p.name());
        assertEquals(minLatency, p.steps().stream().mapToLong(NetworkStep::latencyMillis).min().orElseThrow(), p.name());
        assertEquals(maxLatency, p.steps().stream().mapToLong(NetworkStep::latencyMillis).max().orElseThrow(), p.name());
    }
}
