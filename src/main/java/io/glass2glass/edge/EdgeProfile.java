package io.glass2glass.edge;

import io.glass2glass.fixtures.Fixtures;
import io.glass2glass.media.ObjectKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The caching settings of an edge: what an architect varies to compare origin offload and viewer
 * QoE. A profile only overrides what the origin says where it names a value; everything else
 * follows the origin's headers (RFC 9111).
 *
 * <pre>
 * name: cdn-live
 * description: Live CDN settings: playlists for half a segment, media for a day
 * collapse: true
 * cacheBytes: 536870912
 * maxObjectBytes: 33554432
 * ttlSeconds: {multivariant: 1, media_playlist: 1, mpd: 1, init: 86400, segment: 86400}
 * negativeTtlSeconds: 1
 * staleWhileRevalidateSeconds: 2
 * staleIfErrorSeconds: 10
 * shield: false
 * </pre>
 *
 * @param collapse concurrent misses for one object share one upstream request
 * @param cacheBytes storage bound (bodies plus stored header fields), LRU beyond it
 * @param maxObjectBytes larger objects are streamed through without being stored
 * @param ttlSeconds per-class freshness lifetime replacing the origin's (RFC 9111 §4.2.1); a class
 *     absent here follows the origin. It never makes {@code no-store} or {@code private} answers
 *     storable, and {@code no-cache} answers are still revalidated before each use.
 * @param negativeTtlSeconds lifetime of 404, 410 and 5xx answers (class {@link ObjectKind#ERROR});
 *     {@code 0} stores none of them
 * @param staleWhileRevalidateSeconds RFC 5861 §3 window replacing the origin's; {@code -1} keeps the origin's
 * @param staleIfErrorSeconds RFC 5861 §4 window replacing the origin's; {@code -1} keeps the origin's
 * @param shield whether {@code run}/{@code serve} put a shield tier between the edges and the origin
 */
public record EdgeProfile(
        String name,
        String description,
        boolean collapse,
        long cacheBytes,
        long maxObjectBytes,
        Map<ObjectKind, Long> ttlSeconds,
        long negativeTtlSeconds,
        long staleWhileRevalidateSeconds,
        long staleIfErrorSeconds,
        boolean shield) {

    public static final long DEFAULT_CACHE_BYTES = 512L * 1024 * 1024;
    public static final long DEFAULT_MAX_OBJECT_BYTES = 32L * 1024 * 1024;
    /** Longest lifetime or window a profile may give: RFC 9111 §1.2.2 caps delta-seconds at 2^31. */
    public static final long MAX_SECONDS = 2_147_483_648L;

    private static final Set<String> KEYS = Set.of("name", "description", "collapse", "cacheBytes", "maxObjectBytes",
            "ttlSeconds", "negativeTtlSeconds", "staleWhileRevalidateSeconds", "staleIfErrorSeconds", "shield");

    public EdgeProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("edge profile name must not be blank");
        }
        description = description == null ? "" : description;
        if (cacheBytes <= 0) {
            throw new IllegalArgumentException("cacheBytes must be positive, got " + cacheBytes);
        }
        if (maxObjectBytes <= 0 || maxObjectBytes > cacheBytes) {
            throw new IllegalArgumentException("maxObjectBytes must be from 1 to cacheBytes (" + cacheBytes + "), got " + maxObjectBytes);
        }
        EnumMap<ObjectKind, Long> ttl = new EnumMap<>(ObjectKind.class);
        if (ttlSeconds != null) {
            for (Map.Entry<ObjectKind, Long> e : ttlSeconds.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("ttlSeconds must not hold nulls");
                }
                if (e.getKey() == ObjectKind.ERROR) {
                    throw new IllegalArgumentException("ttlSeconds cannot name 'error'; use negativeTtlSeconds");
                }
                if (!EdgeStats.CLASSES.contains(e.getKey())) {
                    throw new IllegalArgumentException("ttlSeconds cannot name '" + e.getKey().label()
                            + "': the edge never classifies a URL as that");
                }
                checkSeconds("ttlSeconds." + e.getKey().label(), e.getValue(), 0);
                ttl.put(e.getKey(), e.getValue());
            }
        }
        ttlSeconds = Collections.unmodifiableMap(ttl);
        checkSeconds("negativeTtlSeconds", negativeTtlSeconds, 0);
        checkSeconds("staleWhileRevalidateSeconds", staleWhileRevalidateSeconds, -1);
        checkSeconds("staleIfErrorSeconds", staleIfErrorSeconds, -1);
    }

    /** The profile's lifetime for {@code objectClass}, empty when the origin's applies. */
    public OptionalLong ttlFor(ObjectKind objectClass) {
        Long seconds = ttlSeconds.get(objectClass);
        return seconds == null ? OptionalLong.empty() : OptionalLong.of(seconds);
    }

    /** Loads {@code nameOrPath}: an existing YAML file, else a bundled profile such as {@code cdn-live}. */
    public static EdgeProfile load(String nameOrPath) {
        Fixtures.Document d = Fixtures.EDGE_PROFILES.read(nameOrPath);
        return parse(d.text(), d.origin());
    }

    /** Names of the bundled profiles, in the order of {@code fixtures/edge-profiles/index.txt}. */
    public static List<String> names() {
        return Fixtures.EDGE_PROFILES.names();
    }

    /**
     * Parses a profile document; {@code origin} (a file path or resource) names it in every error
     * and gives the default name. Absent keys take the defaults of the {@code default} profile.
     */
    public static EdgeProfile parse(String yaml, String origin) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage().strip(), e);
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(origin + ": an edge profile is a YAML mapping");
        }
        for (Object key : root.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'; expected " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        try {
            return new EdgeProfile(
                    text(root, "name", fileName(origin)),
                    text(root, "description", ""),
                    flag(root, "collapse", true),
                    whole(root, "cacheBytes", DEFAULT_CACHE_BYTES),
                    whole(root, "maxObjectBytes", DEFAULT_MAX_OBJECT_BYTES),
                    ttl(root.get("ttlSeconds")),
                    whole(root, "negativeTtlSeconds", 0),
                    whole(root, "staleWhileRevalidateSeconds", -1),
                    whole(root, "staleIfErrorSeconds", -1),
                    flag(root, "shield", false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static Map<ObjectKind, Long> ttl(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("'ttlSeconds' must be a mapping of object class to seconds");
        }
        Map<ObjectKind, Long> ttl = new EnumMap<>(ObjectKind.class);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String label = String.valueOf(e.getKey());
            ObjectKind objectClass = null;
            try {
                objectClass = ObjectKind.ofLabel(label);
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
            // 'error' is one of the edge's classes and refused by the constructor with its own hint.
            if (objectClass == null || !EdgeStats.CLASSES.contains(objectClass)) {
                throw new IllegalArgumentException("ttlSeconds: unknown object class '" + label
                        + "'; expected multivariant, media_playlist, mpd, init, segment, other");
            }
            ttl.put(objectClass, wholeValue("ttlSeconds." + label, e.getValue()));
        }
        return ttl;
    }

    private static void checkSeconds(String key, long value, long min) {
        if (value < min || value > MAX_SECONDS) {
            throw new IllegalArgumentException("'" + key + "' must be from " + min + " to " + MAX_SECONDS + " seconds, got " + value);
        }
    }

    private static String text(Map<?, ?> m, String key, String fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return s.strip();
    }

    private static boolean flag(Map<?, ?> m, String key, boolean fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("'" + key + "' must be true or false, got " + v);
        }
        return b;
    }

    private static long whole(Map<?, ?> m, String key, long fallback) {
        Object v = m.get(key);
        return v == null ? fallback : wholeValue(key, v);
    }

    private static long wholeValue(String key, Object v) {
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got " + v);
        }
        return ((Number) v).longValue();
    }

    private static String fileName(String origin) {
        String name = origin.substring(Math.max(origin.lastIndexOf('/'), origin.lastIndexOf('\\')) + 1);
        return name.endsWith(".yaml") ? name.substring(0, name.length() - ".yaml".length())
                : name.endsWith(".yml") ? name.substring(0, name.length() - ".yml".length()) : name;
    }
}
