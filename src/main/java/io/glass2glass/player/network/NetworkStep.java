package io.glass2glass.player.network;

/**
 * One stretch of a viewer's last-mile link: for {@code durationMillis}, {@code bandwidthKbps} of throughput
 * (0 is an outage: nothing moves) and {@code latencyMillis} before a request's first byte.
 */
public record NetworkStep(long durationMillis, long bandwidthKbps, long latencyMillis) {

    /** 100 Gb/s. */
    public static final long MAX_BANDWIDTH_KBPS = 100_000_000;
    public static final long MAX_LATENCY_MILLIS = 60_000;
    /** One day; longer stretches are written as a looping or persisting last step. */
    public static final long MAX_DURATION_MILLIS = 86_400_000;

    public NetworkStep {
        check("durationMillis", durationMillis, MAX_DURATION_MILLIS);
        check("bandwidthKbps", bandwidthKbps, MAX_BANDWIDTH_KBPS);
        check("latencyMillis", latencyMillis, MAX_LATENCY_MILLIS);
    }

    private static void check(String what, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be from 0 to " + max + ", got " + value);
        }
    }
}
