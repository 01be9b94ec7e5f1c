package io.glass2glass.edge;

import java.net.URI;
import java.util.Locale;

/**
 * How an {@link EdgeCache} listens and where it fetches from.
 *
 * @param host interface to bind, {@code 0.0.0.0} for all
 * @param port TCP port, {@code 0} to pick a free one ({@link EdgeCache#actualPort()} tells which)
 * @param upstream {@code http(s)://host[:port][/prefix]} of the origin or of another edge (a shield);
 *     a request for {@code /a?b} is fetched from {@code {prefix}/a?b}
 * @param name this tier's label in {@code Via}, in metrics and in {@code X-Cache} diagnostics, e.g.
 *     {@code edge-1}; tiers of one chain need distinct names (a repeated name in {@code Via} is a loop)
 * @param maxInitialLineLength longest request line accepted; longer ones get 414
 * @param maxHeaderSize largest request header block accepted; larger ones get 431
 * @param upstreamTimeoutMillis connect timeout, and the longest the upstream may stay silent before
 *     answering or between body bytes; exceeded, the viewer gets 504
 */
public record EdgeOptions(
        String host,
        int port,
        URI upstream,
        String name,
        int maxInitialLineLength,
        int maxHeaderSize,
        long upstreamTimeoutMillis) {

    public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 8192;
    public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
    public static final long DEFAULT_UPSTREAM_TIMEOUT_MILLIS = 10_000;

    public EdgeOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("edge host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("edge port out of range: " + port);
        }
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("edge name must be 1 to 64 of [A-Za-z0-9._-], got " + name);
        }
        checkUpstream(upstream);
        if (maxInitialLineLength < 256 || maxHeaderSize < 256) {
            throw new IllegalArgumentException("HTTP decoder limits below 256 bytes: " + maxInitialLineLength + ", " + maxHeaderSize);
        }
        if (upstreamTimeoutMillis <= 0) {
            throw new IllegalArgumentException("upstream timeout must be positive, got " + upstreamTimeoutMillis);
        }
    }

    /** The given address and upstream with default limits and a 10 s upstream timeout. */
    public static EdgeOptions of(String name, String host, int port, URI upstream) {
        return new EdgeOptions(host, port, upstream, name, DEFAULT_MAX_INITIAL_LINE_LENGTH, DEFAULT_MAX_HEADER_SIZE,
                DEFAULT_UPSTREAM_TIMEOUT_MILLIS);
    }

    /** The same options with another upstream timeout. */
    public EdgeOptions withUpstreamTimeoutMillis(long millis) {
        return new EdgeOptions(host, port, upstream, name, maxInitialLineLength, maxHeaderSize, millis);
    }

    boolean upstreamTls() {
        return upstream.getScheme().equalsIgnoreCase("https");
    }

    int upstreamPort() {
        return upstream.getPort() >= 0 ? upstream.getPort() : upstreamTls() ? 443 : 80;
    }

    /** The path prefix put before every forwarded target, without a trailing slash. */
    String upstreamPrefix() {
        String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void checkUpstream(URI upstream) {
        if (upstream == null) {
            throw new IllegalArgumentException("edge upstream is required");
        }
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("edge upstream must be an http:// or https:// URL: " + upstream);
        }
        if (upstream.getHost() == null || upstream.getRawUserInfo() != null
                || upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
            throw new IllegalArgumentException("edge upstream must be scheme://host[:port][/prefix], without user, query or fragment: "
                    + upstream);
        }
    }
}
