package io.glass2glass.edge;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stored response (RFC 9111 §3): status, end-to-end header fields, the body as the buffers it
 * arrived in, and what is needed to compute its age (§4.2.3) and freshness. Immutable: a
 * revalidation (§4.3.4) stores a new entry.
 */
final class CacheEntry {

    final String key;
    final ObjectKind objectClass;
    final int status;
    /** As received, without hop-by-hop fields, {@code Age}, {@code X-Cache} and {@code Content-Length}. */
    final MultiMap headers;
    final List<Buffer> body;
    final long bodyLength;
    /** The selecting request fields of {@code Vary} (RFC 9111 §4.1), lower-case name to value (null when absent). */
    final Map<String, String> varyValues;
    final long responseTimeMillis;
    /** {@code corrected_initial_age} of RFC 9111 §4.2.3, in milliseconds. */
    final long correctedInitialAgeMillis;
    final Freshness freshness;
    /**
     * The stored body as one buffer: a hit is then one write to the socket instead of one per
     * chunk the upstream happened to send (a 200 KB segment arrives in a dozen or more).
     */
    private static Buffer joined(List<Buffer> chunks, long length) {
        Buffer all = Buffer.buffer((int) Math.min(Integer.MAX_VALUE, length));
        for (Buffer chunk : chunks) {
            all.appendBuffer(chunk);
        }
        return all;
    }

    /** What the entry counts against the cache size: body, key and header fields. */
    final long size;

    CacheEntry(String key, ObjectKind objectClass, int status, MultiMap headers, List<Buffer> body, long bodyLength,
            Map<String, String> varyValues, long responseTimeMillis, long correctedInitialAgeMillis, Freshness freshness) {
        this.key = key;
        this.objectClass = objectClass;
        this.status = status;
        this.headers = headers;
        this.body = body.size() <= 1 ? List.copyOf(body) : List.of(joined(body, bodyLength));
        this.bodyLength = bodyLength;
        this.varyValues = Map.copyOf(varyValues);
        this.responseTimeMillis = responseTimeMillis;
        this.correctedInitialAgeMillis = correctedInitialAgeMillis;
        this.freshness = freshness;
        long headerBytes = 0;
        for (Map.Entry<String, String> field : headers) {
            headerBytes += field.getKey().length() + field.getValue().length() + 4;
        }
        this.size = bodyLength + key.length() + headerBytes;
    }

    /**
     * {@code corrected_initial_age} (RFC 9111 §4.2.3) of a response received at {@code responseTime}
     * for a request sent at {@code requestTime}.
     */
    static long correctedInitialAgeMillis(MultiMap headers, long requestTimeMillis, long responseTimeMillis) {
        long ageValue = parseAge(headers.get(HttpHeaders.AGE));
        long dateSeconds = HttpDate.parseSeconds(headers.get(HttpHeaders.DATE));
        // Date has one-second resolution: it is believed only beyond that, or a response dated just
        // before a second boundary would arrive a second old and a max-age=1 playlist be stale on arrival.
        long apparentAgeMillis = dateSeconds == Long.MIN_VALUE ? 0 : Math.max(0, responseTimeMillis / 1000 - dateSeconds - 1) * 1000;
        long responseDelayMillis = Math.max(0, responseTimeMillis - requestTimeMillis);
        long correctedAgeValue = ageValue * 1000 + responseDelayMillis;
        return Math.max(apparentAgeMillis, correctedAgeValue);
    }

    /** {@code Age} as a non-negative delta-seconds, 0 when absent or not a number (RFC 9111 §5.1). */
    private static long parseAge(String value) {
        if (value == null) {
            return 0;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 10) {
            return v.isEmpty() ? 0 : 2_147_483_648L;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return 0;
            }
        }
        return Long.parseLong(v);
    }

    /** {@code current_age} (RFC 9111 §4.2.3). */
    long currentAgeMillis(long now) {
        return correctedInitialAgeMillis + Math.max(0, now - responseTimeMillis);
    }

    /** The {@code Age} field value: whole seconds, rounded down (RFC 9111 §5.1). */
    long ageSeconds(long now) {
        return currentAgeMillis(now) / 1000;
    }

    /** Fresh and usable without contacting the upstream (RFC 9111 §4.2, §4.2.4). */
    boolean isFresh(long now) {
        return !freshness.revalidateEachUse() && currentAgeMillis(now) < freshness.lifetimeMillis();
    }

    /** Stale, but within its stale-while-revalidate window (RFC 5861 §3). */
    boolean usableWhileRevalidating(long now) {
        long staleness = currentAgeMillis(now) - freshness.lifetimeMillis();
        return !freshness.revalidateEachUse() && staleness >= 0 && staleness < freshness.staleWhileRevalidateMillis();
    }

    /** Usable in place of an upstream failure: within its stale-if-error window (RFC 5861 §4). */
    boolean usableOnError(long now) {
        return !freshness.revalidateEachUse()
                && currentAgeMillis(now) - freshness.lifetimeMillis() < freshness.staleIfErrorMillis();
    }

    String etag() {
        return headers.get(HttpHeaders.ETAG);
    }

    String lastModified() {
        return headers.get(HttpHeaders.LAST_MODIFIED);
    }

    /** Whether a request with {@code requestHeaders} selects this response (RFC 9111 §4.1). */
    boolean matchesVary(MultiMap requestHeaders) {
        for (Map.Entry<String, String> selecting : varyValues.entrySet()) {
            if (!Objects.equals(selecting.getValue(), selectingValue(requestHeaders, selecting.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The values of the fields named by {@code vary} in {@code requestHeaders}. */
    static Map<String, String> varyValues(List<String> vary, MultiMap requestHeaders) {
        Map<String, String> values = new HashMap<>();
        for (String name : vary) {
            values.put(name, selectingValue(requestHeaders, name));
        }
        return values;
    }

    /** A field's lines combined (RFC 9110 §5.3) with whitespace around commas dropped (RFC 9111 §4.1 normalisation). */
    static String selectingValue(MultiMap requestHeaders, String name) {
        List<String> lines = requestHeaders.getAll(name);
        if (lines.isEmpty()) {
            return null;
        }
        StringBuilder combined = new StringBuilder();
        for (String line : lines) {
            for (String member : line.split(",")) {
                if (combined.length() > 0) {
                    combined.append(',');
                }
                combined.append(member.strip());
            }
        }
        return combined.toString();
    }

    /**
     * The stored fields updated by a 304's (RFC 9111 §4.3.4): its fields replace the stored ones,
     * except {@code Content-Length} (§3.2) and those the edge computes itself.
     */
    MultiMap headersUpdatedBy(MultiMap notModifiedHeaders) {
        MultiMap merged = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        MultiMap update = ForwardedHeaders.response(notModifiedHeaders);
        for (String name : update.names()) {
            merged.set(name, update.getAll(name));
        }
        return merged;
    }

    /** This response after a 304: {@code mergedHeaders}, and age and freshness starting again from the 304. */
    CacheEntry freshened(MultiMap mergedHeaders, MultiMap notModifiedHeaders, long requestTimeMillis, long responseTimeMillis,
            Freshness newFreshness) {
        return new CacheEntry(key, objectClass, status, mergedHeaders, body, bodyLength, varyValues, responseTimeMillis,
                correctedInitialAgeMillis(notModifiedHeaders, requestTimeMillis, responseTimeMillis), newFreshness);
    }
}
