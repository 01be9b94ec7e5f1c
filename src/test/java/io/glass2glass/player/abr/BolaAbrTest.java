package io.glass2glass.player.abr;

import static io.glass2glass.player.abr.AbrFixtures.BITRATES;
import static io.glass2glass.player.abr.AbrFixtures.ctx;
import static io.glass2glass.player.abr.AbrFixtures.sampleAt;
import static io.glass2glass.player.abr.AbrFixtures.segmentBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BolaAbrTest {

    @Test
    void parametersFollowDashJsBolaRule() {
        BolaAbr.Parameters p = BolaAbr.Parameters.of(BITRATES, 12);
        assertEquals(18, p.bufferTarget(), 1e-12, "max(12, 10 + 2 x 4 renditions)");
        assertEquals(1, p.utilities().get(0), 1e-12);
        assertEquals(Math.log(5_000_000.0 / 400_000) + 1, p.utilities().get(3), 1e-12);
        double gp = Math.log(12.5) / (18.0 / 10 - 1);
        assertEquals(gp, p.gp(), 1e-12);
        assertEquals(10 / gp, p.vp(), 1e-12);
        assertEquals(14, BolaAbr.Parameters.of(List.of(1_000_000L, 3_000_000L), 12).bufferTarget(), 1e-12);
        assertEquals(12, BolaAbr.Parameters.of(List.of(1_000_000L), 12).bufferTarget(), 1e-12);
        assertTrue(BolaAbr.Parameters.of(List.of(1_000_000L), 12).oneBitrate());
    }

    @Test
    void picksLowAtASmallBufferAndHighAtALargeOneMonotonically() {
        BolaAbr.Parameters p = BolaAbr.Parameters.of(BITRATES, 12);
        assertEquals(0, p.qualityFor(0));
        assertEquals(0, p.qualityFor(10));
        assertEquals(1, p.qualityFor(12));
        assertEquals(2, p.qualityFor(15));
        assertEquals(3, p.qualityFor(18));
        assertEquals(3, p.qualityFor(40));
        int previous = 0;
        for (double buffer = 0; buffer <= 40; buffer += 0.1) {
            int quality = p.qualityFor(buffer);
            assertTrue(quality >= previous, "quality fell from " + previous + " to " + quality + " at " + buffer + " s");
            previous = quality;
        }
    }

    @Test
    void switchThresholdsLieBetweenTheMinAndMaxBufferLevelsOfEachRendition() {
        BolaAbr.Parameters p = BolaAbr.Parameters.of(BITRATES, 12);
        for (int q = 1; q < BITRATES.size(); q++) {
            double min = p.minBufferLevelFor(q);
            assertEquals(q - 1, p.qualityFor(min - 0.01));
            assertEquals(q, p.qualityFor(min + 0.01));
            assertTrue(p.maxBufferLevelFor(q) > min);
        }
    }

    @Test
    void firstChoiceComesFromDashJsInitialBitrateOf1Mbps() {
        BolaAbr bola = new BolaAbr();
        assertEquals(1, bola.choose(ctx(-1, 0, 0, true)));
        assertEquals(1_000_000, bola.bandwidthEstimate());
        assertEquals(2, bola.choose(ctx(2, 0, 0, true)), "without a sample BOLA keeps the current rendition");
    }

    @Test
    void startupUsesTheSafeThroughputUntilOneSegmentIsBuffered() {
        BolaAbr bola = new BolaAbr();
        bola.choose(ctx(-1, 0, 0, true));
        sampleAt(bola, 3_000_000, 2000);
        assertEquals(2, bola.choose(ctx(1, 1.0, 2000, true)), "0.9 x 3 Mb/s fits 2.5 Mb/s");
        assertFalse(bola.steady());
        assertEquals(2, bola.choose(ctx(2, 2.0, 2000, true)));
        assertTrue(bola.steady(), "steady once a segment's worth is buffered");
    }

    @Test
    void bolaOHoldsBackASwitchUpTheThroughputCannotSustain() {
        BolaAbr bola = steadyAt(1_200_000, 1);
        assertEquals(3, BolaAbr.Parameters.of(BITRATES, 12).qualityFor(30), "plain BOLA would take the top rung");
        assertEquals(1, bola.choose(ctx(1, 30, 4000, true)), "0.9 x 1.2 Mb/s only sustains 1 Mb/s");
    }

    @Test
    void afterARebufferStartsFromTheRealBufferAndClimbsWithIt() {
        BolaAbr bola = steadyAt(20_000_000, 3);
        assertEquals(0, bola.choose(ctx(3, 0, 4000, true)), "an empty buffer drops the placeholder");
        assertEquals(0, bola.placeholderBuffer());
        assertEquals(1, bola.choose(ctx(0, 12, 4000, true)));
        assertEquals(2, bola.choose(ctx(1, 15, 4000, true)));
        assertEquals(3, bola.choose(ctx(2, 20, 4000, true)));
    }

    @Test
    void placeholderBufferKeepsTheTopRungAtTheLiveEdge() {
        assertEquals(0, BolaAbr.Parameters.of(BITRATES, 12).qualityFor(6), "6 s of real buffer alone means the lowest rung");
        BolaAbr bola = new BolaAbr();
        long now = 0;
        int index = bola.choose(ctx(-1, 0, now, true));
        for (int segment = 0; segment < 30; segment++) {
            long bytes = segmentBytes(index);
            long millis = Math.max(50, bytes * 8 / 25_000); // 25 Mb/s
            bola.onSegmentDownloaded(bytes, millis, now + millis);
            now += 2000; // the next segment is published 2 s after the previous request
            index = bola.choose(ctx(index, 6, now, true));
            if (segment >= 2) {
                assertEquals(3, index, "segment " + segment);
            }
        }
        assertTrue(bola.steady());
    }

    @Test
    void aSingleRenditionIsAlwaysChosen() {
        AbrContext one = new AbrContext(List.of(3_000_000L), List.of("only"), -1, 0, 2, 0, false);
        assertEquals(0, new BolaAbr().choose(one));
    }

    /** A BOLA instance past startup, on rendition {@code expected}, with throughput samples of {@code bitsPerSecond}. */
    private static BolaAbr steadyAt(double bitsPerSecond, int expected) {
        BolaAbr bola = new BolaAbr();
        bola.choose(ctx(-1, 0, 0, true));
        sampleAt(bola, bitsPerSecond, 2000);
        sampleAt(bola, bitsPerSecond, 4000);
        assertEquals(expected, bola.choose(ctx(1, 2.0, 4000, true)));
        assertTrue(bola.steady());
        return bola;
    }
}
