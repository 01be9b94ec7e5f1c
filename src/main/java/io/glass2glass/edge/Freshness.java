package io.glass2glass.edge;

/**
 * How long a stored response may be used, decided once when it is stored or revalidated.
 *
 * @param lifetimeMillis freshness lifetime (RFC 9111 §4.2.1), or the profile's TTL for its class
 * @param staleWhileRevalidateMillis how long past its lifetime it may be served while one background
 *     refresh runs (RFC 5861 §3)
 * @param staleIfErrorMillis how long past its lifetime it may be served when the upstream fails (RFC 5861 §4)
 * @param revalidateEachUse {@code no-cache}: validated upstream before every use (RFC 9111 §5.2.2.4)
 */
record Freshness(long lifetimeMillis, long staleWhileRevalidateMillis, long staleIfErrorMillis, boolean revalidateEachUse) {}
