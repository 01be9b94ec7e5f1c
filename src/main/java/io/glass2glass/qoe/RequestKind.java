package io.glass2glass.qoe;

/**
 * What a player's HTTP request was for: the {@code kind} label of the request metrics and the key of
 * {@code requests} in {@code summary.json}.
 */
public enum RequestKind {
    /** HLS multivariant playlist (RFC 8216 §4.3.4). */
    MULTIVARIANT("multivariant"),
    /** HLS media playlist, reloaded while live (RFC 8216 §6.3.4). */
    MEDIA_PLAYLIST("media_playlist"),
    /** DASH MPD, refreshed while dynamic (ISO/IEC 23009-1 §5.4). */
    MPD("mpd"),
    /** CMAF header / initialization segment (ISO/IEC 23000-19 §7.3.1). */
    INIT("init"),
    /** Media segment. */
    SEGMENT("segment"),
    /** DASH {@code UTCTiming} clock synchronisation. */
    TIME("time");

    private final String label;

    RequestKind(String label) {
        this.label = label;
    }

    /** The label used in metric names, file names and JSON keys. */
    public String label() {
        return label;
    }
}
