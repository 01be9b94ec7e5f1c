package io.glass2glass.player;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One group of a run's audience: its stages (how it joins and leaves), its viewers' link mix, ABR and
 * format, how long each watches at most, and where it watches. {@code load} and {@code run} without a
 * scenario make one group from their options; a scenario file makes as many as it names.
 *
 * <p>The group's {@link #schedule()} is computed here, the same in every JVM: player {@code k} of the
 * group (in join order) joins at a planned time and watches for a planned time. Stages that shrink
 * the audience send the earliest joiners home first; {@code sessionSeconds} caps every player's watch;
 * without it, whoever is still watching leaves when the last stage ends.
 *
 * @param name           the group's name (a cohort, and the Gatling scenario's name)
 * @param stages         at least one
 * @param network        a network mix spec ({@code NAME} or {@code NAME:WEIGHT,...})
 * @param sessionSeconds the most each player watches; 0 = until the stages send it home
 * @param targets        the URL(s) the group's players load, spread over in turn
 */
public record PlayerGroup(String name, List<Stage> stages, String network, String abr, StreamFormat format, double sessionSeconds,
        List<URI> targets) {

    /** A player who would watch less than this is a mistake in the stages, not a viewer. */
    static final long MIN_WATCH_MILLIS = 1_000;
    public static final int MAX_PLAYERS = 1_000_000;

    public PlayerGroup {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a player group's name must match [A-Za-z0-9_.-]{1,64}: " + name);
        }
        stages = List.copyOf(stages);
        targets = List.copyOf(targets);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("player group " + name + " has no stages");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("player group " + name + " has no target URL");
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(abr, "abr");
        Objects.requireNonNull(format, "format");
        if (!(sessionSeconds >= 0) || sessionSeconds > 7 * 86_400) {
            throw new IllegalArgumentException("player group " + name + ": session must be from 0 s to 7 days");
        }
        schedule(name, stages, sessionSeconds); // every stage list that builds is one that plays
    }

    /** How players join in Gatling's open model: the steps its injection profile is made of. */
    public sealed interface Injection {
        /** {@code users} at once. */
        record AtOnce(int users) implements Injection {}
        /** {@code users} evenly over {@code seconds}. */
        record Ramp(int users, double seconds) implements Injection {}
        /** No one joins for {@code seconds}. */
        record Nothing(double seconds) implements Injection {}
        /** {@code perSecond} users every second for {@code seconds}. */
        record Rate(double perSecond, double seconds) implements Injection {}
    }

    /**
     * The group's plan: Gatling's injection steps, and for player {@code k} (join order) its planned
     * join and watch, in ms from the players' start.
     */
    public record Schedule(List<Injection> injection, long[] joinMillis, long[] watchMillis, long endMillis) {

        public int players() {
            return joinMillis.length;
        }

        /** Player {@code k}'s watch; a player Gatling adds beyond the plan (rounding) watches as the last one did. */
        public long watchMillis(long k) {
            if (watchMillis.length == 0) {
                return MIN_WATCH_MILLIS;
            }
            return watchMillis[(int) Math.min(k, watchMillis.length - 1)];
        }

        /** When the last player leaves, ms from the start. */
        public long lastLeaveMillis() {
            long last = 0;
            for (int k = 0; k < joinMillis.length; k++) {
                last = Math.max(last, joinMillis[k] + watchMillis[k]);
            }
            return Math.max(last, endMillis);
        }
    }

    public Schedule schedule() {
        return schedule(name, stages, sessionSeconds);
    }

    private static Schedule schedule(String name, List<Stage> stages, double sessionSeconds) {
        long cap = sessionSeconds > 0 ? Math.round(sessionSeconds * 1000) : Long.MAX_VALUE;
        List<Injection> injection = new ArrayList<>();
        List<Long> joins = new ArrayList<>();
        List<Long> leaves = new ArrayList<>();
        Deque<Integer> watching = new ArrayDeque<>(); // joiners not yet sent home, earliest first
        double t = 0;
        int level = 0;
        for (Stage stage : stages) {
            long ms = Math.round(stage.seconds() * 1000);
            if (stage instanceof Stage.Ramp r && r.to() > level) {
                int n = r.to() - level;
                for (int i = 0; i < n; i++) {
                    join(joins, leaves, watching, Math.round(t * 1000 + (double) i * ms / n), name);
                }
                injection.add(ms == 0 ? new Injection.AtOnce(n) : new Injection.Ramp(n, stage.seconds()));
                level = r.to();
            } else if (stage instanceof Stage.Ramp r) {
                int n = level - r.to();
                for (int i = 0; i < n; i++) {
                    send(leaves, watching, Math.round(t * 1000 + (double) (i + 1) * ms / n));
                }
                if (ms > 0) {
                    injection.add(new Injection.Nothing(stage.seconds()));
                }
                level = r.to();
            } else if (stage instanceof Stage.Spike s) {
                if (s.to() > level) {
                    for (int i = level; i < s.to(); i++) {
                        join(joins, leaves, watching, Math.round(t * 1000), name);
                    }
                    injection.add(new Injection.AtOnce(s.to() - level));
                } else {
                    for (int i = s.to(); i < level; i++) {
                        send(leaves, watching, Math.round(t * 1000));
                    }
                }
                level = s.to();
            } else if (stage instanceof Stage.Hold h) {
                if (ms > 0) {
                    injection.add(new Injection.Nothing(h.seconds()));
                }
            } else if (stage instanceof Stage.Arrivals a) {
                long n = Math.round(a.perSecond() * a.seconds());
                for (long i = 0; i < n; i++) {
                    join(joins, leaves, watching, Math.round(t * 1000 + i * 1000.0 / a.perSecond()), name);
                }
                injection.add(new Injection.Rate(a.perSecond(), a.seconds()));
                level += (int) n;
            }
            t += stage.seconds();
        }
        long end = Math.round(t * 1000);
        while (!watching.isEmpty()) {
            send(leaves, watching, cap == Long.MAX_VALUE ? end : Long.MAX_VALUE);
        }
        if (joins.isEmpty()) {
            throw new IllegalArgumentException("player group " + name + ": its stages start no player");
        }
        long[] joinMillis = joins.stream().mapToLong(Long::longValue).toArray();
        long[] watchMillis = new long[joinMillis.length];
        for (int k = 0; k < joinMillis.length; k++) {
            long planned = leaves.get(k) == Long.MAX_VALUE ? Long.MAX_VALUE : leaves.get(k) - joinMillis[k];
            watchMillis[k] = Math.min(cap, planned);
            if (watchMillis[k] < MIN_WATCH_MILLIS) {
                throw new IllegalArgumentException("player group " + name + ": player " + (k + 1) + " would join at "
                        + seconds(joinMillis[k]) + " and watch " + seconds(watchMillis[k])
                        + "; end the stages with a hold or a ramp down, or give the group a session length");
            }
        }
        return new Schedule(List.copyOf(injection), joinMillis, watchMillis, end);
    }

    private static void join(List<Long> joins, List<Long> leaves, Deque<Integer> watching, long at, String name) {
        if (joins.size() >= MAX_PLAYERS) {
            throw new IllegalArgumentException("player group " + name + " starts more than " + MAX_PLAYERS + " players");
        }
        watching.addLast(joins.size());
        joins.add(at);
        leaves.add(Long.MAX_VALUE);
    }

    private static void send(List<Long> leaves, Deque<Integer> watching, long at) {
        Integer k = watching.pollFirst();
        if (k != null) {
            leaves.set(k, at);
        }
    }

    /** Players the group starts in all. */
    public int players() {
        return schedule().players();
    }

    /** The stages in one line, e.g. {@code ramp to 200 over 60 s, hold 120 s, ramp to 0 over 30 s}. */
    public String describeStages() {
        List<String> parts = new ArrayList<>();
        for (Stage stage : stages) {
            if (stage instanceof Stage.Ramp r) {
                parts.add("ramp to " + r.to() + " over " + fmt(r.seconds()) + " s");
            } else if (stage instanceof Stage.Hold h) {
                parts.add("hold " + fmt(h.seconds()) + " s");
            } else if (stage instanceof Stage.Spike s) {
                parts.add("spike to " + s.to());
            } else if (stage instanceof Stage.Arrivals a) {
                parts.add(fmt(a.perSecond()) + " players/s for " + fmt(a.seconds()) + " s");
            }
        }
        return String.join(", ", parts);
    }

    // ---- the form in which the forked players' JVM receives it -------------------------------

    public JsonObject toJson() {
        JsonArray stageArray = new JsonArray();
        for (Stage stage : stages) {
            if (stage instanceof Stage.Ramp r) {
                stageArray.add(new JsonObject().put("ramp", r.to()).put("seconds", r.seconds()));
            } else if (stage instanceof Stage.Hold h) {
                stageArray.add(new JsonObject().put("hold", h.seconds()));
            } else if (stage instanceof Stage.Spike s) {
                stageArray.add(new JsonObject().put("spike", s.to()));
            } else if (stage instanceof Stage.Arrivals a) {
                stageArray.add(new JsonObject().put("arrivals", a.perSecond()).put("seconds", a.seconds()));
            }
        }
        return new JsonObject().put("name", name).put("stages", stageArray).put("network", network).put("abr", abr)
                .put("format", format.name()).put("sessionSeconds", sessionSeconds)
                .put("targets", new JsonArray(targets.stream().map(URI::toString).toList()));
    }

    public static PlayerGroup fromJson(JsonObject o) {
        List<Stage> stages = new ArrayList<>();
        for (Object item : o.getJsonArray("stages")) {
            JsonObject s = (JsonObject) item;
            if (s.containsKey("ramp")) {
                stages.add(new Stage.Ramp(s.getInteger("ramp"), s.getDouble("seconds")));
            } else if (s.containsKey("hold")) {
                stages.add(new Stage.Hold(s.getDouble("hold")));
            } else if (s.containsKey("spike")) {
                stages.add(new Stage.Spike(s.getInteger("spike")));
            } else {
                stages.add(new Stage.Arrivals(s.getDouble("arrivals"), s.getDouble("seconds")));
            }
        }
        List<URI> targets = o.getJsonArray("targets").stream().map(Object::toString).map(URI::create).toList();
        return new PlayerGroup(o.getString("name"), stages, o.getString("network"), o.getString("abr"),
                StreamFormat.valueOf(o.getString("format")), o.getDouble("sessionSeconds"), targets);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String seconds(long millis) {
        return millis == Long.MAX_VALUE ? "for ever" : fmt(millis / 1000.0) + " s";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlayerGroup g && g.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "PlayerGroup" + toJson().encode();
    }
}
