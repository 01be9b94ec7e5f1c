package io.glass2glass.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.encode.LadderConfig;
import io.glass2glass.encode.TranscodePipeline;
import io.glass2glass.ingest.rtmp.PassthroughPipeline;
import io.glass2glass.ingest.rtmp.PublishSinks;
import io.glass2glass.ingest.rtmp.StreamResume;
import io.glass2glass.media.IngestPipeline;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.hls.SyntheticStream;
import io.glass2glass.storage.MemorySegmentStore;
import org.junit.jupiter.api.Test;

/** How the reference chain receives a publish: which pipeline, which timeline, where it resumes. */
class LivePublishSinksTest {

    private final LiveStreams streams = new LiveStreams();

    @Test
    void aNewStreamGetsAnIndexWithTheLaddersSegmentsAndTheWindow() throws Exception {
        PublishSinks.Sink sink = new LivePublishSinks(streams, new MemorySegmentStore(), LadderConfig.load("tiny"), 4).open("cam1", r -> {});
        StreamIndex index = streams.find("cam1").orElseThrow();
        assertEquals(4, index.windowSegments());
        assertEquals(StreamResume.NEW, sink.resume());
    }

    @Test
    void anEncodingLadderTranscodesOnAThreadOfItsOwnAndPassthroughOnlyPackages() throws Exception {
        PublishSinks.Sink encoded = new LivePublishSinks(streams, new MemorySegmentStore(), LadderConfig.load("tiny"), 6).open("a", r -> {});
        assertTrue(encoded.encodes());
        try (IngestPipeline p = encoded.pipeline().get()) {
            assertTrue(p instanceof TranscodePipeline, p.getClass().toString());
        }
        PublishSinks.Sink packaged = new LivePublishSinks(streams, new MemorySegmentStore(), LadderConfig.load("passthrough"), 6).open("b", r -> {});
        assertFalse(packaged.encodes());
        try (IngestPipeline p = packaged.pipeline().get()) {
            assertTrue(p instanceof PassthroughPipeline, p.getClass().toString());
        }
    }

    @Test
    void aStreamWhosePublisherCameBackKeepsItsIndexAndResumesAfterItsTimeline() throws Exception {
        StreamIndex published = SyntheticStream.ladder(6).append(3).index(); // 2 s segments ending at 6 s
        streams.add(published);
        PublishSinks.Sink sink = new LivePublishSinks(streams, new MemorySegmentStore(), LadderConfig.load("tiny"), 6).open("live1", r -> {});
        assertSame(published, streams.find("live1").orElseThrow());
        assertEquals(new StreamResume(true, 2000, SyntheticStream.START_MILLIS, 6_000), sink.resume());
    }

    @Test
    void aWindowWithoutSegmentsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new LivePublishSinks(streams, new MemorySegmentStore(), LadderConfig.load("tiny"), 0));
    }
}
