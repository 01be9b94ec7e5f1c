package io.glass2glass.packager;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The streams an origin serves, by name; written by the pipeline, read by HTTP event loops. */
public final class LiveStreams {

    private final ConcurrentHashMap<String, StreamIndex> streams = new ConcurrentHashMap<>();

    public void add(StreamIndex index) {
        streams.put(index.stream(), index);
    }

    public void remove(String stream) {
        streams.remove(stream);
    }

    public Optional<StreamIndex> find(String stream) {
        return Optional.ofNullable(streams.get(stream));
    }

    public Collection<StreamIndex> all() {
        return List.copyOf(streams.values());
    }
}
