package io.glass2glass.packager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.TrackInfo;
import io.glass2glass.packager.StreamIndex.RenditionTimeline;
import io.glass2glass.packager.hls.SyntheticStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamIndexTest {

    private static final int WINDOW = 6;

    @Test
    void segmentThatLeftTheWindowIsStillFoundUntilRetentionEnds() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(WINDOW + 1);
        RenditionTimeline video = stream.snapshot().rendition("1080p").orElseThrow();
        assertEquals(2, video.window().get(0).number(), "segment 1 left the window");
        assertEquals(1, video.find(1).orElseThrow().number(), "but is still retained");

        int retained = stream.index().retainedSegments();
        assertEquals(2 * WINDOW + 2, retained);
        stream.append(retained - (WINDOW + 1));
        assertTrue(stream.snapshot().rendition("audio").orElseThrow().find(1).isPresent(), "the last retained moment");

        stream.append(1);
        RenditionTimeline audio = stream.snapshot().rendition("audio").orElseThrow();
        assertFalse(audio.find(1).isPresent(), "evicted after " + retained + " newer segments");
        assertEquals(2, audio.find(2).orElseThrow().number());
        assertEquals(retained + 1, audio.find(retained + 1).orElseThrow().number());
        assertFalse(audio.find(retained + 2).isPresent(), "not produced yet");
    }

    @Test
    void addSegmentReturnsTheSegmentsItEvicts() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW);
        int retained = stream.index().retainedSegments();
        stream.append(retained);
        StreamIndex.Segment next = new StreamIndex.Segment(retained + 1, retained * 180_000L, 180_000, 90_000, 0, 1000, false);

        List<StreamIndex.Segment> evicted = stream.index().addSegment("720p", next);

        assertEquals(List.of(1L), evicted.stream().map(StreamIndex.Segment::number).toList());
    }

    @Test
    void aRenditionDeclaredAgainKeepsItsSegmentsAndVersionsAChangedConfiguration() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(3);
        StreamIndex index = stream.index();
        RenditionTimeline before = stream.snapshot().rendition("720p").orElseThrow();

        assertEquals(0, index.addTrack(before.rendition(), before.track()), "the same configuration: same header");
        TrackInfo changed = TrackInfo.video("avc1.64001f", 90_000, 1280, 720, 30, new byte[] {1, 2, 3});
        assertEquals(1, index.addTrack(before.rendition(), changed), "another configuration: a new header version");

        RenditionTimeline after = stream.snapshot().rendition("720p").orElseThrow();
        assertEquals(before.segments(), after.segments(), "segments already published stay");
        assertEquals(List.of(before.track(), changed), after.tracks());
        assertEquals(changed, after.track());
    }

    @Test
    void onlyADiscontinuityMaySkipNumbers() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(2);
        StreamIndex index = stream.index();
        assertThrows(IllegalStateException.class,
                () -> index.addSegment("720p", new StreamIndex.Segment(5, 1_000_000, 180_000, 90_000, 0, 1000, false)));
        assertThrows(IllegalStateException.class,
                () -> index.addSegment("720p", new StreamIndex.Segment(2, 1_000_000, 180_000, 90_000, 0, 1000, true)),
                "never backwards");
        index.addSegment("720p", new StreamIndex.Segment(5, 1_000_000, 180_000, 90_000, 0, 1000, true));
        assertEquals(5, stream.snapshot().rendition("720p").orElseThrow().last().orElseThrow().number());
    }

    @Test
    void resumedPublishesAreRememberedUntilNoRenditionRetainsThem() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(2).appendAfterGap(6.0).append(1);
        StreamIndex.Snapshot s = stream.snapshot();
        assertEquals(java.util.Map.of(3L, 10.0), s.resumes(), "segment 3 resumes at 2 x 2 s + 6 s");
        assertEquals(-1, s.publishOf(2));
        assertEquals(3, s.publishOf(4));
        assertEquals(5, s.nextNumber());
        assertEquals(14.0, s.endSeconds(), 0.03);

        stream.appendAfterGap(1.0).append(2 * WINDOW + 2);
        assertEquals(java.util.List.of(5L), List.copyOf(stream.snapshot().resumes().keySet()), "the first resume left retention");
    }

    @Test
    void targetDurationCoversTheLongestSegment() {
        SyntheticStream stream = SyntheticStream.ladder(WINDOW).append(2);
        assertEquals(2, stream.snapshot().targetDurationSeconds());
        stream.index().addSegment("720p", new StreamIndex.Segment(3, 360_000, 90_000 * 7 / 2, 90_000, 0, 1000, false));
        assertEquals(4, stream.snapshot().targetDurationSeconds(), "3.5 s rounds to 4 (RFC 8216 §4.3.3.1)");
    }

    @Test
    void aFreshIndexHasNoNextNumber() {
        assertEquals(-1, new StreamIndex("s", 2, 6).snapshot().nextNumber());
    }
}
