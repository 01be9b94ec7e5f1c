package io.glass2glass.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.network.NetworkMix;
import io.glass2glass.player.network.NetworkProfile;
import io.glass2glass.qoe.Cohorts;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.qoe.QoeSummary;
import io.glass2glass.qoe.QoeTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cohort's figures are those of a run of that cohort alone: the same players, the same seed, recorded apart. */
class RecordedPlayerTest {

    private static final NetworkMix MIX = NetworkMix.parse("cable:1,3g:1");
    private static final int PLAYERS = 8;

    @Test
    void aCohortsFiguresAreThoseOfARunOfThatCohortAlone() {
        QoeRecorders all = new QoeRecorders();
        Cohorts cohorts = new Cohorts();
        QoeTimeline timeline = new QoeTimeline(PlayerTest.JOIN);
        for (int n = 0; n < PLAYERS; n++) {
            NetworkProfile network = MIX.forPlayer(n);
            List<QoeRecorders> recorders = new ArrayList<>();
            recorders.add(all);
            recorders.addAll(cohorts.recordersFor(Map.of(Cohorts.NETWORK, network.name())));
            play(n, network, recorders, timeline);
        }
        QoeRecorders alone = new QoeRecorders();
        for (int n = 0; n < PLAYERS; n++) {
            if (MIX.forPlayer(n).name().equals("3g")) {
                play(n, MIX.forPlayer(n), List.of(alone), new QoeTimeline(PlayerTest.JOIN));
            }
        }
        QoeSummary cohort = cohorts.summaries().get(Cohorts.NETWORK).get("3g");
        QoeSummary expected = alone.summary();
        assertEquals(PLAYERS / 2, cohort.players().joined());
        assertEquals(expected.players(), cohort.players());
        assertEquals(expected.startupMs(), cohort.startupMs());
        assertEquals(expected.rebufferRatio(), cohort.rebufferRatio());
        assertEquals(expected.avgBitrateKbps(), cohort.avgBitrateKbps());
        assertEquals(expected.liveLatencyMs(), cohort.liveLatencyMs());
        assertEquals(expected.requests().get(ObjectKind.SEGMENT).count(), cohort.requests().get(ObjectKind.SEGMENT).count());
        assertEquals(expected.millisPerRendition(), cohort.millisPerRendition());
        // The split is not trivial: the two cohorts differ, and add up to the run.
        QoeSummary cable = cohorts.summaries().get(Cohorts.NETWORK).get("cable");
        assertNotEquals(cable.avgBitrateKbps().p50(), cohort.avgBitrateKbps().p50());
        assertEquals(all.summary().players().joined(), cable.players().joined() + cohort.players().joined());
        assertEquals(all.summary().requests().get(ObjectKind.SEGMENT).count(),
                cable.requests().get(ObjectKind.SEGMENT).count() + cohort.requests().get(ObjectKind.SEGMENT).count());
        assertEquals(0, timeline.active(), "every player ended");
    }

    @Test
    void startUpIsRecordedOncePerStartedPlayer() {
        QoeRecorders recorders = new QoeRecorders();
        play(0, MIX.forPlayer(0), List.of(recorders), new QoeTimeline(PlayerTest.JOIN));
        QoeSummary s = recorders.summary();
        assertEquals(1, s.players().started());
        assertEquals(1, s.startupMs().count());
        assertTrue(s.startupMs().p50() > 0);
    }

    private static void play(int n, NetworkProfile network, List<QoeRecorders> recorders, QoeTimeline timeline) {
        recorders.forEach(QoeRecorders::playerStarted);
        PlayerConfig config = PlayerConfig.defaults(PlayerTest.HLS).withNetwork(network).withSessionMillis(40_000);
        RecordedPlayer events = new RecordedPlayer(recorders, timeline.join(), at -> {}, () -> {});
        Player player = new Player("player-" + n, config, events, PlayerTest.JOIN);
        new VirtualDriver().run(player, PlayerTest.origin(), PlayerTest.JOIN, now -> {});
    }
}
