package io.glass2glass.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DASH side of the player across Periods (ISO/IEC 23009-1 §5.3.2). */
class DashManifestsTest {

    private static final URI MPD = URI.create("http://origin.test/live/x/manifest.mpd");
    private static final long AST = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** Two Periods, the second restarting its numbering at 1 (as after an ad break or an encoder restart elsewhere). */
    private static final String TWO_PERIODS = """
            <?xml version="1.0"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2026-01-01T00:00:00Z"
                 minimumUpdatePeriod="PT2S" timeShiftBufferDepth="PT30S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
              <Period id="a" start="PT0S">
                <AdaptationSet contentType="video" mimeType="video/mp4">
                  <Representation id="v" bandwidth="1000000" width="640" height="360" codecs="avc1.64001e">
                    <SegmentTemplate timescale="1000" initialization="$RepresentationID$/init.mp4" media="$RepresentationID$/$Number$.m4s" startNumber="40">
                      <SegmentTimeline><S t="0" d="2000" r="4"/></SegmentTimeline>
                    </SegmentTemplate>
                  </Representation>
                </AdaptationSet>
              </Period>
              <Period id="b" start="PT12S">
                <AdaptationSet contentType="video" mimeType="video/mp4">
                  <Representation id="v" bandwidth="1000000" width="640" height="360" codecs="avc1.64001e">
                    <SegmentTemplate timescale="1000" presentationTimeOffset="0" initialization="$RepresentationID$/init-b.mp4" media="$RepresentationID$/$Number$.m4s" startNumber="1">
                      <SegmentTimeline><S t="0" d="2000" r="2"/></SegmentTimeline>
                    </SegmentTemplate>
                  </Representation>
                </AdaptationSet>
              </Period>
            </MPD>
            """;

    @Test
    void segmentsOfEveryPeriodFollowInProgramTimeEvenWhenAPeriodRestartsItsNumbers() {
        DashManifests dash = new DashManifests(MPD);
        long now = AST + 20_000; // every segment has ended, none has left the 30 s time-shift buffer
        dash.onLoaded(new PlayerAction.Fetch(1, ObjectKind.MPD, MPD, -1, -1, true, now), TWO_PERIODS, now, now);
        PlayerRendition v = dash.videoRenditions().get(0);

        List<SegmentRef> refs = dash.segments(v, now);

        assertEquals(List.of("40", "41", "42", "43", "44", "1", "2", "3"),
                refs.stream().map(r -> r.uri().getPath().replaceAll(".*/(\\d+)\\.m4s", "$1")).toList(), "$Number$ of each Period in the URLs");
        for (int i = 1; i < refs.size(); i++) {
            assertTrue(refs.get(i).number() > refs.get(i - 1).number(), "keys grow across the Periods: " + refs);
        }
        assertEquals(AST + 12_000, refs.get(5).startMs(), "the second Period starts at its start");
        assertTrue(refs.get(5).discontinuity(), "its first segment is a discontinuity");
        assertFalse(refs.get(6).discontinuity());
        assertEquals("/live/x/v/init-b.mp4", refs.get(5).initUri().getPath(), "each Period's own header");
        assertEquals("/live/x/v/init.mp4", refs.get(0).initUri().getPath());
    }
}
