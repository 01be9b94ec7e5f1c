package io.glass2glass.packager.origin;

/** What an origin request was for, as the {@code kind} label of {@code g2g_origin_requests_total}. */
public enum RequestKind {
    MULTIVARIANT("multivariant"),
    MEDIA_PLAYLIST("media_playlist"),
    MPD("mpd"),
    INIT("init"),
    SEGMENT("segment"),
    TIME("time"),
    HEALTH("health"),
    METRICS("metrics"),
    INVALID("invalid");

    private final String label;

    RequestKind(String label) {
        this.label = label;
    }

    /** The Prometheus label value. */
    public String label() {
        return label;
    }
}
