package io.glass2glass.player;

import io.glass2glass.player.network.NetworkProfile;
import java.net.URI;

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
        long startTimeoutMillis) {

    public PlayerConfig {
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
                1_000, 8_000, 30_000);
    }

    public PlayerConfig withAbr(String spec) {
        return new PlayerConfig(target, format, spec, network, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis);
    }

    public PlayerConfig withNetwork(NetworkProfile profile) {
        return new PlayerConfig(target, format, abr, profile, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis);
    }

    public PlayerConfig withSessionMillis(long millis) {
        return new PlayerConfig(target, format, abr, network, millis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis);
    }

    public PlayerConfig withLiveSyncSegments(int segments) {
        return new PlayerConfig(target, format, abr, network, sessionMillis, startBufferSeconds, maxBufferSeconds, segments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis);
    }

    public PlayerConfig withFormat(StreamFormat f) {
        return new PlayerConfig(target, f, abr, network, sessionMillis, startBufferSeconds, maxBufferSeconds, liveSyncSegments,
                maxRetries, retryDelayMillis, maxRetryDelayMillis, startTimeoutMillis);
    }
}
