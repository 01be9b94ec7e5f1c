package io.glass2glass.rtmp.message;

import java.util.Optional;

/** The publishing type argument of the {@code publish} command (RTMP spec 1.0 §7.2.2.6). */
public enum PublishType {
    LIVE("live"),
    RECORD("record"),
    APPEND("append");

    private final String wireName;

    PublishType(String wireName) {
        this.wireName = wireName;
    }

    /** The name as it appears on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The type named {@code name}, if it is one of the three the spec defines. */
    public static Optional<PublishType> fromWireName(String name) {
        for (PublishType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
