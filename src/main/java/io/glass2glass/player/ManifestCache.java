package io.glass2glass.player;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Parsed manifests shared by every player of a JVM: thousands of players reload the same playlist
 * text every target duration, and parsing it once instead of once per player keeps the load
 * generator's CPU (and so its timing) for the players. Values are immutable records; the key is
 * the URL and the exact text, so a player never sees another URL's relative URIs resolved.
 */
final class ManifestCache<T> {

    private record Key(URI uri, String text) {}

    private static final int MAX_ENTRIES = 512;

    private final ConcurrentHashMap<Key, T> parsed = new ConcurrentHashMap<>();

    T get(URI uri, String text, BiFunction<String, URI, T> parser) {
        Key key = new Key(uri, text);
        T cached = parsed.get(key);
        if (cached != null) {
            return cached;
        }
        T value = parser.apply(text, uri); // throws ManifestException for bad input: nothing is cached then
        if (parsed.size() >= MAX_ENTRIES) {
            parsed.clear(); // live manifests go stale within seconds; starting over is cheaper than LRU bookkeeping
        }
        parsed.put(key, value);
        return value;
    }
}
