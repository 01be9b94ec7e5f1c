package io.glass2glass.player.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkProfileTest {

    static final NetworkProfile ONE_MBPS = new NetworkProfile("1m", "", List.of(new NetworkStep(60_000, 1000, 20)), true);
    static final NetworkProfile DROP = new NetworkProfile("drop", "", List.of(
            new NetworkStep(30_000, 6000, 20), new NetworkStep(30_000, 1000, 20), new NetworkStep(1000, 6000, 20)), false);
    static final NetworkProfile OUTAGE = new NetworkProfile("outage", "", List.of(
            new NetworkStep(20_000, 6000, 20), new NetworkStep(10_000, 0, 20), new NetworkStep(1000, 6000, 20)), false);
    /** 1 s at 8 Mb/s (8000 bits a millisecond) with 10 ms latency, then 1 s of outage with 50 ms, over and over. */
    static final NetworkProfile ON_OFF = new NetworkProfile("on-off", "", List.of(
            new NetworkStep(1000, 8000, 10), new NetworkStep(1000, 0, 50)), true);

    @Test
    void oneMegabyteAtOneMegabitTakesEightSecondsPlusLatency() {
        assertEquals(8000 + 20, ONE_MBPS.transferMillis(0, 1_000_000));
        assertEquals(8000 + 20, ONE_MBPS.transferMillis(123_456, 1_000_000), "a constant link is the same at any phase");
    }

    @Test
    void partialMillisecondsRoundUp() {
        assertEquals(20 + 1, ONE_MBPS.transferMillis(0, 1), "8 bits at 1000 bits/ms");
    }

    @Test
    void zeroBytesTakeOnlyTheLatency() {
        assertEquals(20, ONE_MBPS.transferMillis(0, 0));
    }

    @Test
    void aDownloadSpanningAStepChangeTakesThePiecewiseTime() {
        // Starts at 29 s: 20 ms latency, 980 ms at 6 Mb/s carry 5.88 Mb, the other 6.12 Mb take 6120 ms at 1 Mb/s.
        assertEquals(20 + 980 + 6120, DROP.transferMillis(29_000, 1_500_000));
        // And back up: from 59 s, 980 ms at 1 Mb/s carry 0.98 Mb, the other 11.02 Mb take 1836.67 ms at 6 Mb/s.
        assertEquals(20 + 980 + 1837, DROP.transferMillis(59_000, 1_500_000));
    }

    @Test
    void anOutageMidDownloadAddsItsDuration() {
        long clear = OUTAGE.transferMillis(0, 1_500_000);
        assertEquals(20 + 2000, clear);
        assertEquals(clear + 10_000, OUTAGE.transferMillis(19_000, 1_500_000));
        assertEquals(20 + 10_000 - 5020 + 2000, OUTAGE.transferMillis(25_000, 1_500_000), "requested during the outage");
    }

    @Test
    void aLoopingProfileStartsOverAfterItsLastStep() {
        assertEquals(8000, ON_OFF.bandwidthKbpsAt(2500));
        assertEquals(0, ON_OFF.bandwidthKbpsAt(3500));
        assertEquals(50, ON_OFF.latencyAt(3500));
        assertEquals(10, ON_OFF.latencyAt(4000));
        // From 1.5 s: 50 ms latency, wait out the outage to 2 s, then 8000 bits in 1 ms.
        assertEquals(50 + 450 + 1, ON_OFF.transferMillis(1500, 1000));
    }

    @Test
    void aLongDownloadOnALoopingProfileCrossesManyCycles() {
        // 80 Mb need 10 s of "on" time: 990 ms in the first cycle, then 9 whole cycles and 10 ms more.
        assertEquals(20_010, ON_OFF.transferMillis(0, 10_000_000));
    }

    @Test
    void aNonLoopingProfileKeepsItsLastStep() {
        assertEquals(6000, DROP.bandwidthKbpsAt(61_000));
        assertEquals(6000, DROP.bandwidthKbpsAt(10_000_000));
        assertEquals(1000, DROP.bandwidthKbpsAt(45_000));
        assertEquals(20 + 8000, DROP.transferMillis(10_000_000, 6_000_000));
    }

    @Test
    void anEndlessOutageNeverCompletes() {
        NetworkProfile dead = new NetworkProfile("dead", "", List.of(new NetworkStep(5000, 6000, 20), new NetworkStep(1000, 0, 20)), false);
        assertEquals(Long.MAX_VALUE, dead.transferMillis(4000, 1_000_000));
        assertEquals(Long.MAX_VALUE, dead.transferMillis(60_000, 1));
        assertEquals(20 + 1000, dead.transferMillis(0, 750_000), "done before the link dies");
        NetworkProfile alwaysDown = new NetworkProfile("down", "", List.of(new NetworkStep(1000, 0, 5)), true);
        assertEquals(Long.MAX_VALUE, alwaysDown.transferMillis(0, 1));
    }

    @Test
    void unlimitedTakesNoTime() {
        NetworkProfile unlimited = NetworkProfile.unlimited();
        assertTrue(unlimited.isUnlimited());
        assertEquals(0, unlimited.transferMillis(0, 1_000_000_000));
        assertEquals(0, unlimited.transferMillis(99_999, 1));
        assertEquals(0, unlimited.latencyAt(5));
        assertEquals(Long.MAX_VALUE, unlimited.bandwidthKbpsAt(5));
        assertTrue(unlimited.emulation().startsWith("No shaping"));
    }

    @Test
    void emulationSaysHowTheLinkIsShaped() {
        String sentence = DROP.emulation();
        assertTrue(sentence.contains("61 s trace of 3 steps whose last step then persists"), sentence);
        assertTrue(ON_OFF.emulation().contains("2 s trace of 2 steps that repeats"), ON_OFF.emulation());
        assertFalse(DROP.isUnlimited());
    }

    @Test
    void rejectsStepsThatLastNothingAndNegativeInputs() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkProfile("x", "", List.of(new NetworkStep(0, 1000, 5)), true));
        assertThrows(IllegalArgumentException.class, () -> new NetworkStep(-1, 1000, 5));
        assertThrows(IllegalArgumentException.class, () -> new NetworkStep(1000, NetworkStep.MAX_BANDWIDTH_KBPS + 1, 5));
        assertThrows(IllegalArgumentException.class, () -> ONE_MBPS.transferMillis(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> ONE_MBPS.transferMillis(0, -10));
    }

    @Test
    void zeroLengthStepsAreSkipped() {
        NetworkProfile p = new NetworkProfile("z", "", List.of(new NetworkStep(1000, 1000, 10), new NetworkStep(0, 0, 99),
                new NetworkStep(1000, 2000, 30)), true);
        assertEquals(2000, p.bandwidthKbpsAt(1000));
        assertEquals(30, p.latencyAt(1000));
        assertEquals(1000, p.bandwidthKbpsAt(999));
    }
}
