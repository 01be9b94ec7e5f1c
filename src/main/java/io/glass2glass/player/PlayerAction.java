package io.glass2glass.player;

import io.glass2glass.media.ObjectKind;
import java.net.URI;

/** What a player wants its driver (Gatling, or the virtual-time harness) to do next. */
public sealed interface PlayerAction {

    /**
     * Perform one HTTP GET and report it with {@link Player#onResponse}.
     *
     * @param rangeStart first byte of a byte-range request, or -1 for the whole object
     * @param rangeLength bytes of the range, or -1
     * @param wantBody true for manifests (the text is parsed); media bodies are only counted
     * @param dueMillis when the player meant to send it (for schedule-skew measurement)
     */
    record Fetch(long id, ObjectKind kind, URI uri, long rangeStart, long rangeLength, boolean wantBody, long dueMillis)
            implements PlayerAction {

        /** The {@code Range} header value, or null for the whole object. */
        public String rangeHeader() {
            return rangeStart < 0 ? null : "bytes=" + rangeStart + "-" + (rangeStart + rangeLength - 1);
        }
    }

    /** Nothing to do until {@code untilMillis}: pause. */
    record Wait(long untilMillis) implements PlayerAction {}

    /** The session is over (watched long enough, or failed); its QoE is final. */
    record Done() implements PlayerAction {}
}
