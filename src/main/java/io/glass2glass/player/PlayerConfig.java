package io.glass2glass.player;

import io.glass2glass.player.network.NetworkProfile;
import java.net.URI;
import java.util.Set;

/**
 * How one simulated player behaves. Defaults follow the players users know (hls.js, dash.js).
 *
 * @param target the multivariant playlist or MPD URL; a media playlist URL works too
 * @param abr ABR algorithm spec: {@code throughput}, {@code bola}, {@code dynamic} or {@code fixed:{rendition}}
 * @param network the viewer's last mile
 * @param sessionMillis how long the viewer watches (from joining) before leaving
 * @param startBufferSeconds media buffered ahead before playback starts or resumes after a stall
 * @param maxBufferSeconds the player stops fetching while this much is buffered (hls.js maxBufferLength 30)
 * @param liveSyncSegments how many target durations behind the live edge to start (hls.js liveSyncDurationCount 3)
 * @param maxRetries attempts after the first for a failing request (hls.js load policies: 4–6)
 * @param retryDelayMillis first retry delay, doubled per attempt (hls.js retryDelayMs 1000)
 * @param maxRetryDelayMillis cap of the retry delay (hls.js maxRetryDelayMs 8000)
 * @param startTimeoutMillis a player that has not started playing after this long gives up (a start failure)
 * @param startRendition how the first video rendition is chosen: {@code abr} (the ABR's first choice) or
 *     {@code first-listed} (the multivariant playlist's first variant, hls.js's fallback for {@code startLevel: undefined}) or
 *     {@code network-information} (the highest rendition the browser's {@code navigator.connection.downlink} allows, as
 *     Shaka's {@code abr.useNetworkInformation} does)
 * @param clientStartMillis what the browser spends between the first media in the buffer and the first frame on screen
 *     (MSE append, demux, decode), measured per player by {@code calibrate}
 * @param seekToLiveTarget start the playhead at exactly "live edge minus the delay" inside the start segment (dash.js
 *     seeks there), rather than at that segment's start (hls.js, Shaka)
 * @param profile the player profile these defaults come from, as reports name it ({@code hls.js 1.7.4}), or empty
 * @param cmcd send Common Media Client Data (CTA-5004 v1) as the {@code CMCD} query argument, as hls.js, dash.js and
 *     Shaka do when it is enabled (their default transmission mode)
 */
public record PlayerConfig(
        URI target,
        StreamFormat format,
        String abr,
        NetworkProfile network,
        long sessionMillis,
        double startBufferSeconds,
        double maxBufferSeconds,
        int liveSyncSegments,
        int maxRetries,
        long retryDelayMillis,
        long maxRetryDelayMillis,
        long startTimeoutMillis,
        String startRendition,
        long clientStartMillis,
        boolean seekToLiveTarget,
        String profile,
        boolean cmcd) {

    /** The start rules {@link #startRendition} accepts. */
    public static final Set<String> START_RULES = Set.of("abr", "first-listed", "network-information");

    public PlayerConfig {
        profile = profile == null ? "" : profile;
        if (!START_RULES.contains(startRendition)) {
            throw new IllegalArgumentException("start rendition rule must be abr, first-listed or network-information: " + startRendition);
        }
        if (clientStartMillis < 0 || clientStartMillis > 60_000) {
            throw new IllegalArgumentException("client start time must be from 0 to 60000 ms: " + clientStartMillis);
        }
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
            throw new IllegalArgumentException("players need an http(s) URL: " + target);
        }
        if (sessionMillis <= 0 || startBufferSeconds <= 0 || maxBufferSeconds < startBufferSeconds || liveSyncSegments < 1
                || maxRetries < 0 || retryDelayMillis <= 0 || maxRetryDelayMillis < retryDelayMillis || startTimeoutMillis <= 0) {
            throw new IllegalArgumentException("inconsistent player configuration: " + this);
        }
    }

    public static PlayerConfig defaults(URI target) {
        return new PlayerConfig(target, StreamFormat.of(target), "throughput", NetworkProfile.unlimited(), 60_000, 2.0, 30.0, 3, 4,
                1_000, 8_000, 30_000, "abr", 0, false, "", false);
    }

    public PlayerConfig withAbr(String spec) {
        return new PlayerConfig(target, format, spec, network, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition, clientStartMillis,
                seekToLiveTarget, profile, cmcd);
    }

    public PlayerConfig withNetwork(NetworkProfile p) {
        return new PlayerConfig(target, format, abr, p, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition, clientStartMillis,
                seekToLiveTarget, profile, cmcd);
    }

    public PlayerConfig withSessionMillis(long millis) {
        return new PlayerConfig(target, format, abr, network, millis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition, clientStartMillis,
                seekToLiveTarget, profile, cmcd);
    }

    public PlayerConfig withLiveSyncSegments(int segments) {
        return new PlayerConfig(target, format, abr, network, sessionMillis, startBufferSeconds, maxBufferSeconds, segments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition, clientStartMillis,
                seekToLiveTarget, profile, cmcd);
    }

    public PlayerConfig withFormat(StreamFormat f) {
        return new PlayerConfig(target, f, abr, network, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition, clientStartMillis,
                seekToLiveTarget, profile, cmcd);
    }

    /** The same player on another stream (a profile's defaults applied to a group's target). */
    public PlayerConfig withTarget(URI t) {
        return new PlayerConfig(t, StreamFormat.of(t), abr, network, sessionMillis, startBufferSeconds, maxBufferSeconds,
                liveSyncSegments, maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition,
                clientStartMillis, seekToLiveTarget, profile, cmcd);
    }

    /** Start and buffering rules: what a player profile sets besides the ABR. */
    public PlayerConfig withStart(double startBuffer, String rule, long clientStart, boolean seekToTarget) {
        return new PlayerConfig(target, format, abr, network, sessionMillis, startBuffer, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, rule, clientStart, seekToTarget, profile, cmcd);
    }

    /** Buffer target and retry policy: the rest of what a profile sets. */
    public PlayerConfig withBuffering(double maxBuffer, int syncSegments, int retries, long retryDelay, long maxRetryDelay) {
        return new PlayerConfig(target, format, abr, network, sessionMillis, startBufferSeconds, maxBuffer, syncSegments, retries,
                retryDelay, maxRetryDelay, startTimeoutMillis, startRendition, clientStartMillis, seekToLiveTarget, profile, cmcd);
    }

    public PlayerConfig withCmcd(boolean send) {
        return new PlayerConfig(target, format, abr, network, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition, clientStartMillis,
                seekToLiveTarget, profile, send);
    }

    public PlayerConfig withProfile(String label) {
        return new PlayerConfig(target, format, abr, network, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis, startRendition, clientStartMillis,
                seekToLiveTarget, label, cmcd);
    }
}
