package io.glass2glass.player.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Network profiles assigned to players in proportion to weights, deterministically: player numbers run through one
 * period of nginx's smooth weighted round-robin over the weights (reduced by their common divisor), so any run of
 * consecutive player numbers as long as a period gets each profile exactly its share, and shorter runs stay as close
 * to it as whole players allow. With 60/40, 10 players get exactly 6 and 4, interleaved.
 */
public final class NetworkMix {

    /** Largest accepted weight. */
    public static final int MAX_WEIGHT = 1_000_000;
    /** Longest assignment period (sum of the reduced weights). */
    public static final int MAX_PERIOD = 1_000_000;

    /** One profile of the mix and its weight. */
    public record Entry(NetworkProfile profile, int weight) {
        public Entry {
            if (profile == null) {
                throw new IllegalArgumentException("no profile");
            }
            if (weight < 1 || weight > MAX_WEIGHT) {
                throw new IllegalArgumentException("weight of " + profile.name() + " must be a whole number from 1 to " + MAX_WEIGHT + ", got " + weight);
            }
        }
    }

    private final List<Entry> entries;
    private final int[] sequence;

    public NetworkMix(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        if (this.entries.isEmpty()) {
            throw new IllegalArgumentException("a network mix needs at least one profile");
        }
        this.sequence = smoothWeightedRoundRobin(this.entries);
    }

    /** Every player on {@code profile}. */
    public static NetworkMix of(NetworkProfile profile) {
        return new NetworkMix(List.of(new Entry(profile, 1)));
    }

    /**
     * Parses {@code NAME} or {@code NAME:WEIGHT,NAME:WEIGHT,...}; a name is a bundled profile or a file path
     * ({@link NetworkProfiles#load}), a weight a positive whole number (1 when left out).
     */
    public static NetworkMix parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty network mix; give NAME or NAME:WEIGHT,NAME:WEIGHT (bundled: "
                    + String.join(", ", NetworkProfiles.names()) + ")");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : spec.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("network mix '" + spec + "' has an empty entry");
            }
            String name = item;
            int weight = 1;
            int colon = item.lastIndexOf(':');
            String suffix = colon < 0 ? "" : item.substring(colon + 1).strip();
            // A numeric suffix is a weight; anything else after a colon belongs to a file path (C:\traces\x.json).
            if (colon >= 0 && (suffix.isEmpty() || suffix.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)"))) {
                name = item.substring(0, colon).strip();
                weight = weight(suffix, item);
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("network mix entry '" + item + "' has no profile name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("network mix '" + spec + "' lists " + name + " twice; give it one weight");
            }
            entries.add(new Entry(NetworkProfiles.load(name), weight));
        }
        return new NetworkMix(entries);
    }

    /** The profile of player {@code playerNumber} (any numbering, e.g. the virtual user id). */
    public NetworkProfile forPlayer(long playerNumber) {
        return entries.get(sequence[(int) Math.floorMod(playerNumber, (long) sequence.length)]).profile();
    }

    public List<Entry> entries() {
        return entries;
    }

    /** E.g. {@code cable 60%, 3g 40%}, or just the name for a single profile. */
    public String describe() {
        if (entries.size() == 1) {
            return entries.get(0).profile().name();
        }
        long total = entries.stream().mapToLong(Entry::weight).sum();
        List<String> parts = new ArrayList<>();
        for (Entry e : entries) {
            double percent = 100.0 * e.weight() / total;
            String shown = percent == Math.rint(percent) ? Long.toString(Math.round(percent)) : String.format(Locale.ROOT, "%.1f", percent);
            parts.add(e.profile().name() + " " + shown + "%");
        }
        return String.join(", ", parts);
    }

    /** One sentence on how the mix's links are emulated, for reports ({@link NetworkProfile#emulation()} for one profile). */
    public String emulation() {
        if (entries.size() == 1) {
            return entries.get(0).profile().emulation();
        }
        boolean anyUnlimited = entries.stream().anyMatch(e -> e.profile().isUnlimited());
        if (entries.stream().allMatch(e -> e.profile().isUnlimited())) {
            return NetworkProfile.unlimited().emulation();
        }
        return "Application-level shaping per player: each download takes the latency in force when it starts plus the time its bytes"
                + " need at the bandwidth in force, integrated over the trace of that player's profile"
                + (anyUnlimited ? " (players on unlimited are not shaped)" : "")
                + ", on top of the real network; packet loss, TCP dynamics and link sharing between players are not modelled.";
    }

    @Override
    public String toString() {
        return "NetworkMix[" + describe() + "]";
    }

    private static int weight(String text, String item) {
        if (!text.matches("[0-9]{1,7}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_WEIGHT) {
            throw new IllegalArgumentException("network mix entry '" + item + "': the weight must be a whole number from 1 to " + MAX_WEIGHT);
        }
        return Integer.parseInt(text);
    }

    /** One period of nginx's smooth weighted round-robin: indices into {@code entries}. */
    private static int[] smoothWeightedRoundRobin(List<Entry> entries) {
        int divisor = 0;
        for (Entry e : entries) {
            divisor = gcd(divisor, e.weight());
        }
        int n = entries.size();
        long[] weights = new long[n];
        long period = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = entries.get(i).weight() / divisor;
            period += weights[i];
        }
        if (period > MAX_PERIOD) {
            throw new IllegalArgumentException("network mix weights reduce to a period of " + period + " players, more than "
                    + MAX_PERIOD + "; use smaller weights");
        }
        int[] sequence = new int[(int) period];
        long[] current = new long[n];
        for (int k = 0; k < sequence.length; k++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= period;
            sequence[k] = best;
        }
        return sequence;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
