package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.hls.SyntheticStream;
import org.junit.jupiter.api.Test;

/** Where a publish's timestamps go on a stream's timeline. */
class LiveIngestTest {

    private static final long AST = SyntheticStream.START_MILLIS;

    @Test
    void aNewStreamKeepsThePublishersTimestamps() {
        assertEquals(0, LiveIngest.resumeOffsetMillis(new StreamIndex("s", 2, 6).snapshot(), AST + 99_999, 1234));
    }

    @Test
    void aResumedPublishStartsOnTheFirstBoundaryAfterTheWallClock() {
        StreamIndex.Snapshot s = SyntheticStream.ladder(6).append(3).snapshot(); // segments end at 6 s
        // 25.3 s after the stream started; the new publisher's clock starts at 40 ms
        assertEquals(26_000 - 40, LiveIngest.resumeOffsetMillis(s, AST + 25_300, 40));
    }

    @Test
    void aQuickReconnectStartsAfterTheTimelineEnd() {
        StreamIndex.Snapshot s = SyntheticStream.ladder(6).append(3).snapshot();
        // the wall clock is still inside the last segment: never overlap what was published
        assertEquals(6_000, LiveIngest.resumeOffsetMillis(s, AST + 4_500, 0));
    }
}
