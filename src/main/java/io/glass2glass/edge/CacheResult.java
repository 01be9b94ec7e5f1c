package io.glass2glass.edge;

/** How the edge answered one request: the {@code X-Cache} value and the {@code result} metric label. */
enum CacheResult {
    /** A fresh stored response (RFC 9111 §4.2). */
    HIT("HIT"),
    /** Fetched from upstream for this request. */
    MISS("MISS"),
    /** Joined another request's upstream fetch of the same object. */
    COLLAPSED("COLLAPSED"),
    /** A stale stored response, within a stale-while-revalidate or stale-if-error window (RFC 5861). */
    STALE("STALE"),
    /** A stored response validated upstream with a 304 for this request (RFC 9111 §4.3.4). */
    REVALIDATED("REVALIDATED"),
    /** Forwarded without cache involvement: unsafe methods, OPTIONS, requests with credentials. */
    PASS("PASS");

    private final String header;

    CacheResult(String header) {
        this.header = header;
    }

    String header() {
        return header;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
