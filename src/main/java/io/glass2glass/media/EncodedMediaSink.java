package io.glass2glass.media;


/**
 * Receives what the ABR encoder produces. Each rendition is delivered from one thread of its own,
 * in decode order; different renditions arrive concurrently.
 */
public interface EncodedMediaSink {

    /** A rendition's encoder is open: its codec configuration is known. Called before its first sample. */
    void onTrack(Rendition rendition, TrackInfo track);

    void onSample(Rendition rendition, MediaSample sample);

    /** The rendition has ended (the encoder was flushed or closed). */
    default void onEnd(Rendition rendition) {}
}
