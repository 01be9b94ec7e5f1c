package io.glass2glass.storage;

import java.util.concurrent.CompletionStage;

/**
 * Where packaged bytes (CMAF headers and segments) live between the packager and the origin.
 *
 * <p>Keys are paths relative to {@code /live/}, e.g. {@code demo/720p/17.m4s}. Implementations
 * whose I/O can block (file system, S3) complete their stages off the caller's thread, so an event
 * loop can call {@link #get} safely.
 */
public interface SegmentStore extends AutoCloseable {

    /** Stores an object; an existing object under the key is replaced. */
    CompletionStage<Void> put(String key, byte[] bytes);

    /** The object's bytes, or {@code null} when there is none. */
    CompletionStage<byte[]> get(String key);

    CompletionStage<Void> delete(String key);

    @Override
    default void close() {}
}
