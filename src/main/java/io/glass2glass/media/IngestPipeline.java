package io.glass2glass.media;


/**
 * What one publish feeds, on the publisher's worker thread: the published tracks and samples (in
 * the FLV parser's millisecond timescale), then the end of the publish. Either the ladder is
 * encoded from them (the encoder's transcode pipeline) or they are packaged as they are (the ingest's passthrough).
 */
public interface IngestPipeline extends AutoCloseable {

    /** A sequence header: the track starts or changes its configuration. */
    void onTrack(TrackInfo track) throws InterruptedException;

    /** One published access unit. */
    void onSample(MediaSample sample) throws InterruptedException;

    /** The publish ended: drain everything buffered into the packager (its last segments included). */
    void finish() throws InterruptedException;

    /** Releases native resources; called once, after {@link #finish()} or a failure. */
    @Override
    void close();
}
