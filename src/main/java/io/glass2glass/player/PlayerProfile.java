package io.glass2glass.player;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model set up as a real web player of a pinned version: every default of {@link PlayerConfig}
 * taken from that player's own configuration, each named after the upstream setting it mirrors.
 */
public enum PlayerProfile {
    // The last figure of each: the client's own start time, ms, from its last response before the first frame to that
    // frame (MSE append, demux, decode), set from what `calibrate` measured in Debian's Chromium 156 on this project's
    // 2-core machine (Resource Timing in the viewer page). Over 52 real viewers in six calibrations the medians were
    // hls.js 134 ms (11-261), dash.js 65 ms (36-135), Shaka 49 ms (6-145); the figures below came from the first runs.
    /**
     * hls.js 1.7 ({@code src/config.ts}, {@code hlsDefaultConfig}): {@code startLevel: undefined} starts on the first
     * variant listed when no level fits the default estimate ({@code abr-controller firstAutoLevel}); plays once a
     * fragment is appended; {@code maxBufferLength} 30; {@code liveSyncDurationCount} 3; {@code fragLoadPolicy}
     * {@code maxNumRetry} 6, {@code retryDelayMs} 1000, {@code maxRetryDelayMs} 8000; EWMA ABR.
     */
    HLSJS("hlsjs", "hls.js", "1.7.4", "throughput", "first-listed", 30, 6, 1_000, 8_000, false, 120),
    /**
     * dash.js 5.2 ({@code src/core/Settings.js}): {@code abrStrategy: abrDynamic}; {@code bufferTimeDefault} 18;
     * the live delay from {@code @suggestedPresentationDelay} else 4 fragments ({@code PlaybackController
     * computeAndSetLiveDelay}), seeked to exactly; {@code retryAttempts.MediaSegment} 3,
     * {@code retryIntervals.MediaSegment} 1000.
     */
    DASHJS("dashjs", "dash.js", "5.2.1", "dynamic", "abr", 18, 3, 1_000, 1_000, true, 90),
    /**
     * Shaka Player 5.2 ({@code lib/util/player_configuration.js}): {@code streaming.bufferingGoal} 10,
     * {@code rebufferingGoal} 0; HLS live 3 segments behind ({@code defaultPresentationDelay} 0); {@code retryParameters}
     * {@code maxAttempts} 2, {@code baseDelay} 1000, {@code backoffFactor} 2; {@code abr.useNetworkInformation} true:
     * the first variant from {@code navigator.connection.downlink}; its EWMA estimator.
     */
    SHAKA("shaka", "Shaka Player", "5.2.12", "throughput", "network-information", 10, 1, 1_000, 2_000, false, 50);

    private final String id;
    private final String player;
    private final String version;
    private final String abr;
    private final String startRendition;
    private final double maxBufferSeconds;
    private final int retries;
    private final long retryDelayMillis;
    private final long maxRetryDelayMillis;
    private final boolean seekToLiveTarget;
    private final long clientStartMillis;

    PlayerProfile(String id, String player, String version, String abr, String startRendition, double maxBufferSeconds, int retries,
            long retryDelayMillis, long maxRetryDelayMillis, boolean seekToLiveTarget, long clientStartMillis) {
        this.id = id;
        this.player = player;
        this.version = version;
        this.abr = abr;
        this.startRendition = startRendition;
        this.maxBufferSeconds = maxBufferSeconds;
        this.retries = retries;
        this.retryDelayMillis = retryDelayMillis;
        this.maxRetryDelayMillis = maxRetryDelayMillis;
        this.seekToLiveTarget = seekToLiveTarget;
        this.clientStartMillis = clientStartMillis;
    }

    public String id() {
        return id;
    }

    /** The player and version it mirrors, as reports name it: "hls.js 1.7.4". */
    public String label() {
        return player + " " + version;
    }

    public String version() {
        return version;
    }

    /** The ABR algorithm spec of this player. */
    public String abr() {
        return abr;
    }

    /** The model with this player's defaults, playing {@code target}. */
    public PlayerConfig config(URI target) {
        return apply(PlayerConfig.defaults(target));
    }

    /** {@code base} with every default this profile sets; the target, network and session stay as they are. */
    public PlayerConfig apply(PlayerConfig base) {
        return base.withAbr(abr).withBuffering(maxBufferSeconds, 3, retries, retryDelayMillis, maxRetryDelayMillis)
                .withStart(base.startBufferSeconds(), startRendition, clientStartMillis, seekToLiveTarget).withProfile(label());
    }

    /** The accepted ids, for help texts and error messages. */
    public static final String CHOICES = "hlsjs, dashjs, shaka";

    /** The profile {@code spec} names, if it names one (a group's {@code abr} may be a profile id). */
    public static Optional<PlayerProfile> find(String spec) {
        for (PlayerProfile p : values()) {
            if (spec != null && p.id.equals(spec.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The model for {@code spec}: a profile's defaults when it names one, else the defaults with that ABR algorithm. */
    public static PlayerConfig configFor(String spec, URI target) {
        return find(spec).map(p -> p.config(target)).orElseGet(() -> PlayerConfig.defaults(target).withAbr(spec));
    }

    /** How reports name {@code spec}: the profile's player and version, or the ABR spec itself. */
    public static String describe(String spec) {
        return find(spec).map(PlayerProfile::label).orElse(spec);
    }

    public static PlayerProfile of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown player '" + id + "'; valid choices: "
                + Arrays.stream(values()).map(PlayerProfile::id).collect(Collectors.joining(", "))));
    }
}
