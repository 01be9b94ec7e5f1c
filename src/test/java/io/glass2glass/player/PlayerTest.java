package io.glass2glass.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.network.NetworkProfile;
import io.glass2glass.player.network.NetworkStep;
import io.glass2glass.qoe.PlayerQoe;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The player model in virtual time against a virtual live origin (the real HLS/DASH generators),
 * with known answers.
 */
class PlayerTest {

    static final long AST = 1_700_000_000_000L;
    /** The player joins a while after the stream started, so the live window is full. */
    static final long JOIN = AST + 30_000;
    static final URI HLS = URI.create(VirtualLiveOrigin.BASE + "master.m3u8");
    static final URI DASH = URI.create(VirtualLiveOrigin.BASE + "manifest.mpd");

    static NetworkProfile constant(long kbps, long latencyMillis) {
        return new NetworkProfile("constant-" + kbps, "test link", List.of(new NetworkStep(60_000, kbps, latencyMillis)), true);
    }

    static NetworkProfile steps(NetworkStep... steps) {
        return new NetworkProfile("steps", "test steps", List.of(steps), false);
    }

    static VirtualLiveOrigin origin() {
        return new VirtualLiveOrigin(AST, 300, 400, 1400, 2800);
    }

    record Run(PlayerQoe qoe, VirtualDriver driver, List<String> renditionBySegment) {}

    static Run play(URI target, PlayerConfig config, VirtualLiveOrigin origin, java.util.function.LongConsumer onTick) {
        VirtualDriver driver = new VirtualDriver();
        Player player = new Player("p1", config, driver, JOIN);
        PlayerQoe qoe = driver.run(player, origin, JOIN, onTick);
        List<String> renditions = new ArrayList<>();
        for (PlayerAction.Fetch f : driver.fetches) {
            if (f.kind() == ObjectKind.SEGMENT && !f.uri().getPath().contains("/audio/")) {
                renditions.add(f.uri().getPath().split("/")[3]);
            }
        }
        return new Run(qoe, driver, renditions);
    }

    static Run play(URI target, PlayerConfig config) {
        return play(target, config, origin(), now -> {});
    }

    @Test
    void unconstrainedNetworkPlaysWithoutStallsAndReachesTheTopRungWithinAFewSegments() {
        for (URI target : List.of(HLS, DASH)) {
            Run run = play(target, PlayerConfig.defaults(target).withSessionMillis(60_000));
            PlayerQoe q = run.qoe();
            assertTrue(q.started(), target + " started");
            assertEquals(0, q.rebufferCount(), target + " never stalls");
            int firstTop = run.renditionBySegment().indexOf("v2");
            assertTrue(firstTop >= 0 && firstTop <= 2, target + " top rung by the third segment: " + run.renditionBySegment());
            assertTrue(run.renditionBySegment().subList(firstTop, run.renditionBySegment().size()).stream().allMatch("v2"::equals),
                    "and stays there");
            assertFalse(q.playbackFailed());
        }
    }

    @Test
    void aPublisherGapCostsAtMostOneStallAndPlaybackGoesOnAcrossTheDiscontinuity() {
        for (URI target : List.of(HLS, DASH)) {
            VirtualLiveOrigin origin = origin();
            origin.publisherGap(JOIN + 20_000, 3);
            Run run = play(target, PlayerConfig.defaults(target).withSessionMillis(60_000), origin, now -> {});
            PlayerQoe q = run.qoe();
            assertTrue(q.started(), target + " started");
            assertFalse(q.playbackFailed(), target + " no playback failure across the gap: " + q);
            assertTrue(q.rebufferCount() <= 1, target + " at most one stall: " + q);
            assertTrue(q.segmentsDownloaded() >= 2 * 20, target + " kept downloading after the gap: " + q);
            assertFalse(run.driver().discontinuities.isEmpty(), target + " reported the discontinuity");
            assertTrue(run.driver().discontinuities.get(0) >= JOIN + 20_000, target + " discontinuity after the gap");
            long stalledByEvents = run.driver().stalls.stream().mapToLong(st -> st[1] - st[0]).sum();
            assertEquals(q.rebufferMillis(), stalledByEvents, target + " stall events add up to the rebuffering time");
        }
    }

