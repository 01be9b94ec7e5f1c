package io.glass2glass.edge;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether an upstream response may be shared and stored, under which object class and for how long:
 * RFC 9111 §3 (storing), §4.2.1 (freshness lifetime) and RFC 5861 (stale windows), with the
 * {@link EdgeProfile}'s overrides.
 *
 * <ul>
 *   <li>Never stored, never shared with collapsed requests: {@code no-store}, {@code private},
 *       {@code Vary: *} (§3, §4.1); 206 (the edge never asks for ranges upstream) and 304.</li>
 *   <li>404, 410 and every 5xx are class {@link ObjectKind#ERROR}: stored for the profile's
 *       {@code negativeTtlSeconds} when that is positive, whatever the origin says (like CloudFront's
 *       error caching TTL, which also covers 5xx: it keeps a failing origin from a herd), never served
 *       stale (a missing live segment is usually there a moment later).</li>
 *   <li>200, 203, 204, 300, 301 and 308 (heuristically cacheable, RFC 9110 §15.1): the profile's TTL for
 *       the class if it has one, else {@code s-maxage}, {@code max-age}, {@code Expires − Date}. No
 *       heuristic freshness (§4.2.2): without any of these they are stored only when they carry a
 *       validator, to be revalidated on use.</li>
 *   <li>Other final statuses: stored only with an explicit lifetime from the origin.</li>
 *   <li>Stale windows: the profile's when set ({@code >= 0}), else the origin's {@code stale-while-revalidate}
 *       and {@code stale-if-error}; none under {@code no-cache}, {@code must-revalidate} or
 *       {@code proxy-revalidate} (§4.2.4). The proxy-revalidate that {@code s-maxage} implies (§5.2.2.10)
 *       yields to an explicit stale window, as Fastly and Vercel read {@code s-maxage=1, stale-while-revalidate=59}.</li>
 * </ul>
 */
final class CachePolicy {

    private static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 300, 301, 308);

    /**
     * What to do with one response.
     *
     * @param shareable may be handed to other requests than the one that caused the fetch
     * @param storable may be stored (size limits aside)
     */
    record Verdict(ObjectKind objectClass, boolean shareable, boolean storable, Freshness freshness, List<String> vary) {}

    private final EdgeProfile profile;

    CachePolicy(EdgeProfile profile) {
        this.profile = profile;
    }

    /** The class an answer with {@code status} is counted and stored under. */
    static ObjectKind classOf(ObjectKind urlClass, int status) {
        return status == 404 || status == 410 || status >= 500 ? ObjectKind.ERROR : urlClass;
    }

    Verdict evaluate(ObjectKind urlClass, int status, MultiMap headers, long responseTimeMillis) {
        CacheControl cc = CacheControl.parse(headers.getAll(HttpHeaders.CACHE_CONTROL));
        List<String> vary = varyNames(headers);
        ObjectKind objectClass = classOf(urlClass, status);
        boolean shareable = !cc.noStore() && !cc.isPrivate() && !vary.contains("*");
        OptionalLong explicit = explicitLifetimeSeconds(cc, headers, responseTimeMillis);
        boolean storable;
        long lifetimeSeconds;
        if (!shareable || status < 200 || status == 206 || status == 304) {
            storable = false;
            lifetimeSeconds = 0;
        } else if (objectClass == ObjectKind.ERROR) {
            storable = profile.negativeTtlSeconds() > 0;
            lifetimeSeconds = profile.negativeTtlSeconds();
        } else if (HEURISTICALLY_CACHEABLE.contains(status)) {
            OptionalLong ttl = profile.ttlFor(urlClass);
            OptionalLong lifetime = ttl.isPresent() ? ttl : explicit;
            storable = lifetime.isPresent() || headers.contains(HttpHeaders.ETAG) || headers.contains(HttpHeaders.LAST_MODIFIED);
            lifetimeSeconds = lifetime.orElse(0);
        } else {
            storable = explicit.isPresent();
            lifetimeSeconds = explicit.orElse(0);
        }
        boolean noStaleServing = objectClass == ObjectKind.ERROR || cc.forbidsStale();
        long swr = noStaleServing ? 0 : window(profile.staleWhileRevalidateSeconds(), cc.staleWhileRevalidate());
        long sie = noStaleServing ? 0 : window(profile.staleIfErrorSeconds(), cc.staleIfError());
        Freshness freshness = new Freshness(lifetimeSeconds * 1000, swr * 1000, sie * 1000, cc.noCache());
        return new Verdict(objectClass, shareable, storable, freshness, vary);
    }

    /** {@code s-maxage}, else {@code max-age}, else {@code Expires − Date} (RFC 9111 §4.2.1), if any. */
    private static OptionalLong explicitLifetimeSeconds(CacheControl cc, MultiMap headers, long responseTimeMillis) {
        if (cc.sMaxAge() >= 0) {
            return OptionalLong.of(cc.sMaxAge());
        }
        if (cc.maxAge() >= 0) {
            return OptionalLong.of(cc.maxAge());
        }
        List<String> expires = headers.getAll(HttpHeaders.EXPIRES);
        if (expires.isEmpty()) {
            return OptionalLong.empty();
        }
        long expiresSeconds = HttpDate.parseSeconds(expires.get(0));
        if (expiresSeconds == Long.MIN_VALUE) {
            // §5.3: an invalid Expires, such as "0", is a time in the past.
            return OptionalLong.of(0);
        }
        long dateSeconds = HttpDate.parseSeconds(headers.get(HttpHeaders.DATE));
        long date = dateSeconds == Long.MIN_VALUE ? responseTimeMillis / 1000 : dateSeconds;
        return OptionalLong.of(Math.max(0, expiresSeconds - date));
    }

    private static long window(long profileSeconds, long originSeconds) {
        return profileSeconds >= 0 ? profileSeconds : Math.max(0, originSeconds);
    }

    /** The field names of {@code Vary}, lower-cased ({@code *} kept as is). */
    static List<String> varyNames(MultiMap headers) {
        List<String> names = new ArrayList<>();
        for (String line : headers.getAll(HttpHeaders.VARY)) {
            for (String name : line.split(",")) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                if (!n.isEmpty() && !names.contains(n)) {
                    names.add(n);
                }
            }
        }
        return List.copyOf(names);
    }
}
