package io.glass2glass.packager.origin;

/**
 * How an {@link Origin} listens.
 *
 * @param host interface to bind, {@code 0.0.0.0} for all
 * @param port TCP port, {@code 0} to pick a free one ({@link Origin#actualPort()} tells which)
 * @param maxInitialLineLength longest request line the HTTP/1.1 decoder accepts; longer ones get 414
 * @param maxHeaderSize largest header block the decoder accepts; larger ones get 431
 * @param idleTimeoutSeconds a connection idle this long is closed; {@code 0} never
 * @param utcTimingUrl absolute URL put in the MPD's UTCTiming element, or {@code null} to point at
 *     this origin's {@code /time} through the request's {@code Host} header (set it when players
 *     reach the origin under another name, e.g. through a CDN)
 */
public record OriginOptions(
        String host,
        int port,
        int maxInitialLineLength,
        int maxHeaderSize,
        int idleTimeoutSeconds,
        String utcTimingUrl) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 8192;
    public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

    public OriginOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("origin host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("origin port out of range: " + port);
        }
        if (maxInitialLineLength < 256 || maxHeaderSize < 256) {
            throw new IllegalArgumentException("HTTP decoder limits below 256 bytes: " + maxInitialLineLength + ", " + maxHeaderSize);
        }
        if (idleTimeoutSeconds < 0) {
            throw new IllegalArgumentException("negative idle timeout: " + idleTimeoutSeconds);
        }
        if (utcTimingUrl != null && !utcTimingUrl.matches("https?://[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("UTCTiming URL must be an absolute http(s) URL: " + utcTimingUrl);
        }
    }

    /** All interfaces, port 8080, default limits. */
    public static OriginOptions defaults() {
        return of(DEFAULT_HOST, DEFAULT_PORT);
    }

    /** The given address with default limits. */
    public static OriginOptions of(String host, int port) {
        return new OriginOptions(host, port, DEFAULT_MAX_INITIAL_LINE_LENGTH, DEFAULT_MAX_HEADER_SIZE,
                DEFAULT_IDLE_TIMEOUT_SECONDS, null);
    }
}
