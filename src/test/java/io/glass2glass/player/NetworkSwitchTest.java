package io.glass2glass.player;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glass2glass.player.network.NetworkProfile;
import io.glass2glass.player.network.NetworkStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSwitchTest {

    private static final NetworkProfile FAST = new NetworkProfile("fast", "", List.of(new NetworkStep(1000, 8000, 10)), true);
    private static final NetworkProfile SLOW = new NetworkProfile("slow", "", List.of(new NetworkStep(1000, 800, 100)), true);

    @Test
    void aPlayerFollowsTheOtherLinkOnlyWhileTheSwitchLasts() {
        // The switch runs 20 s to 30 s after the players' start; this player joined at 5 s.
        NetworkProfile link = new NetworkSwitch("g", "slow", 20, 30).apply(FAST, SLOW, 5_000, 60_000);
        assertEquals("fast", link.name(), "the player's cohort stays its own link");
        assertEquals(8000, link.bandwidthKbpsAt(14_999));
        assertEquals(800, link.bandwidthKbpsAt(15_000));
        assertEquals(100, link.latencyAt(24_999));
        assertEquals(8000, link.bandwidthKbpsAt(25_000));
        assertEquals(8000, link.bandwidthKbpsAt(500_000), "after the horizon the last step persists");
    }

    @Test
    void aPlayerWhoJoinsAfterTheSwitchEndedKeepsItsLink() {
        assertEquals(FAST, new NetworkSwitch("g", "slow", 20, 30).apply(FAST, SLOW, 31_000, 60_000));
    }

    @Test
    void anUnlimitedLinkSwitchesToo() {
        NetworkProfile link = new NetworkSwitch("*", "slow", 0, 10).apply(NetworkProfile.unlimited(), SLOW, 2_000, 30_000);
        assertEquals(800, link.bandwidthKbpsAt(0));
        assertEquals(NetworkStep.MAX_BANDWIDTH_KBPS, link.bandwidthKbpsAt(8_000));
    }
}
