package io.glass2glass.simulations;

/**
 * The Gatling session attributes a virtual player lives on, named once: what the {@code Player}
 * asked for (set before each fetch or pause) and what the response checks saved (read when the
 * response is reported back). The {@code g2g_} prefix keeps them apart from Gatling's own.
 */
final class SessionKeys {

    /** The {@code io.glass2glass.player.Player} of this virtual user, from join to leave. */
    static final String PLAYER = "g2g_player";

    // What the player asked for, set by each decision.

    /** Which chain carries the decision out: one of the action names the scenario switches on. */
    static final String ACTION = "g2g_action";
    /** Milliseconds to pause before the next decision. */
    static final String PAUSE_MILLIS = "g2g_pauseMs";
    /** The {@code PlayerAction.Fetch} in flight, handed back to the player with its response. */
    static final String FETCH = "g2g_fetch";
    /** The request name: the fetch's kind (multivariant, media_playlist, mpd, init, segment, time). */
    static final String KIND = "g2g_kind";
    /** The absolute URL to GET. */
    static final String URL = "g2g_url";
    /** The {@code Range} header value of a byte-range fetch. */
    static final String RANGE_HEADER = "g2g_range";
    /** When the request was issued (epoch ms): the start of its latency as the player measures it. */
    static final String SENT_MILLIS = "g2g_sent";

    // What the response checks saved; cleared before every fetch, absent when the request failed.

    /** The HTTP status. */
    static final String STATUS = "g2g_status";
    /** The body text (manifests only). */
    static final String BODY = "g2g_body";
    /** Body bytes received. */
    static final String BYTES = "g2g_bytes";

    /** The Gatling expression that reads {@code key} from the session: {@code #{key}}. */
    static String el(String key) {
        return "#{" + key + "}";
    }

    private SessionKeys() {}
}