    @Test
    void aDownloadThatWouldOutlastTheBufferIsAbandonedForALowerRungAsHlsJsDoes() {
        NetworkProfile drop = steps(new NetworkStep(40_000, 6_000, 20), new NetworkStep(30_000, 1_000, 20),
                new NetworkStep(60_000, 6_000, 20));
        // The default three segments behind live: the top-rung download in flight at the drop would outlast the buffer.
        PlayerConfig adaptive = PlayerConfig.defaults(HLS).withNetwork(drop).withSessionMillis(120_000);
        Run run = play(HLS, adaptive);
        PlayerQoe q = run.qoe();
        assertTrue(q.abandonedSegments() >= 1, "the slow top-rung download was abandoned: " + run.renditionBySegment() + " " + q);
        assertTrue(q.rebufferCount() <= 1, "at most one stall: " + q);
        assertFalse(q.playbackFailed());
        int abandonedAt = -1;
        List<String> seq = run.renditionBySegment();
        for (int i = 1; i < seq.size(); i++) {
            if (seq.get(i - 1).equals("v2") && !seq.get(i).equals("v2")) {
                abandonedAt = i;
                break;
            }
        }
        assertTrue(abandonedAt > 0, "switched down from the top rung: " + seq);

        Run fixed = play(HLS, adaptive.withAbr("fixed:v2"));
        assertEquals(0, fixed.qoe().abandonedSegments(), "a fixed rendition never abandons");
    }

    @Test
    void aMediaPlaylistGivenAsTheTargetPlaysItsOneRendition() {
        URI media = URI.create(VirtualLiveOrigin.BASE + "v0/media.m3u8");
        Run run = play(media, PlayerConfig.defaults(media).withSessionMillis(30_000));
        assertTrue(run.qoe().started(), "started: " + run.qoe());
        assertFalse(run.qoe().playbackFailed(), run.qoe().toString());
        assertTrue(run.qoe().segmentsDownloaded() >= 10, run.qoe().toString());
    }

