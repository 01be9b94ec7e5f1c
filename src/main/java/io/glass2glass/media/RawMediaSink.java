package io.glass2glass.media;


/** Where a source delivers uncompressed media (the ABR encoder in-process). Calls may block for back-pressure. */
public interface RawMediaSink {

    void onVideo(RawVideoFrame frame) throws InterruptedException;

    void onAudio(RawAudioFrame frame) throws InterruptedException;

    /** The source has stopped; no more frames follow. */
    default void onEnd() {}
}
