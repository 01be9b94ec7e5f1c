package io.glass2glass.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.Cmcd;
import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.network.NetworkProfiles;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Common Media Client Data the model sends (CTA-5004 v1, query mode), request by request, in virtual time. */
class PlayerCmcdTest {

    record Sent(PlayerAction.Fetch fetch, URI uri, Cmcd cmcd, Set<Long> videoKbps) {}

    static List<Sent> play(PlayerConfig config) {
        VirtualDriver driver = new VirtualDriver();
        Player player = new Player("p1", config, driver, PlayerTest.JOIN);
        driver.run(player, PlayerTest.origin(), PlayerTest.JOIN, now -> {});
        Set<Long> kbps = new HashSet<>();
        player.videoRenditions().forEach(r -> kbps.add(r.bitrate() / 1000));
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < driver.fetches.size(); i++) {
            URI u = driver.requestUris.get(i);
            String text = Cmcd.fromQuery(u.getRawQuery());
            sent.add(new Sent(driver.fetches.get(i), u, text == null ? null : Cmcd.parse(text), kbps));
        }
        return sent;
    }

    @Test
    void everyRequestCarriesTheSessionAndEachMediaRequestItsObjectAndBuffer() {
        for (PlayerProfile profile : PlayerProfile.values()) {
            URI target = profile == PlayerProfile.DASHJS ? PlayerTest.DASH : PlayerTest.HLS;
            List<Sent> sent = play(profile.config(target).withCmcd(true).withSessionMillis(30_000));
            String sid = sent.get(0).cmcd().text("sid");
            assertTrue(sid != null && !sid.isEmpty(), profile + ": a session id");
            for (Sent s : sent) {
                String who = profile + " " + s.fetch().kind() + " " + s.fetch().uri();
                assertEquals(sid, s.cmcd().text("sid"), who + ": one session id throughout");
                assertEquals(target == PlayerTest.DASH ? "d" : "h", s.cmcd().text("sf"), who);
                assertEquals("l", s.cmcd().text("st"), who);
                assertEquals(s.fetch().uri().toString(), Cmcd.withoutQueryKey(s.uri().toString()), who + ": the object is the fetch's");
                switch (s.fetch().kind()) {
                    case MULTIVARIANT, MEDIA_PLAYLIST, MPD -> assertEquals("m", s.cmcd().text("ot"), who);
                    case INIT -> assertEquals("i", s.cmcd().text("ot"), who);
                    case SEGMENT -> {
                        boolean audio = s.fetch().uri().getPath().contains("/audio/");
                        assertEquals(audio ? "a" : "v", s.cmcd().text("ot"), who);
                        assertEquals(2_000L, s.cmcd().number("d"), who + ": the segment's duration");
                        assertTrue(s.cmcd().number("bl") % 100 == 0, who + ": buffer length rounded to 100 ms");
                        if (!audio) {
                            assertTrue(s.videoKbps().contains(s.cmcd().number("br")), who + ": br is a rendition's, " + s.cmcd());
                            assertEquals(s.videoKbps().stream().max(Long::compare).orElseThrow(), s.cmcd().number("tb"), who);
                        }
                    }
                    default -> assertEquals("o", s.cmcd().text("ot"), who);
                }
            }
            Sent firstSegment = sent.stream().filter(s -> s.fetch().kind() == ObjectKind.SEGMENT).findFirst().orElseThrow();
            assertTrue(firstSegment.cmcd().flag("su"), profile + ": the first segment is a start-up request");
            Sent last = sent.get(sent.size() - 1);
            assertFalse(last.cmcd().flag("su"), profile + ": not once playing");
        }
    }

    @Test
    void aStallIsReportedAsBufferStarvationOnTheNextRequestOnly() {
        List<Sent> sent = play(PlayerProfile.HLSJS.config(PlayerTest.HLS).withCmcd(true)
                .withNetwork(NetworkProfiles.load("outage-10s")).withSessionMillis(60_000));
        List<Sent> starved = sent.stream().filter(s -> s.cmcd().flag("bs")).toList();
        assertFalse(starved.isEmpty(), "the outage's stall shows as bs");
        int at = sent.indexOf(starved.get(0));
        assertTrue(sent.get(at).cmcd().flag("su"), "a request while rebuffering is flagged su too");
        assertTrue(at + 1 < sent.size(), "the player went on requesting after the stall");
        assertFalse(sent.get(at + 1).cmcd().flag("bs"), "bs is reported once per stall, not on every later request");
    }

    @Test
    void withoutCmcdTheRequestIsTheFetchsUri() {
        VirtualDriver driver = new VirtualDriver();
        driver.run(new Player("p1", PlayerConfig.defaults(PlayerTest.HLS).withSessionMillis(10_000), driver, PlayerTest.JOIN),
                PlayerTest.origin(), PlayerTest.JOIN, now -> {});
        for (int i = 0; i < driver.fetches.size(); i++) {
            assertEquals(driver.fetches.get(i).uri(), driver.requestUris.get(i));
            assertNull(driver.requestUris.get(i).getRawQuery());
        }
    }
}
