package io.glass2glass.edge;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which header fields an intermediary passes on, in either direction (RFC 9110 §7.6): hop-by-hop
 * fields and those named in {@code Connection} stay behind, {@code Via} gains this tier.
 */
final class ForwardedHeaders {

    /** RFC 9110 §7.6.1 plus the pre-standard {@code Keep-Alive} and {@code Proxy-Connection}. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    /** Fields the edge sets itself on a response: the upstream's values are its own, not ours. */
    private static final Set<String> RESPONSE_OWN = Set.of("age", "x-cache", "content-length");

    /**
     * Fields a cache fetch does not forward: the edge asks for the whole representation (RFC 9111
     * §4.3.1 conditionals are its own), and the body of a GET is never forwarded.
     */
    private static final Set<String> FETCH_OWN = Set.of("range", "if-range", "if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "content-length", "expect", "host");

    private static final Set<String> PASS_OWN = Set.of("expect", "host");

    private ForwardedHeaders() {}

    /** End-to-end response fields to store and to send on, without the fields the edge computes itself. */
    static MultiMap response(MultiMap upstream) {
        return copy(upstream, RESPONSE_OWN);
    }

    /** Request fields for a cache fetch (GET, whole representation); {@code Via} gains {@code name}. */
    static MultiMap fetchRequest(MultiMap client, String name, String clientAddress) {
        return request(copy(client, FETCH_OWN), name, clientAddress);
    }

    /** Request fields for a request passed through (method, body, ranges and conditionals as sent). */
    static MultiMap passRequest(MultiMap client, String name, String clientAddress) {
        return request(copy(client, PASS_OWN), name, clientAddress);
    }

    /** {@code existing} (may be null) with this tier appended. */
    static String via(String existing, String name) {
        String hop = "1.1 " + name;
        return existing == null || existing.isBlank() ? hop : existing + ", " + hop;
    }

    /** Whether {@code Via} already lists this tier: the request has come round a loop of tiers. */
    static boolean loops(List<String> viaLines, String name) {
        for (String line : viaLines) {
            for (String hop : line.split(",")) {
                String[] parts = hop.strip().split("\\s+");
                if (parts.length >= 2 && parts[1].equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static MultiMap request(MultiMap headers, String name, String clientAddress) {
        String via = String.join(", ", headers.getAll(HttpHeaderNames.VIA));
        headers.set(HttpHeaderNames.VIA, via(via, name));
        if (clientAddress != null) {
            String forwarded = String.join(", ", headers.getAll("X-Forwarded-For"));
            headers.set("X-Forwarded-For", forwarded.isEmpty() ? clientAddress : forwarded + ", " + clientAddress);
        }
        return headers;
    }

    private static MultiMap copy(MultiMap from, Set<String> alsoDropped) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        dropped.addAll(alsoDropped);
        for (String line : from.getAll(HttpHeaders.CONNECTION)) {
            for (String option : line.split(",")) {
                dropped.add(option.strip().toLowerCase(Locale.ROOT));
            }
        }
        MultiMap to = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> field : from) {
            if (!dropped.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                to.add(field.getKey(), field.getValue());
            }
        }
        return to;
    }
}
