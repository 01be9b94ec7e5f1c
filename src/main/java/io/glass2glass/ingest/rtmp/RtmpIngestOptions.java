package io.glass2glass.ingest.rtmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the RTMP ingest server.
 *
 * @param host address to listen on
 * @param port TCP port, 0 for a free one
 * @param keys stream key → stream name; empty: only loopback publishers, the key is the stream name
 * @param idleSeconds a connection that sends no byte for this long is closed
 * @param queueCapacity media messages buffered per publisher before it is dropped
 * @param takeOver a publisher for a stream that is already live replaces the current one (which is
 *     disconnected) instead of being refused
 */
public record RtmpIngestOptions(String host, int port, Optional<Map<String, String>> keys, int idleSeconds, int queueCapacity,
        boolean takeOver) {

    public RtmpIngestOptions {
        keys = keys.map(Map::copyOf);
        if (port < 0 || port > 65535 || idleSeconds <= 0 || queueCapacity <= 0) {
            throw new IllegalArgumentException("invalid RTMP ingest options");
        }
    }

    /** Loopback-only publishing, 10 s idle timeout, 2048 queued media messages. */
    public static RtmpIngestOptions of(String host, int port) {
        return new RtmpIngestOptions(host, port, Optional.empty(), 10, 2048, false);
    }

    /** The same options with publishers authorised by a keys file: one {@code key streamName} pair per line, # comments. */
    public RtmpIngestOptions withKeysFile(Path file) throws IOException {
        Map<String, String> map = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length != 2) {
                throw new IOException(file + ": expected 'key streamName': " + l.substring(0, Math.min(3, l.length())) + "…");
            }
            map.put(parts[0], parts[1]);
        }
        return withKeys(map);
    }

    public RtmpIngestOptions withQueueCapacity(int capacity) {
        return new RtmpIngestOptions(host, port, keys, idleSeconds, capacity, takeOver);
    }

    /** The same options with take-over on or off. */
    public RtmpIngestOptions withTakeOver(boolean on) {
        return new RtmpIngestOptions(host, port, keys, idleSeconds, queueCapacity, on);
    }

    /** The same options with publishers authorised by these keys (key → stream name). */
    public RtmpIngestOptions withKeys(Map<String, String> keys) {
        return new RtmpIngestOptions(host, port, Optional.of(keys), idleSeconds, queueCapacity, takeOver);
    }

    /** The same options with one more key (kept beside those already there, or the first one). */
    public RtmpIngestOptions withKey(String key, String stream) {
        Map<String, String> all = new HashMap<>(keys.orElse(Map.of()));
        all.put(key, stream);
        return withKeys(all);
    }

    /** The same options with another idle timeout. */
    public RtmpIngestOptions withIdleSeconds(int seconds) {
        return new RtmpIngestOptions(host, port, keys, seconds, queueCapacity, takeOver);
    }
}
