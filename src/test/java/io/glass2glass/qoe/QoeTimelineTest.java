package io.glass2glass.qoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class QoeTimelineTest {

    private static final long T0 = 1_000_000;

    @Test
    void countsJoinsStartsAndRequestsInTheIntervalTheyHappened() {
        QoeTimeline timeline = new QoeTimeline(T0);
        QoeTimeline.Viewer a = timeline.join();
        QoeTimeline.Viewer b = timeline.join();
        a.started();
        a.request(ObjectKind.SEGMENT, 200, 1_000);
        a.request(ObjectKind.SEGMENT, 503, 10);
        b.request(ObjectKind.MULTIVARIANT, 0, 0);
        JsonObject first = timeline.tick(T0 + 5_000);
        assertEquals(T0 + 5_000, first.getLong("t"));
        assertEquals(5_000, first.getLong("intervalMs"));
        JsonObject players = first.getJsonObject("players");
        assertEquals(2, players.getLong("active"));
        assertEquals(2, players.getLong("joined"));
        assertEquals(1, players.getLong("started"));
        assertEquals(1, players.getLong("playing"));
        JsonObject segment = first.getJsonObject("requests").getJsonObject("segment");
        assertEquals(2, segment.getLong("count"));
        assertEquals(1, segment.getLong("errors"));
        assertEquals(1_010, segment.getLong("bytes"));
        assertEquals(new JsonObject().put("200", 1L).put("503", 1L), segment.getJsonObject("statuses"));
        assertEquals(new JsonObject().put("0", 1L), first.getJsonObject("requests").getJsonObject("multivariant").getJsonObject("statuses"));

        JsonObject second = timeline.tick(T0 + 10_000);
        assertEquals(0, second.getJsonObject("players").getLong("joined"), "counts restart every interval");
        assertEquals(2, second.getJsonObject("players").getLong("active"), "gauges do not");
        assertFalse(second.getJsonObject("requests").containsKey("segment"));
        assertEquals(2, second.getJsonObject("soFar").getLong("joined"));
        assertEquals(1, second.getJsonObject("soFar").getLong("started"));
    }

    @Test
    void aStallAcrossIntervalsIsSplitBetweenThemAndAddsUpToItsLength() {
        QoeTimeline timeline = new QoeTimeline(T0);
        QoeTimeline.Viewer v = timeline.join();
        v.started();
        v.stallBegan(T0 + 3_000);
        JsonObject first = timeline.tick(T0 + 5_000);
        assertEquals(1, first.getJsonObject("stalls").getLong("begun"));
        assertEquals(2.0, first.getJsonObject("stalls").getDouble("seconds"));
        assertEquals(1, first.getJsonObject("players").getLong("stalled"));
        assertEquals(0, first.getJsonObject("players").getLong("playing"));
        JsonObject second = timeline.tick(T0 + 10_000);
        assertEquals(5.0, second.getJsonObject("stalls").getDouble("seconds"), "stalled the whole interval");
        v.stallEnded(T0 + 3_000, T0 + 11_500);
        JsonObject third = timeline.tick(T0 + 15_000);
        assertEquals(1.5, third.getJsonObject("stalls").getDouble("seconds"));
        assertEquals(0, third.getJsonObject("players").getLong("stalled"));
        assertEquals(1, third.getJsonObject("players").getLong("playing"));
    }

    @Test
    void aStallNoticedAfterItsIntervalWasWrittenStillCountsInFull() {
        QoeTimeline timeline = new QoeTimeline(T0);
        QoeTimeline.Viewer v = timeline.join();
        v.started();
        timeline.tick(T0 + 5_000);
        v.stallBegan(T0 + 4_000); // the player ran again only after the tick
        v.stallEnded(T0 + 4_000, T0 + 6_000);
        JsonObject line = timeline.tick(T0 + 10_000);
        assertEquals(2.0, line.getJsonObject("stalls").getDouble("seconds"));
    }

    @Test
    void renditionsArePlayersOnEachNowAndSwitchesAreCounted() {
        QoeTimeline timeline = new QoeTimeline(T0);
        QoeTimeline.Viewer a = timeline.join();
        QoeTimeline.Viewer b = timeline.join();
        a.renditionPlayed(null, "720p");
        b.renditionPlayed(null, "360p");
        b.renditionPlayed("360p", "720p");
        JsonObject line = timeline.tick(T0 + 5_000);
        assertEquals(new JsonObject().put("720p", 2L), line.getJsonObject("renditions"));
        assertEquals(1, line.getLong("switches"));
        a.ended(false, false, T0 + 6_000);
        JsonObject after = timeline.tick(T0 + 10_000);
        assertEquals(new JsonObject().put("720p", 1L), after.getJsonObject("renditions"));
        assertEquals(1, after.getJsonObject("players").getLong("active"));
    }

    @Test
    void endingCountsFailuresOnceAndEndsARunningStall() {
        QoeTimeline timeline = new QoeTimeline(T0);
        QoeTimeline.Viewer never = timeline.join();
        QoeTimeline.Viewer broken = timeline.join();
        broken.started();
        broken.stallBegan(T0 + 1_000);
        never.ended(true, false, T0 + 2_000);
        never.ended(true, false, T0 + 2_000);
        broken.ended(false, true, T0 + 4_000);
        never.request(ObjectKind.SEGMENT, 200, 1); // after the end: still a request it made, counted
        JsonObject line = timeline.tick(T0 + 5_000);
        JsonObject players = line.getJsonObject("players");
        assertEquals(1, players.getLong("failedToStart"));
        assertEquals(1, players.getLong("playbackFailed"));
        assertEquals(0, players.getLong("active"));
        assertEquals(0, players.getLong("stalled"));
        assertEquals(0, players.getLong("playing"));
        assertEquals(3.0, line.getJsonObject("stalls").getDouble("seconds"));
    }
}
