package io.glass2glass.rtmp.client;

import java.util.Objects;

/**
 * Why a publish failed or ended: the {@code code} and {@code description} of the server's
 * {@code _error} or error {@code onStatus} (RTMP spec 1.0 §7.2.1.1, §7.2.2.6), such as
 * {@code NetStream.Publish.BadName}, or one of the local causes below.
 */
public final class RtmpPublishException extends RuntimeException {

    /** The server did not answer in time. */
    public static final String TIMEOUT = "timeout";
    /** The TCP connection could not be opened. */
    public static final String CONNECT = "connect";
    /** The handshake failed (§5.2). */
    public static final String HANDSHAKE = "handshake";
    /** The server sent something this client cannot read (§5.3, §7.1). */
    public static final String PROTOCOL = "protocol";
    /** The connection closed before the publish started. */
    public static final String CLOSED = "closed";

    private final String code;
    private final String description;

    public RtmpPublishException(String code, String description) {
        super(code + ": " + description);
        this.code = Objects.requireNonNull(code, "code");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** The status code ({@code NetStream.Publish.Denied}, …) or local cause ({@link #TIMEOUT}, …). */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