    @Test
    void dropFromSixToOneMegabitSwitchesDownWithoutAStallWhenTheBufferCoversIt() {
        NetworkProfile drop = steps(new NetworkStep(40_000, 6_000, 20), new NetworkStep(30_000, 1_000, 20),
                new NetworkStep(60_000, 6_000, 20));
        // Five segments behind live (HOLD-BACK 10 s): enough buffer to ride out the slow download in flight at the drop.
        PlayerConfig config = PlayerConfig.defaults(HLS).withNetwork(drop).withSessionMillis(120_000).withLiveSyncSegments(5);
        Run run = play(HLS, config);
        List<String> seq = run.renditionBySegment();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < run.driver().fetches.size(); i++) {
            PlayerAction.Fetch f = run.driver().fetches.get(i);
            if (f.kind() == ObjectKind.SEGMENT && !f.uri().getPath().contains("/audio/")) {
                times.add(run.driver().fetchTimes.get(i) - JOIN);
            }
        }
        int firstAfterDrop = 0;
        while (firstAfterDrop < times.size() && times.get(firstAfterDrop) < 40_000) {
            firstAfterDrop++;
        }
        assertEquals("v2", seq.get(firstAfterDrop - 1), "top rung before the drop: " + seq);
        int firstLowest = seq.subList(firstAfterDrop, seq.size()).indexOf("v0");
        assertTrue(firstLowest >= 0 && firstLowest <= 3, "down to the rung that fits 1 Mb/s within three segments: " + seq + " at " + times);
        assertEquals(0, run.qoe().rebufferCount(), "the buffer covered the switch: " + seq + " at " + times);
        // hls.js switches up only when 0.7 × the estimate covers the rung: 6 Mb/s measured (with latency)
        // carries v1 (1.53 Mb/s with audio) but not v2 (2.93 Mb/s needs 4.2).
        assertEquals("v1", seq.get(seq.size() - 1), "back up after the link recovers: " + seq);
    }

    @Test
    void outageLongerThanTheBufferCausesOneStallOfTheExpectedLength() {
        long outageStart = 20_000;
        long outage = 15_000;
        NetworkProfile profile = steps(new NetworkStep(outageStart, 6_000, 20), new NetworkStep(outage, 0, 20),
                new NetworkStep(600_000, 6_000, 20));
        PlayerConfig config = PlayerConfig.defaults(HLS).withNetwork(profile).withSessionMillis(60_000);
        long[] bufferAtOutage = {-1};
        Player[] holder = new Player[1];
        VirtualDriver driver = new VirtualDriver();
        Player player = new Player("p1", config, driver, JOIN);
        holder[0] = player;
        PlayerQoe q = driver.run(player, origin(), JOIN, now -> {
            if (bufferAtOutage[0] < 0 && now >= JOIN + outageStart) {
                bufferAtOutage[0] = player.bufferAheadMillis() - (now - JOIN - outageStart);
            }
        });
        assertEquals(1, q.rebufferCount(), "exactly one stall");
        // the events carry the same stall, with the times the buffer ran dry and playback resumed
        assertEquals(1, driver.stallsBegun.size(), "one stall begun event");
        assertEquals(1, driver.stalls.size(), "one stall ended event");
        assertEquals(driver.stallsBegun.get(0), driver.stalls.get(0)[0]);
        assertEquals(q.rebufferMillis(), driver.stalls.get(0)[1] - driver.stalls.get(0)[0], "stall events give the stalled time");
        assertTrue(driver.stallsBegun.get(0) >= JOIN + outageStart, "stall begins after the outage starts");
        assertEquals(q.switches() + 1, driver.renditionsPlayed.size(), "first rendition plus one event per switch");
        // The buffer runs dry bufferAtOutage after the outage starts; playback resumes once a segment
        // per track has arrived after it ends: one 2 s top-rung segment plus audio at 6 Mb/s, with latency.
        long dry = outageStart + bufferAtOutage[0];
        long refill = 2 * 20 + (2_800_000L * 2 / 8 * 8 / 6_000) + (128_000L * 2 / 8 * 8 / 6_000);
        long expected = outageStart + outage - dry + refill;
        assertTrue(Math.abs(q.rebufferMillis() - expected) <= 2_000,
                "stall of " + q.rebufferMillis() + " ms, expected about " + expected + " ms (buffer at outage " + bufferAtOutage[0] + ")");
        assertTrue(q.started());
        assertFalse(q.playbackFailed());
    }

    @Test
    void startupTimeIsTheSumOfTheDownloadsBeforeIt() {
        NetworkProfile link = constant(2_000, 50);
        PlayerConfig config = PlayerConfig.defaults(HLS).withNetwork(link).withSessionMillis(30_000).withAbr("fixed:v0");
        VirtualLiveOrigin origin = origin();
        Run run = play(HLS, config, origin, now -> {});
        long expected = 0;
        long t = 0;
        VirtualDriver d = run.driver();
        int audioSegments = 0;
        int videoSegments = 0;
        for (int i = 0; i < d.fetches.size() && (audioSegments == 0 || videoSegments == 0); i++) {
            VirtualDriver.Request r = d.requests.get(i);
            long took = link.transferMillis(t, r.bytes());
            expected += took;
            t += took;
            if (r.kind() == ObjectKind.SEGMENT) {
                if (d.fetches.get(i).uri().getPath().contains("/audio/")) {
                    audioSegments++;
                } else {
                    videoSegments++;
                }
            }
        }
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 8 && i < d.fetches.size(); i++) {
            trace.append(d.fetches.get(i).kind()).append('@').append(d.fetchTimes.get(i) - JOIN).append(' ');
        }
        assertEquals(expected, run.qoe().startupMillis(), "start-up = multivariant + playlists + inits + first segments: " + trace);
        assertEquals(expected, d.startupMillis);
    }

    @Test
    void liveLatencyStaysNearTheConfiguredOffset() {
        for (URI target : List.of(HLS, DASH)) {
            Run run = play(target, PlayerConfig.defaults(target).withSessionMillis(60_000));
            List<Long> latencies = run.driver().latencies;
            assertTrue(latencies.size() >= 50, target + " samples once a second: " + latencies.size());
            long min = latencies.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
            // Three 2 s segments behind the newest one, which is up to a segment (plus 300 ms packaging) old.
            assertTrue(min >= 6_000 && max <= 8_300 + 500, target + " latency within [6 s, 8.8 s]: " + min + ".." + max);
            assertTrue(max - min <= 100, target + " and steady without stalls: " + min + ".." + max);
        }
    }

    @Test
    void persistentErrorsEndInAPlaybackFailureNotAnException() {
        VirtualLiveOrigin origin = origin();
        VirtualDriver driver = new VirtualDriver();
        Player player = new Player("p1", PlayerConfig.defaults(HLS).withSessionMillis(120_000), driver, JOIN);
        PlayerQoe q = driver.run(player, origin, JOIN, now -> origin.setDown(now >= JOIN + 20_000));
        assertTrue(q.started());
        assertTrue(q.playbackFailed(), "retries ran out");
        assertNotNull(player.failure());
        assertTrue(q.watchMillis() < 60_000, "ended long before the session would have: " + q.watchMillis());
    }

    @Test
    void anUnreachableOriginIsAStartFailure() {
        VirtualLiveOrigin origin = origin();
        origin.setDown(true);
        VirtualDriver driver = new VirtualDriver();
        PlayerQoe q = driver.run(new Player("p1", PlayerConfig.defaults(HLS), driver, JOIN), origin, JOIN, now -> {});
        assertTrue(q.failedToStart());
        assertFalse(q.started());
        assertEquals(PlayerConfig.defaults(HLS).maxRetries() + 1, origin.requests(), "the first attempt and every retry");
    }

    @Test
    void sessionEndsAfterItsLengthWithQoeReported() {
        Run run = play(HLS, PlayerConfig.defaults(HLS).withSessionMillis(20_000));
        assertNotNull(run.qoe());
        assertTrue(run.qoe().watchMillis() <= 20_000 && run.qoe().watchMillis() > 15_000, "watched " + run.qoe().watchMillis());
        long played = run.qoe().millisPerRendition().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(run.qoe().watchMillis() - run.qoe().rebufferMillis(), played, 5, "played time accounted per rendition");
    }
}
