package io.glass2glass.ingest.rtmp;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may publish, and to which stream (issue "RTMP ingest", who may publish): with a keys file the
 * publish key (the last path element of {@code rtmp://host/live/KEY}, RTMP spec 1.0 §7.2.2.6) maps to
 * a stream name; without one only publishers on a loopback address are accepted, and the key is the
 * stream name. Either way the name must be usable in the origin's URLs. Reasons never contain the key.
 */
public final class PublishPolicy {

    /** Stream names the origin serves under {@code /live/{stream}/}. */
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What {@link #decide} answers. */
    public sealed interface Decision {

        /** The publish goes to {@code stream}. */
        record Allowed(String stream) implements Decision {}

        /** The publish is refused; {@code reason} is for the log. */
        record Refused(String reason) implements Decision {}
    }

    private final Optional<Map<String, String>> keys;

    /** @param keys stream key → stream name; empty: loopback publishers only, the key is the stream name */
    public PublishPolicy(Optional<Map<String, String>> keys) {
        this.keys = Objects.requireNonNull(keys, "keys").map(Map::copyOf);
    }

    /** The policy of a server's options. */
    public static PublishPolicy of(RtmpIngestOptions options) {
        return new PublishPolicy(options.keys());
    }

    /**
     * Decides a publish.
     *
     * @param key  the publish command's stream key
     * @param peer the publisher's address, null when unknown (refused without a keys file)
     */
    public Decision decide(String key, InetAddress peer) {
        String name;
        if (keys.isPresent()) {
            name = key == null ? null : keys.get().get(key);
            if (name == null) {
                return new Decision.Refused("unknown stream key");
            }
        } else {
            if (peer == null || !peer.isLoopbackAddress()) {
                return new Decision.Refused("no keys file, and publisher " + (peer == null ? "?" : peer.getHostAddress())
                        + " is not on loopback");
            }
            name = key;
        }
        if (name == null || !STREAM_NAME.matcher(name).matches()) {
            return new Decision.Refused("stream name is not 1-64 of A-Z a-z 0-9 _ -");
        }
        return new Decision.Allowed(name);
    }
}
