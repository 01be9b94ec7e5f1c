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

    /** The player finished; its QoE is final. Called exactly once. */
    default void onEnd(PlayerQoe qoe) {}

    PlayerEvents NONE = new PlayerEvents() {};
}
