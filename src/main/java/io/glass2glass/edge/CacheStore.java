package io.glass2glass.edge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored responses of one edge, bounded in bytes, least recently used evicted first. Confined to
 * the edge's event loop; it reports its size and evictions to {@link EdgeCounters}.
 */
final class CacheStore {

    private final LinkedHashMap<String, CacheEntry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private final long capacityBytes;
    private final EdgeCounters counters;
    private long storedBytes;

    CacheStore(long capacityBytes, EdgeCounters counters) {
        this.capacityBytes = capacityBytes;
        this.counters = counters;
    }

    /** The entry under {@code key}, now the most recently used, or null. */
    synchronized CacheEntry get(String key) {
        return entries.get(key);
    }

    /** Stores {@code entry} in place of any under its key, evicting the least recently used until it fits. */
    synchronized boolean put(CacheEntry entry) {
        if (entry.size > capacityBytes) {
            return false;
        }
        remove(entry.key);
        Iterator<Map.Entry<String, CacheEntry>> eldest = entries.entrySet().iterator();
        while (storedBytes + entry.size > capacityBytes && eldest.hasNext()) {
            CacheEntry evicted = eldest.next().getValue();
            eldest.remove();
            storedBytes -= evicted.size;
            counters.stored(-evicted.size, -1);
            counters.eviction(evicted.objectClass);
        }
        entries.put(entry.key, entry);
        storedBytes += entry.size;
        counters.stored(entry.size, 1);
        return true;
    }

    /** Drops the entry under {@code key} (an invalidation, not an eviction). */
    synchronized void remove(String key) {
        CacheEntry removed = entries.remove(key);
        if (removed != null) {
            storedBytes -= removed.size;
            counters.stored(-removed.size, -1);
        }
    }

    synchronized void clear() {
        counters.stored(-storedBytes, -entries.size());
        entries.clear();
        storedBytes = 0;
    }
}
