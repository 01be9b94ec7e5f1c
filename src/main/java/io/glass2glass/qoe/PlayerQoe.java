package io.glass2glass.qoe;

import java.util.Map;
import java.util.Objects;

/**
 * What one simulated viewer experienced, reported once when its session ends; the names follow
 * CTA-2066 (Streaming Quality of Experience Events, Properties and Metrics).
 *
 * @param playerId           the virtual user's id
 * @param network            the network profile the player ran on
 * @param abr                the ABR algorithm it used
 * @param started            whether the first frame was rendered (CTA-2066 "video start")
 * @param failedToStart      whether the player gave up before the first frame (CTA-2066 "video start failure")
 * @param playbackFailed     whether playback ended on an error after it had started (CTA-2066 "playback failure")
 * @param startupMillis      video start time, from the first request to the first frame; {@code -1} if never started
 * @param rebufferCount      stalls after start-up (CTA-2066 "rebuffering count")
 * @param rebufferMillis     time spent stalled after start-up (CTA-2066 "rebuffering duration")
 * @param watchMillis        time since start-up, playing plus stalled
 * @param avgBitrateKbps     average video bitrate, weighted by the media time played at each rendition
 * @param switches           rendition switches (CTA-2066 "bitrate switches")
 * @param millisPerRendition media time played at each rendition, by rendition id
 * @param lateSegments       segments whose download took longer than their media duration (slower than real time)
 * @param segmentsDownloaded segments downloaded in all
 * @param abandonedSegments  video segment downloads abandoned for a lower rendition (hls.js's emergency switch-down)
 */
public record PlayerQoe(
        String playerId,
        String network,
        String abr,
        boolean started,
        boolean failedToStart,
        boolean playbackFailed,
        long startupMillis,
        int rebufferCount,
        long rebufferMillis,
        long watchMillis,
        double avgBitrateKbps,
        int switches,
        Map<String, Long> millisPerRendition,
        int lateSegments,
        int segmentsDownloaded,
        int abandonedSegments) {

    /** Without abandoned downloads. */
    public PlayerQoe(String playerId, String network, String abr, boolean started, boolean failedToStart, boolean playbackFailed,
            long startupMillis, int rebufferCount, long rebufferMillis, long watchMillis, double avgBitrateKbps, int switches,
            Map<String, Long> millisPerRendition, int lateSegments, int segmentsDownloaded) {
        this(playerId, network, abr, started, failedToStart, playbackFailed, startupMillis, rebufferCount, rebufferMillis, watchMillis,
                avgBitrateKbps, switches, millisPerRendition, lateSegments, segmentsDownloaded, 0);
    }

    public PlayerQoe {
        Objects.requireNonNull(playerId, "playerId");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(abr, "abr");
        millisPerRendition = millisPerRendition == null ? Map.of() : Map.copyOf(millisPerRendition);
    }

    /**
     * CTA-2066 rebuffering ratio: time stalled over time watched since start-up ({@code 0} when the
     * player watched nothing).
     */
    public double rebufferRatio() {
        return watchMillis <= 0 ? 0 : (double) rebufferMillis / watchMillis;
    }
}
