package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Where a publish's timestamps go on a stream's timeline. */
class StreamResumeTest {

    private static final long AST = 1_700_000_000_000L;
    /** 2 s segments, three of them published: the timeline ends at 6 s. */
    private static final StreamResume THREE_SEGMENTS = new StreamResume(true, 2000, AST, 6_000);

    @Test
    void aNewStreamKeepsThePublishersTimestamps() {
        assertEquals(0, StreamResume.NEW.offsetMillis(AST + 99_999, 1234));
    }

    @Test
    void aResumedPublishStartsOnTheFirstBoundaryAfterTheWallClock() {
        // 25.3 s after the stream started; the new publisher's clock starts at 40 ms
        assertEquals(26_000 - 40, THREE_SEGMENTS.offsetMillis(AST + 25_300, 40));
    }

    @Test
    void aQuickReconnectStartsAfterTheTimelineEnd() {
        // the wall clock is still inside the last segment: never overlap what was published
        assertEquals(6_000, THREE_SEGMENTS.offsetMillis(AST + 4_500, 0));
    }

    @Test
    void aResumeWithoutASegmentDurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StreamResume(true, 0, AST, 6_000));
    }
}
