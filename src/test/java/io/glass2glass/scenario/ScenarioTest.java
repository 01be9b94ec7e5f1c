package io.glass2glass.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.player.NetworkSwitch;
import io.glass2glass.player.PlayerGroup;
import io.glass2glass.player.PlayerProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final List<URI> URL = List.of(URI.create("http://127.0.0.1:1/live/demo/master.m3u8"));

    @Test
    void everyBundledScenarioReadsAndPlansItsAudience() throws Exception {
        for (String name : Scenario.bundled()) {
            Scenario s = Scenario.load(name);
            assertEquals(name, s.name());
            List<PlayerGroup> groups = s.groups().stream().map(g -> g.toPlayerGroup(URL)).toList();
            s.checkTimeline(groups);
            assertTrue(groups.stream().mapToInt(PlayerGroup::players).sum() > 0, name);
            assertTrue(s.thresholds().isPresent(), name + " has thresholds");
        }
    }

    @Test
    void sharesAreOfTheAudienceAndPercentagesOfTheGroup() {
        Scenario s = Scenario.parse("""
                audience: 200
                groups:
                  - {name: mobile, share: 30%, stages: [{ramp: 50%, over: 10s}, {hold: 10s}]}
                  - {name: fixed, players: 10, session: 30s}
                """, "t");
        assertEquals(30, s.groups().get(0).toPlayerGroup(URL).players());
        assertEquals(10, s.groups().get(1).toPlayerGroup(URL).players() );
    }

    @Test
    void networkEventsBecomeSwitchesOfTheirGroup() {
        Scenario s = Scenario.parse("""
                groups: [{name: m, players: 2, stages: [{spike: 2}, {hold: 60s}]}]
                timeline: [{at: 20s, event: network, group: m, profile: 3g, for: 15s}]
                """, "t");
        assertEquals(List.of(new NetworkSwitch("m", "3g", 20, 35)), s.networkSwitches());
    }

    @Test
    void aGroupsPlayerProfileTravelsAsItsModelAndReportsAsThePlayerAndVersion() {
        Scenario s = Scenario.parse("""
                groups:
                  - {name: web, players: 2, player: dashjs, session: 30s}
                  - {name: custom, players: 2, abr: bola, session: 30s}
                """, "t");
        assertEquals("dashjs", s.groups().get(0).toPlayerGroup(URL).abr());
        assertEquals("bola", s.groups().get(1).toPlayerGroup(URL).abr());
        assertEquals("dash.js 5.2.1", PlayerProfile.describe(s.groups().get(0).abr()));
        assertEquals("bola", PlayerProfile.describe(s.groups().get(1).abr()));
        assertMessage("give player or abr, not both", "groups: [{players: 1, player: hlsjs, abr: bola}]");
        assertMessage("unknown player 'vlc'; valid choices: hlsjs, dashjs, shaka", "groups: [{players: 1, player: vlc}]");
    }

    @Test
    void mistakesAreNamedNotPlayed() {
        assertMessage("unknown field 'groups[0].netwrok'", "groups: [{players: 1, netwrok: 3g}]");
        assertMessage("names edge 3 but the pipeline has 1 edge",
                "pipeline: {edges: 1}\ngroups: [{players: 1}]\ntimeline: [{at: 1s, event: edge-down, edge: 3}]");
        assertMessage("a share needs the scenario's 'audience'", "groups: [{share: 10%}]");
        assertMessage("origin-outage needs a duration", "groups: [{players: 1}]\ntimeline: [{at: 1s, event: origin-outage}]");
        assertMessage("unknown event 'meteor'", "groups: [{players: 1}]\ntimeline: [{at: 1s, event: meteor}]");
        assertMessage("not YAML", "groups: [");
    }

    @Test
    void anEventAfterTheLastPlayerLeftIsRefused() {
        Scenario s = Scenario.parse("""
                groups: [{name: g, players: 2, stages: [{spike: 2}, {hold: 10s}]}]
                timeline: [{at: 30s, event: origin-errors, for: 5s}]
                """, "t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.checkTimeline(s.groups().stream().map(g -> g.toPlayerGroup(URL)).toList()));
        assertTrue(e.getMessage().contains("after the last player leaves"), e.getMessage());
    }

    private static void assertMessage(String expected, String yaml) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse(yaml, "f.yaml"));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().startsWith("scenario f.yaml: "), e.getMessage());
    }
}
