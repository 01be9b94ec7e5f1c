package io.glass2glass.player.abr;

import static io.glass2glass.player.abr.AbrFixtures.ctx;
import static io.glass2glass.player.abr.AbrFixtures.sampleAt;
import static io.glass2glass.player.abr.AbrFixtures.segmentBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputAbrTest {

    @Test
    void firstChoiceUsesTheDefaultEstimateOf500kbps() {
        assertEquals(0, new ThroughputAbr().choose(ctx(-1, 0, 0, true)));
        AbrContext finer = new AbrContext(List.of(200_000L, 450_000L, 800_000L), List.of("a", "b", "c"), -1, 0, 2, 0, true);
        assertEquals(1, new ThroughputAbr().choose(finer), "450 kb/s fits 500 kb/s at factor 1 on the first choice");
    }

    @Test
    void reachesTheTopRungOnAFastLinkWithinAFewSamples() {
        ThroughputAbr abr = new ThroughputAbr();
        long now = 0;
        int index = abr.choose(ctx(-1, 0, now, true));
        int downloads = 0;
        while (index != 3 && downloads < 3) {
            long bytes = segmentBytes(index);
            long millis = 20 + bytes * 8 / 50_000; // 50 Mb/s, 20 ms latency
            now += millis;
            abr.onSegmentDownloaded(bytes, millis, now);
            downloads++;
            index = abr.choose(ctx(index, 2.0 * downloads, now, true));
        }
        assertEquals(3, index);
        assertTrue(downloads <= 2, "top rung after " + downloads + " downloads");
    }

    @Test
    void staysWhileTheEstimateCoversTheCurrentRungAt95PercentAndStepsDownBelow() {
        assertEquals(3, withEstimate(5_300_000).choose(ctx(3, 10, 0, true)), "0.95 x 5.3 Mb/s >= 5 Mb/s");
        assertEquals(2, withEstimate(5_200_000).choose(ctx(3, 10, 0, true)), "0.95 x 5.2 Mb/s < 5 Mb/s");
        assertEquals(2, withEstimate(2_640_000).choose(ctx(2, 10, 0, true)), "0.95 x 2.64 Mb/s >= 2.5 Mb/s");
        assertEquals(1, withEstimate(2_620_000).choose(ctx(2, 10, 0, true)), "0.95 x 2.62 Mb/s < 2.5 Mb/s");
    }

    @Test
    void stepsDownAfterTheLinkDrops() {
        ThroughputAbr abr = withEstimate(20_000_000);
        long now = 0;
        int index = abr.choose(ctx(3, 10, now, true));
        assertEquals(3, index);
        for (int i = 0; i < 10; i++) {
            long bytes = segmentBytes(index);
            long millis = bytes * 8 / 3_000; // 3 Mb/s
            now += millis;
            abr.onSegmentDownloaded(bytes, millis, now);
            index = abr.choose(ctx(index, 10, now, true));
        }
        assertEquals(2, index, "2.5 Mb/s is the highest rung within 0.95 x 3 Mb/s");
    }

    @Test
    void switchingUpNeedsOneOver07OfTheRungsBitrate() {
        // 2.5 Mb/s / 0.7 = 3.571 Mb/s
        assertEquals(1, withEstimate(3_550_000).choose(ctx(1, 10, 0, true)));
        assertEquals(2, withEstimate(3_600_000).choose(ctx(1, 10, 0, true)));
    }

    @Test
    void avoidsARungWhoseSegmentWouldTakeLongerThanTheBufferAhead() {
        // At 6 Mb/s x 0.95 a 2 s segment of 2.5 Mb/s takes 0.877 s, of 1 Mb/s 0.351 s.
        assertEquals(2, withEstimate(6_000_000).choose(ctx(2, 1.0, 0, false)));
        assertEquals(1, withEstimate(6_000_000).choose(ctx(2, 0.5, 0, false)));
        assertEquals(2, withEstimate(6_000_000).choose(ctx(2, 0.5, 0, true)), "hls.js skips the check at the live edge");
        assertEquals(2, withEstimate(6_000_000).choose(ctx(2, 0, 0, false)), "an empty buffer allows one segment of starvation");
    }

    @Test
    void fallsBackToTheLowestRungWhenNothingFits() {
        assertEquals(0, withEstimate(100_000).choose(ctx(2, 10, 0, true)));
    }

    @Test
    void aSingleRenditionIsAlwaysChosen() {
        AbrContext one = new AbrContext(List.of(3_000_000L), List.of("only"), -1, 0, 2, 0, false);
        assertEquals(0, new ThroughputAbr().choose(one));
    }

    private static ThroughputAbr withEstimate(double bitsPerSecond) {
        ThroughputAbr abr = new ThroughputAbr();
        sampleAt(abr, bitsPerSecond, 2000);
        assertEquals(bitsPerSecond, abr.bandwidthEstimate(), 1.0);
        return abr;
    }
}
