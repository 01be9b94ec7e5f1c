package io.glass2glass.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The default store: objects in heap, bounded by the packager's retention window (it deletes what leaves it). */
public final class MemorySegmentStore implements SegmentStore {

    private final ConcurrentHashMap<String, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public CompletionStage<Void> put(String key, byte[] value) {
        byte[] old = objects.put(key, value);
        bytes.addAndGet(value.length - (old == null ? 0 : old.length));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<byte[]> get(String key) {
        return CompletableFuture.completedFuture(objects.get(key));
    }

    @Override
    public CompletionStage<Void> delete(String key) {
        byte[] old = objects.remove(key);
        if (old != null) {
            bytes.addAndGet(-old.length);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Bytes held now. */
    public long sizeBytes() {
        return bytes.get();
    }

    public int objectCount() {
        return objects.size();
    }
}
