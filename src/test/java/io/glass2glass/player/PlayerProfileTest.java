package io.glass2glass.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.player.network.NetworkProfiles;
import io.glass2glass.qoe.PlayerQoe;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The player profiles: their defaults against each player's documented configuration, and the start rules they switch on. */
class PlayerProfileTest {

    /** (profile, abr, start rule, maxBuffer s, retries after the first, first retry delay, max retry delay, seeks to the live delay). */
    record Documented(PlayerProfile profile, String abr, String start, double maxBuffer, int retries, long retryDelay,
            long maxRetryDelay, boolean seek) {}

    static final List<Documented> DOCUMENTED = List.of(
            // hls.js 1.7.4 src/config.ts: maxBufferLength 30, liveSyncDurationCount 3, fragLoadPolicy.errorRetry 6 / 1000 / 8000
            new Documented(PlayerProfile.HLSJS, "throughput", "first-listed", 30, 6, 1_000, 8_000, false),
            // dash.js 5.2.1 Settings.js: bufferTimeDefault 18, retryAttempts.MediaSegment 3, retryIntervals.MediaSegment 1000
            new Documented(PlayerProfile.DASHJS, "dynamic", "abr", 18, 3, 1_000, 1_000, true),
            // Shaka 5.2.12 player_configuration.js: bufferingGoal 10, retryParameters maxAttempts 2, baseDelay 1000, backoffFactor 2
            new Documented(PlayerProfile.SHAKA, "throughput", "network-information", 10, 1, 1_000, 2_000, false));

