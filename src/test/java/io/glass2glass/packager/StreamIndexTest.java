package io.glass2glass.packager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
