package io.glass2glass.ingest.rtmp;

import io.glass2glass.media.IngestPipeline;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the RTMP server sends each accepted publish: the composition root decides (encode the
 * ladder, or package as published) and the server only maps timestamps and feeds what it is given,
 * so the ingest stage runs, is tested and is benchmarked without the stages after it.
 */
@FunctionalInterface
public interface PublishSinks {

    /**
     * Called on the event loop once a publish of {@code stream} is accepted; must be cheap (nothing
     * native is opened: {@link Sink#pipeline()} is called on the publish's worker thread).
     *
     * @param endPublish called with a reason when the pipeline must end the publish (a codec it cannot take)
     */
    Sink open(String stream, Consumer<String> endPublish);

    /**
     * One publish's destination, as values.
     *
     * @param pipeline opens the publish's pipeline, on its worker thread, when the first media arrives
     * @param encodes whether that pipeline decodes and encodes (it blocks on its encoder's queues, so
     *     it gets a thread of its own; packaging alone shares a small pool)
     * @param resume where the publish's timestamps go on the stream's timeline
     */
    record Sink(Supplier<IngestPipeline> pipeline, boolean encodes, StreamResume resume) {}
}
