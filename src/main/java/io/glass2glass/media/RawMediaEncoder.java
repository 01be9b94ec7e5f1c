package io.glass2glass.media;

/**
 * An encoder as a source drives it: raw frames in, encoded samples out to the sink it was opened
 * with. The source stage holds this port, the composition root hands it the ABR encoder.
 */
public interface RawMediaEncoder extends RawMediaSink, AutoCloseable {

    /** Why encoding stopped, or {@code null} while it runs. */
    Throwable failure();

    @Override
    void close();

    /** Opens an encoder of every rung of a ladder. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param sourceWidth width of the raw pictures it will be given
         * @param videoTimescale timescale of the raw pictures' times
         */
        RawMediaEncoder open(String stream, Ladder ladder, int sourceWidth, int sourceHeight, int videoTimescale, EncodedMediaSink sink);
    }
}
