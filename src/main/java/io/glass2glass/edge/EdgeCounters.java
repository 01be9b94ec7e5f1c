package io.glass2glass.edge;

import io.glass2glass.media.ObjectKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counters behind {@link EdgeStats}. The edge's event loop writes them, any thread may take a
 * {@link #snapshot}; one lock keeps a snapshot's numbers consistent with one another.
 */
final class EdgeCounters {

    /** Keys remembered per class for {@code distinctKeys}: bounds the memory a key-spraying client can take. */
    static final int MAX_TRACKED_KEYS = 1 << 18;

    private static final int CLASSES = ObjectKind.values().length;

    private final long[][] results = new long[CLASSES][CacheResult.values().length];
    private final long[] originRequests = new long[CLASSES];
    private final long[] originBytes = new long[CLASSES];
    private final long[] bytesServed = new long[CLASSES];
    private final long[] evictions = new long[CLASSES];
    private final long[] distinctKeys = new long[CLASSES];
    private final List<Set<Long>> seenKeys = new ArrayList<>();
    private long storedBytes;
    private long storedObjects;

    EdgeCounters() {
        for (int i = 0; i < CLASSES; i++) {
            seenKeys.add(new HashSet<>());
        }
    }

    synchronized void request(ObjectKind objectClass, CacheResult result, String key) {
        int c = objectClass.ordinal();
        results[c][result.ordinal()]++;
        Set<Long> seen = seenKeys.get(c);
        if (seen.size() < MAX_TRACKED_KEYS && seen.add(fingerprint(key))) {
            distinctKeys[c]++;
        }
    }

    synchronized void originRequest(ObjectKind objectClass) {
        originRequests[objectClass.ordinal()]++;
    }

    synchronized void originBytes(ObjectKind objectClass, long bytes) {
        originBytes[objectClass.ordinal()] += bytes;
    }

    synchronized void served(ObjectKind objectClass, long bytes) {
        bytesServed[objectClass.ordinal()] += bytes;
    }

    synchronized void eviction(ObjectKind objectClass) {
        evictions[objectClass.ordinal()]++;
    }

    synchronized void stored(long bytesDelta, long objectsDelta) {
        storedBytes += bytesDelta;
        storedObjects += objectsDelta;
    }

    synchronized EdgeStats snapshot(String edge, String profile) {
        Map<ObjectKind, EdgeStats.ClassStats> byClass = new EnumMap<>(ObjectKind.class);
        for (ObjectKind oc : EdgeStats.CLASSES) {
            int c = oc.ordinal();
            long[] r = results[c];
            long requests = 0;
            for (long n : r) {
                requests += n;
            }
            byClass.put(oc, new EdgeStats.ClassStats(requests,
                    r[CacheResult.HIT.ordinal()], r[CacheResult.MISS.ordinal()], r[CacheResult.COLLAPSED.ordinal()],
                    r[CacheResult.STALE.ordinal()], r[CacheResult.REVALIDATED.ordinal()],
                    evictions[c], originRequests[c], originBytes[c], bytesServed[c], distinctKeys[c]));
        }
        return new EdgeStats(edge, profile, byClass, storedBytes, storedObjects);
    }

    /** FNV-1a, 64 bits: remembering a fingerprint instead of the key keeps the set small; collisions are negligible. */
    private static long fingerprint(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
