package io.glass2glass.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EdgeProfileTest {

    @Test
    void indexListsTheBundledProfiles() {
        assertEquals(List.of("default", "cdn-live", "no-collapse", "short-ttl", "shielded"), EdgeProfile.names());
    }

    static List<String> bundled() {
        return EdgeProfile.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void everyBundledProfileLoadsUnderItsOwnNameWithADescription(String name) {
        EdgeProfile profile = EdgeProfile.load(name);
        assertEquals(name, profile.name());
        assertFalse(profile.description().isBlank());
        assertFalse(profile.description().contains("\n"), "one-line description");
        assertEquals(EdgeProfile.DEFAULT_CACHE_BYTES, profile.cacheBytes());
        assertEquals(EdgeProfile.DEFAULT_MAX_OBJECT_BYTES, profile.maxObjectBytes());
    }

    @Test
    void defaultFollowsTheOrigin() {
        EdgeProfile p = EdgeProfile.load("default");
        assertTrue(p.collapse());
        assertTrue(p.ttlSeconds().isEmpty());
        assertEquals(0, p.negativeTtlSeconds());
        assertEquals(-1, p.staleWhileRevalidateSeconds());
        assertEquals(-1, p.staleIfErrorSeconds());
        assertFalse(p.shield());
    }

    @Test
    void cdnLiveAndItsVariants() {
        EdgeProfile live = EdgeProfile.load("cdn-live");
        assertEquals(Map.of(ObjectKind.MULTIVARIANT, 1L, ObjectKind.MEDIA_PLAYLIST, 1L, ObjectKind.MPD, 1L,
                ObjectKind.INIT, 86_400L, ObjectKind.SEGMENT, 86_400L), live.ttlSeconds());
        assertTrue(live.collapse());
        assertEquals(2, live.staleWhileRevalidateSeconds());
        assertEquals(10, live.staleIfErrorSeconds());
        assertEquals(1, live.negativeTtlSeconds());
        assertEquals(OptionalLong.empty(), live.ttlFor(ObjectKind.OTHER));

        EdgeProfile herd = EdgeProfile.load("no-collapse");
        assertFalse(herd.collapse());
        assertEquals(live.ttlSeconds(), herd.ttlSeconds());

        EdgeProfile shielded = EdgeProfile.load("shielded");
        assertTrue(shielded.shield());
        assertEquals(live.ttlSeconds(), shielded.ttlSeconds());

        EdgeProfile shortTtl = EdgeProfile.load("short-ttl");
        assertEquals(OptionalLong.of(2), shortTtl.ttlFor(ObjectKind.SEGMENT));
        assertEquals(OptionalLong.of(0), shortTtl.ttlFor(ObjectKind.MEDIA_PLAYLIST));
    }

    @Test
    void loadsAFileAndNamesItAfterTheFileWhenUnnamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "collapse: false\nttlSeconds: {segment: 5}\n");
        EdgeProfile p = EdgeProfile.load(file.toString());
        assertEquals("mine", p.name());
        assertFalse(p.collapse());
        assertEquals(OptionalLong.of(5), p.ttlFor(ObjectKind.SEGMENT));
        assertEquals(-1, p.staleWhileRevalidateSeconds());
    }

    @Test
    void unknownNameListsTheBundledOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeProfile.load("nope"));
        assertTrue(e.getMessage().contains("cdn-live"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EdgeProfile.load("../etc/passwd"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "name: x\\nttlSeconds: [1, 2]|'ttlSeconds' must be a mapping",
        "name: x\\nttlSeconds: {segments: 1}|unknown object class 'segments'",
        "name: x\\nttlSeconds: {error: 1}|use negativeTtlSeconds",
        "name: x\\nttlSeconds: {time: 1}|unknown object class 'time'; expected multivariant, media_playlist, mpd, init, segment, other",
        "name: x\\nttlSeconds: {segment: -1}|'ttlSeconds.segment' must be from 0",
        "name: x\\nttlSeconds: {segment: 1.5}|'ttlSeconds.segment' must be a whole number",
        "name: x\\ncacheBytes: lots|'cacheBytes' must be a whole number",
        "name: x\\ncacheBytes: 0|cacheBytes must be positive",
        "name: x\\ncacheBytes: 1000\\nmaxObjectBytes: 2000|maxObjectBytes must be from 1 to cacheBytes",
        "name: x\\ncollapse: maybe|'collapse' must be true or false",
        "name: x\\nstaleIfErrorSeconds: -2|'staleIfErrorSeconds' must be from -1",
        "name: x\\nnegativeTtlSeconds: -1|'negativeTtlSeconds' must be from 0",
        "name: x\\ncolapse: true|unknown key 'colapse'",
        "name: [x|not valid YAML",
        "- just\\n- a list|an edge profile is a YAML mapping",
        "name: ''|name must not be blank",
    })
    void malformedProfilesNameTheFileAndTheProblem(String yaml, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeProfile.parse(yaml.replace("\\n", "\n"), "profiles/bad.yaml"));
        assertTrue(e.getMessage().startsWith("profiles/bad.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void edgeClassesKeepTheirLabels() {
        // The class label of g2g_edge_*, the classes keys of summary.json's edge tiers: contracts.
        assertEquals(List.of("multivariant", "media_playlist", "mpd", "init", "segment", "other", "error"),
                EdgeStats.CLASSES.stream().map(ObjectKind::label).toList());
        assertThrows(IllegalArgumentException.class, () -> new EdgeProfile("x", "", true, 1000, 1000,
                Map.of(ObjectKind.TIME, 1L), 0, -1, -1, false), "a URL is never classified as time");
    }

    @Test
    void recordIsImmutable() {
        EdgeProfile p = EdgeProfile.load("cdn-live");
        assertThrows(UnsupportedOperationException.class, () -> p.ttlSeconds().put(ObjectKind.OTHER, 1L));
    }
}
