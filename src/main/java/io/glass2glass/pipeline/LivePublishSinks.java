package io.glass2glass.pipeline;

import io.glass2glass.encode.TranscodePipeline;
import io.glass2glass.ingest.rtmp.PassthroughPipeline;
import io.glass2glass.ingest.rtmp.PublishSinks;
import io.glass2glass.ingest.rtmp.StreamResume;
import io.glass2glass.media.Ladder;
import io.glass2glass.packager.LivePackager;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.storage.SegmentStore;
import java.util.function.Consumer;

/**
 * Where the reference chain sends each publish the ingest accepts: the ladder encoded from it (or,
 * with a passthrough ladder, its own H.264/AAC packaged) into the stream's {@link StreamIndex} and
 * the segment store. A stream already in {@link LiveStreams} (its publisher came back) keeps its
 * index, so the new publish continues the timeline after a discontinuity instead of replacing what
 * players are watching.
 */
public final class LivePublishSinks implements PublishSinks {

    private final LiveStreams streams;
    private final SegmentStore store;
    private final Ladder ladder;
    private final int windowSegments;

    /** @param windowSegments segments listed in each live playlist of a new stream */
    public LivePublishSinks(LiveStreams streams, SegmentStore store, Ladder ladder, int windowSegments) {
        if (windowSegments < 1) {
            throw new IllegalArgumentException("the playlist window needs at least one segment: " + windowSegments);
        }
        this.streams = streams;
        this.store = store;
        this.ladder = ladder;
        this.windowSegments = windowSegments;
    }

    @Override
    public Sink open(String stream, Consumer<String> endPublish) {
        StreamIndex index = streams.find(stream).orElseGet(() -> {
            StreamIndex created = new StreamIndex(stream, ladder.segmentSeconds(), windowSegments);
            streams.add(created);
            return created;
        });
        LivePackager packager = new LivePackager(index, store, ladder.segmentSeconds());
        boolean encodes = !ladder.passthrough();
        return new Sink(encodes ? () -> new TranscodePipeline(stream, ladder, packager)
                : () -> new PassthroughPipeline(stream, ladder, packager, endPublish), encodes, resume(index.snapshot()));
    }

    /** Where a publish continues a stream's timeline: after its last published segment, if it has one. */
    static StreamResume resume(StreamIndex.Snapshot s) {
        if (s.nextNumber() < 0) {
            return StreamResume.NEW;
        }
        return new StreamResume(true, Math.round(s.segmentSeconds() * 1000), s.availabilityStartMillis(),
                (long) Math.ceil(s.endSeconds() * 1000 - 1e-6));
    }
}
