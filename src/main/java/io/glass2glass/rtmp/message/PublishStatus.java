package io.glass2glass.rtmp.message;

/** The {@code onStatus} info objects a server sends a publisher (RTMP spec 1.0 §7.2.2.6). */
public enum PublishStatus {
    PUBLISH_START("status", "NetStream.Publish.Start"),
    PUBLISH_BAD_NAME("error", "NetStream.Publish.BadName"),
    PUBLISH_DENIED("error", "NetStream.Publish.Denied"),
    UNPUBLISH_SUCCESS("status", "NetStream.Unpublish.Success");

    private final String level;
    private final String code;

    PublishStatus(String level, String code) {
        this.level = level;
        this.code = code;
    }

    /** {@code status} or {@code error}. */
    public String level() {
        return level;
    }

    public String code() {
        return code;
    }
}