    @Test
    void eachProfileSetsThePinnedPlayersDocumentedDefaults() {
        for (Documented d : DOCUMENTED) {
            PlayerConfig c = d.profile().config(PlayerTest.HLS);
            String who = d.profile().label();
            assertEquals(d.abr(), c.abr(), who);
            assertEquals(d.start(), c.startRendition(), who);
            assertEquals(d.maxBuffer(), c.maxBufferSeconds(), who);
            assertEquals(3, c.liveSyncSegments(), who);
            assertEquals(d.retries(), c.maxRetries(), who);
            assertEquals(d.retryDelay(), c.retryDelayMillis(), who);
            assertEquals(d.maxRetryDelay(), c.maxRetryDelayMillis(), who);
            assertEquals(d.seek(), c.seekToLiveTarget(), who);
            assertEquals(who, c.profile(), "the report names the profile");
        }
        assertEquals("hls.js 1.7.4", PlayerProfile.HLSJS.label());
        assertEquals(PlayerProfile.SHAKA, PlayerProfile.of("shaka"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlayerProfile.of("vlc"));
        assertTrue(e.getMessage().contains("hlsjs, dashjs, shaka"), e.getMessage());
    }

    @Test
    void aSpecNamingAProfileGetsItsDefaultsAndAnyOtherIsAnAbrOnTheModelsDefaults() {
        PlayerConfig profiled = PlayerProfile.configFor("hlsjs", PlayerTest.HLS);
        assertEquals("first-listed", profiled.startRendition());
        assertEquals("hls.js 1.7.4", profiled.profile());
        PlayerConfig custom = PlayerProfile.configFor("bola", PlayerTest.HLS);
        assertEquals("bola", custom.abr());
        assertEquals("abr", custom.startRendition());
        assertEquals("", custom.profile());
        assertEquals(PlayerConfig.defaults(PlayerTest.HLS).maxBufferSeconds(), custom.maxBufferSeconds());
    }

    @Test
    void everyProfileStartsAndPlaysOnEveryLinkOfTheCalibrationMatrix() {
        for (PlayerProfile profile : PlayerProfile.values()) {
            for (URI target : List.of(PlayerTest.HLS, PlayerTest.DASH)) {
                for (String link : List.of("unlimited", "constant-3mbps-40ms", "constant-1200kbps-80ms", "drop-6-to-1", "3g")) {
                    PlayerConfig config = profile.config(target).withNetwork(NetworkProfiles.load(link)).withSessionMillis(40_000);
                    PlayerQoe q = PlayerTest.play(target, config).qoe();
                    assertTrue(q.started() && !q.playbackFailed(), profile + " " + target + " " + link + ": " + q);
                }
            }
        }
    }

    @Test
    void theFirstListedRuleStartsOnTheMultivariantPlaylistsFirstVariantWhereTheAbrWouldStartLow() {
        PlayerConfig base = PlayerConfig.defaults(PlayerTest.HLS).withNetwork(PlayerTest.constant(3_000, 40)).withSessionMillis(30_000);
        PlayerTest.Run abr = PlayerTest.play(PlayerTest.HLS, base);
        PlayerTest.Run listed = PlayerTest.play(PlayerTest.HLS, base.withStart(2.0, "first-listed", 0, false));
        assertEquals("v0", abr.renditionBySegment().get(0), "the ABR's first choice from its default estimate");
        assertEquals("v2", listed.renditionBySegment().get(0), "the packager lists the top rung first, and hls.js starts there: " + listed.renditionBySegment());
        assertTrue(listed.qoe().startupMillis() > abr.qoe().startupMillis() + 1_000,
                "a 2.8 Mb/s first segment over 3 Mb/s starts later: " + listed.qoe().startupMillis() + " vs " + abr.qoe().startupMillis());
    }

    @Test
    void theNetworkInformationRuleStartsOnWhatTheDownlinkAllowsAsShakaDoes() {
        // The virtual origin's rungs are 400, 1400 and 2800 kb/s of video plus audio: over 0.95 they need about 0.6, 1.6, 3.1 Mb/s.
        for (Object[] row : new Object[][] {{3_000L, "v1"}, {1_200L, "v0"}, {20_000L, "v2"}}) {
            PlayerConfig c = PlayerConfig.defaults(PlayerTest.HLS).withNetwork(PlayerTest.constant((Long) row[0], 40))
                    .withSessionMillis(20_000).withStart(2.0, "network-information", 0, false);
            assertEquals(row[1], PlayerTest.play(PlayerTest.HLS, c).renditionBySegment().get(0), row[0] + " kb/s");
        }
    }

    @Test
    void theClientsStartTimeDelaysTheFirstFrameByExactlyThatMuch() {
        for (URI target : List.of(PlayerTest.HLS, PlayerTest.DASH)) {
            PlayerConfig base = PlayerConfig.defaults(target).withNetwork(PlayerTest.constant(3_000, 40)).withSessionMillis(30_000);
            PlayerQoe none = PlayerTest.play(target, base).qoe();
            PlayerQoe client = PlayerTest.play(target, base.withStart(2.0, "abr", 700, false)).qoe();
            assertEquals(none.startupMillis() + 700, client.startupMillis(), target + ": the downloads are the same, the first frame later");
            assertEquals(0, client.rebufferCount(), target + " " + client);
        }
    }

    @Test
    void seekingToTheLiveDelayStartsInsideTheSegmentAsDashJsDoes() {
        PlayerConfig base = PlayerConfig.defaults(PlayerTest.DASH).withSessionMillis(30_000);
        // Joining 1.2 s into a segment: the live target lies that far inside the start segment.
        VirtualDriver atSegment = new VirtualDriver();
        PlayerQoe a = atSegment.run(new Player("a", base, atSegment, PlayerTest.JOIN + 1_200), PlayerTest.origin(), PlayerTest.JOIN + 1_200,
                now -> {});
        VirtualDriver seeked = new VirtualDriver();
        PlayerQoe s = seeked.run(new Player("s", base.withStart(2.0, "abr", 0, true), seeked, PlayerTest.JOIN + 1_200),
                PlayerTest.origin(), PlayerTest.JOIN + 1_200, now -> {});
        double segmentStart = median(atSegment.latencies);
        double exact = median(seeked.latencies);
        // The MPD's suggestedPresentationDelay is 6 s: seeked, latency is 6 s plus the start-up.
        double expected = 6_000 + s.startupMillis();
        assertTrue(a.started() && s.started(), a + " " + s);
        assertTrue(Math.abs(exact - expected) <= 100, "latency " + exact + " ms, expected about " + expected);
        assertTrue(segmentStart >= exact + 1_000, "starting at the segment's start plays further behind: " + segmentStart + " vs " + exact);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
