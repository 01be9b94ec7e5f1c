package io.glass2glass.player.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A viewer's last-mile link over time, emulated at application level: a download of N bytes that starts at offset t
 * (time since the player started, the profile's phase) takes the latency in force at t, then as long as the bandwidth
 * in force, integrated step by step from t + latency, needs to carry N × 8 bits. Steps may change mid-download; an
 * outage step (0 kb/s) moves nothing while it lasts. After the last step the profile starts over when {@code loop},
 * else the last step persists.
 *
 * <p>An empty step list means no shaping at all ({@link #unlimited()}): a zero-bandwidth step cannot say that.
 *
 * @param name        short name, e.g. {@code 4g}
 * @param description one line for reports
 * @param steps       the trace; total duration positive unless empty
 * @param loop        whether the trace repeats after its last step
 */
public record NetworkProfile(String name, String description, List<NetworkStep> steps, boolean loop) {

    public NetworkProfile {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        StepSchedule schedule = StepSchedule.of(Objects.requireNonNull(steps, "steps"));
        if (!schedule.isEmpty() && schedule.totalMillis() <= 0) {
            throw new IllegalArgumentException("network profile " + name + ": the steps last 0 ms in total");
        }
        steps = schedule;
    }

    /** No shaping: every download completes as fast as the real network delivers it. */
    public static NetworkProfile unlimited() {
        return new NetworkProfile("unlimited", "No shaping: downloads run at whatever the real network delivers", List.of(), true);
    }

    /** True for a profile that does not shape (no steps). */
    public boolean isUnlimited() {
        return steps.isEmpty();
    }

    /** Length of one pass over the steps, ms (0 when unlimited). */
    public long cycleMillis() {
        return schedule().totalMillis();
    }

    /**
     * Milliseconds a download of {@code bytes} started at {@code startOffsetMillis} takes on this link, latency
     * included, rounded up to the next millisecond; 0 when unlimited; {@link Long#MAX_VALUE} when it never completes
     * (an outage that lasts for ever), which callers treat as a timeout.
     */
    public long transferMillis(long startOffsetMillis, long bytes) {
        if (startOffsetMillis < 0) {
            throw new IllegalArgumentException("negative start offset " + startOffsetMillis);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        if (isUnlimited()) {
            return 0;
        }
        StepSchedule schedule = schedule();
        long latency = latencyAt(startOffsetMillis);
        long bits = Saturating.multiply(bytes, 8);
        if (bits == 0) {
            return latency;
        }
        long elapsed = latency;
        long t = Saturating.add(startOffsetMillis, latency);
        long total = schedule.totalMillis();
        while (true) {
            if (!loop && t >= total) {
                long rate = schedule.get(schedule.size() - 1).bandwidthKbps();
                return rate == 0 ? Long.MAX_VALUE : Saturating.add(elapsed, ceilDiv(bits, rate));
            }
            long phase = loop ? t % total : t;
            if (loop && phase == 0) {
                // At the start of a pass: skip whole passes the download outlasts, so long downloads stay cheap.
                long perCycle = schedule.bitsPerCycle();
                if (perCycle == 0) {
                    return Long.MAX_VALUE;
                }
                long cycles = (bits - 1) / perCycle;
                bits -= cycles * perCycle;
                elapsed = Saturating.add(elapsed, Saturating.multiply(cycles, total));
                t = Saturating.add(t, Saturating.multiply(cycles, total));
                if (elapsed == Long.MAX_VALUE) {
                    return Long.MAX_VALUE;
                }
            }
            int index = schedule.indexAt(phase);
            NetworkStep step = schedule.get(index);
            long left = schedule.startOf(index) + step.durationMillis() - phase;
            long rate = step.bandwidthKbps();
            long capacity = Saturating.multiply(rate, left);
            if (rate > 0 && capacity >= bits) {
                return Saturating.add(elapsed, ceilDiv(bits, rate));
            }
            bits -= capacity;
            elapsed = Saturating.add(elapsed, left);
            t = Saturating.add(t, left);
            if (elapsed == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
    }

    /** Bandwidth in force at {@code offsetMillis}, kb/s ({@link Long#MAX_VALUE} when unlimited). */
    public long bandwidthKbpsAt(long offsetMillis) {
        return isUnlimited() ? Long.MAX_VALUE : stepAt(offsetMillis).bandwidthKbps();
    }

    /** Latency in force at {@code offsetMillis}, ms (0 when unlimited). */
    public long latencyAt(long offsetMillis) {
        return isUnlimited() ? 0 : stepAt(offsetMillis).latencyMillis();
    }

    /** One sentence on how this link is emulated, for reports. */
    public String emulation() {
        if (isUnlimited()) {
            return "No shaping: downloads complete as fast as the real network between players and server allows.";
        }
        return "Application-level shaping: each download takes the latency in force when it starts plus the time its bytes need at"
                + " the bandwidth in force, integrated over a " + seconds(cycleMillis()) + " trace of " + steps.size()
                + (steps.size() == 1 ? " step" : " steps") + (loop ? " that repeats" : " whose last step then persists")
                + ", on top of the real network; packet loss, TCP dynamics and link sharing between players are not modelled.";
    }

    @Override
    public String toString() {
        return "NetworkProfile[" + name + ": " + (isUnlimited() ? "unlimited" : steps.size() + " steps, " + seconds(cycleMillis())
                + (loop ? ", looping" : ", last step persists")) + "]";
    }

    /**
     * This link with {@code replacement} in force from offset {@code fromMillis} to {@code toMillis} (a scenario's
     * {@code network} event): the replacement's trace starts at its own beginning when the switch does, and this
     * link resumes at the phase it would have had. The result lists its steps up to {@code horizonMillis} (the
     * player's session, at least), its last step then persisting. An unlimited link stands in as a 100 Gb/s,
     * 0 ms step, which moves a segment in well under a millisecond. Keeps this link's name: the player's cohort.
     */
    public NetworkProfile withSwitch(NetworkProfile replacement, long fromMillis, long toMillis, long horizonMillis) {
        long from = Math.max(0, fromMillis);
        long to = Math.max(from, toMillis);
        if (to <= from || from >= horizonMillis) {
            return this;
        }
        List<NetworkStep> out = new ArrayList<>();
        slice(0, from, out);
        replacement.slice(from - fromMillis, to - fromMillis, out);
        slice(to, Math.max(to + 1, horizonMillis), out);
        return new NetworkProfile(name, description + "; " + replacement.name() + " from " + seconds(fromMillis) + " to "
                + seconds(toMillis), out, false);
    }

    /** Appends the steps in force from offset {@code from} to {@code to}, cut at both ends. */
    private void slice(long from, long to, List<NetworkStep> out) {
        long t = from;
        while (t < to) {
            long len;
            NetworkStep step;
            if (isUnlimited()) {
                step = new NetworkStep(1, NetworkStep.MAX_BANDWIDTH_KBPS, 0);
                len = to - t;
            } else {
                StepSchedule schedule = schedule();
                long total = schedule.totalMillis();
                if (!loop && t >= total) {
                    step = schedule.get(schedule.size() - 1);
                    len = to - t;
                } else {
                    long phase = loop ? t % total : t;
                    int index = schedule.indexAt(phase);
                    step = schedule.get(index);
                    len = Math.min(to - t, schedule.startOf(index) + step.durationMillis() - phase);
                }
            }
            len = Math.min(len, NetworkStep.MAX_DURATION_MILLIS);
            if (len <= 0) {
                break; // a zero-length step at the phase: cannot happen with indexAt, but never spin
            }
            out.add(new NetworkStep(len, step.bandwidthKbps(), step.latencyMillis()));
            t += len;
        }
    }

    private StepSchedule schedule() {
        return (StepSchedule) steps;
    }

    private NetworkStep stepAt(long offsetMillis) {
        if (offsetMillis < 0) {
            throw new IllegalArgumentException("negative offset " + offsetMillis);
        }
        StepSchedule schedule = schedule();
        long total = schedule.totalMillis();
        if (!loop && offsetMillis >= total) {
            return schedule.get(schedule.size() - 1);
        }
        return schedule.get(schedule.indexAt(loop ? offsetMillis % total : offsetMillis));
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }
}
