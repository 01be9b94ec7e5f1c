package io.glass2glass.player;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.PlayerQoe;

/** What a player reports while it runs; the QoE recorders implement it (no-op by default for tests). */
public interface PlayerEvents {

    /** One finished request: status 0 means no HTTP answer; skew is how late it was sent compared to when it was due. */
    default void onRequest(ObjectKind kind, int status, long latencyMillis, long bytes, long scheduleSkewMillis) {}

    /** A live-latency sample: wall clock minus the program time of the playhead. */
    default void onLiveLatency(long millis) {}

    /** The player started playing (first frame). */
    default void onStarted(long startupMillis) {}

    /** Playback stopped because the buffer ran dry (CTA-2066 rebuffering event), at {@code atMillis}. */
    default void onStallBegan(long atMillis) {}

    /** Playback resumed after a stall that began at {@code begunMillis}; also called at the end of a session that ends stalled. */
    default void onStallEnded(long begunMillis, long endedMillis) {}

    /** The playhead moved onto another video rendition ({@code from} null for the first one played). */
    default void onRenditionPlayed(String from, String to, long atMillis) {}

    /** A video segment after EXT-X-DISCONTINUITY (RFC 8216 §4.3.2.3) or the first of a new DASH Period was buffered. */
    default void onDiscontinuity(long atMillis) {}

    /** The player finished; its QoE is final. Called exactly once. */
    default void onEnd(PlayerQoe qoe) {}

    PlayerEvents NONE = new PlayerEvents() {};
}
