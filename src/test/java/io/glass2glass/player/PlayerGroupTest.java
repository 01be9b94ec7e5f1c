package io.glass2glass.player;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayerGroupTest {

    private static PlayerGroup group(double session, Stage... stages) {
        return new PlayerGroup("g", List.of(stages), "unlimited", "throughput", StreamFormat.HLS, session,
                List.of(URI.create("http://127.0.0.1:1/m.m3u8")));
    }

    @Test
    void aRampHoldRampDownSendsTheEarliestJoinersHomeFirst() {
        PlayerGroup.Schedule s = group(0, new Stage.Ramp(4, 4), new Stage.Hold(10), new Stage.Ramp(0, 4)).schedule();
        assertArrayEquals(new long[] {0, 1000, 2000, 3000}, s.joinMillis());
        // Leaves at 15, 16, 17, 18 s: the first to join is the first to go.
        assertArrayEquals(new long[] {15000, 15000, 15000, 15000}, s.watchMillis());
        assertEquals(18000, s.lastLeaveMillis());
        assertEquals(List.of(new PlayerGroup.Injection.Ramp(4, 4), new PlayerGroup.Injection.Nothing(10),
                new PlayerGroup.Injection.Nothing(4)), s.injection());
    }

    @Test
    void aSessionCapsEveryWatchAndArrivalsComeAtTheirRate() {
        PlayerGroup.Schedule s = group(30, new Stage.Arrivals(2, 3)).schedule();
        assertArrayEquals(new long[] {0, 500, 1000, 1500, 2000, 2500}, s.joinMillis());
        assertEquals(30000, s.watchMillis(5));
    }

    @Test
    void aSpikeAfterAHoldJoinsEveryoneAtOnceLater() {
        PlayerGroup.Schedule s = group(0, new Stage.Hold(30), new Stage.Spike(3), new Stage.Hold(60)).schedule();
        assertArrayEquals(new long[] {30000, 30000, 30000}, s.joinMillis());
        assertEquals(60000, s.watchMillis(0));
    }

    @Test
    void stagesThatLeaveAPlayerNothingToWatchAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> group(0, new Stage.Ramp(10, 5)));
        assertEquals(true, e.getMessage().contains("end the stages with a hold or a ramp down"), e.getMessage());
    }

    @Test
    void theFormSentToThePlayersJvmReadsBackEqual() {
        PlayerGroup g = group(20, new Stage.Ramp(5, 5), new Stage.Spike(8), new Stage.Hold(10), new Stage.Arrivals(1, 2));
        assertEquals(g, PlayerGroup.fromJson(g.toJson()));
    }
}
