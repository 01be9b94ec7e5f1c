package io.glass2glass.packager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.encode.AbrEncoder;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.RawAudioFrame;
import io.glass2glass.media.RawMediaSink;
import io.glass2glass.media.RawVideoFrame;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.Timescales;
import io.glass2glass.packager.StreamIndex.RenditionTimeline;
import io.glass2glass.packager.StreamIndex.Segment;
import io.glass2glass.packager.cmaf.Mp4Box;
import io.glass2glass.source.SyntheticSource;
import io.glass2glass.storage.MemorySegmentStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two publishes of one stream, each through its own real encoder and packager into the same index
 * (the publisher dropped and came back 5 s later on the stream clock): the timeline goes on.
 */
class LivePackagerResumeTest {

    static final Ladder LADDER = new Ladder("test", 30, 1, List.of(Rendition.video("v1", 320, 180, 400),
            Rendition.video("v2", 160, 90, 100)), Rendition.audio("audio", 64), 48_000, 2, "veryfast");
    /** Four whole segments and a partial fifth, which the end of the publish must flush on every rendition alike. */
    static final int FRAMES = 30 * 4 + 11;
    static final int RESUME_SECONDS = 10;

    static MemorySegmentStore store;
    static StreamIndex index;
    static StreamIndex.Snapshot afterFirst;

    @BeforeAll
    static void publishTwice() throws Exception {
        store = new MemorySegmentStore();
        index = new StreamIndex("s", LADDER.segmentSeconds(), 4);
        publish(0);
        afterFirst = index.snapshot();
        publish(RESUME_SECONDS);
    }

    private static void publish(int startSeconds) throws Exception {
        LivePackager packager = new LivePackager(index, store, LADDER.segmentSeconds());
        try (AbrEncoder encoder = new AbrEncoder("s", LADDER, 320, 180, Timescales.VIDEO, packager);
                SyntheticSource source = new SyntheticSource(320, 180, 30, 48_000, 2, false, FRAMES, shifted(encoder, startSeconds))) {
            source.start();
            assertTrue(encoder.awaitEnd(60, TimeUnit.SECONDS));
        }
    }

    /** The source's clock moved to {@code seconds}, as the ingest moves a resumed publish's timestamps. */
    private static RawMediaSink shifted(AbrEncoder encoder, int seconds) {
        return new RawMediaSink() {
            @Override
            public void onVideo(RawVideoFrame f) throws InterruptedException {
                encoder.onVideo(new RawVideoFrame(f.width(), f.height(), f.i420(), f.pts() + (long) seconds * f.timescale(),
                        f.timescale(), f.frameNumber(), f.captureTimeMicros()));
            }

            @Override
            public void onAudio(RawAudioFrame f) throws InterruptedException {
                encoder.onAudio(new RawAudioFrame(f.sampleRate(), f.channels(), f.samplesPerChannel(), f.planar(),
                        f.pts() + (long) seconds * f.sampleRate(), f.captureTimeMicros()));
            }

            @Override
            public void onEnd() {
                encoder.onEnd();
            }
        };
    }

    @Test
    void everyRenditionEndsAPublishOnTheSameNumber() {
        List<Long> last = afterFirst.renditions().stream().map(t -> t.last().orElseThrow().number()).toList();
        assertEquals(List.of(4L, 4L, 4L), last, "segments 0-3 whole, 4 partial, flushed alike on video and audio");
    }

    @Test
    void theResumedPublishContinuesTheNumbersWithADiscontinuity() {
        for (RenditionTimeline t : index.snapshot().renditions()) {
            List<Segment> segments = t.segments();
            for (int i = 1; i < segments.size(); i++) {
                assertEquals(segments.get(i - 1).number() + 1, segments.get(i).number(), t.rendition().id() + " numbers grow by one");
            }
            Segment first = segments.stream().filter(Segment::discontinuity).findFirst().orElseThrow();
            assertEquals(5, first.number(), t.rendition().id());
            assertEquals(1, segments.stream().filter(Segment::discontinuity).count());
            assertEquals(RESUME_SECONDS, first.startSeconds(), 0.03, t.rendition().id() + " starts where the publish resumed");
        }
    }

    @Test
    void theResumedPublishStartsADashPeriodAndSegmentsStayFetchable() {
        StreamIndex.Snapshot s = index.snapshot();
        assertEquals(Double.valueOf(RESUME_SECONDS), s.resumes().get(5L));
        assertEquals(-1, s.publishOf(4));
        assertEquals(5, s.publishOf(7));
        for (RenditionTimeline t : s.renditions()) {
            for (Segment segment : t.segments()) {
                assertNotNull(store.get("s/" + t.rendition().id() + "/" + segment.number() + ".m4s").toCompletableFuture().join());
            }
        }
    }

    @Test
    void theSameEncoderSettingsKeepOneInitSegment() {
        for (RenditionTimeline t : index.snapshot().renditions()) {
            assertEquals(1, t.tracks().size(), t.rendition().id() + ": identical configuration, no second header");
            assertFalse(t.segments().stream().anyMatch(x -> x.initVersion() != 0));
        }
    }

    @Test
    void tfdtOfTheResumedSegmentsIsInStreamTime() {
        for (RenditionTimeline t : index.snapshot().renditions()) {
            Segment first = t.segments().stream().filter(Segment::discontinuity).findFirst().orElseThrow();
            byte[] bytes = store.get("s/" + t.rendition().id() + "/" + first.number() + ".m4s").toCompletableFuture().join();
            assertEquals(first.startTime(), Mp4Box.tfdt(bytes));
        }
    }
}
