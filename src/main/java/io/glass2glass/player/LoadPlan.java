package io.glass2glass.player;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A load test's parameters, as {@code load}/{@code run} hand them to the forked Gatling JVM: through
 * system properties named {@code g2g.*}, the way Gatling simulations take parameters.
 *
 * @param targets the URL(s) players load; with several (edges), players are spread over them in turn
 * @param injection {@code ramp} (players join evenly over {@code rampSeconds}), {@code spike} (all
 *     join at once: a match start) or {@code constant} ({@code arrivalRate} players per second for
 *     {@code rampSeconds})
 * @param sessionSeconds how long each player watches
 * @param network a network mix spec ({@code NAME} or {@code NAME:WEIGHT,...})
 * @param intervalSeconds how often QoE interval histograms are written
 * @param groups the audience, group by group: a scenario's, or one made from the fields above
 * @param switches a scenario's network events, applied to the players of their groups
 */
public record LoadPlan(
        List<URI> targets,
        StreamFormat format,
        int players,
        String injection,
        double rampSeconds,
        double arrivalRate,
        double sessionSeconds,
        String network,
        String abr,
        Path runDir,
        String runId,
        boolean shareConnections,
        int intervalSeconds,
        List<PlayerGroup> groups,
        List<NetworkSwitch> switches,
        boolean cmcd) {

    private static final String PREFIX = "g2g.";

    /** The name of the one group made from {@code load}'s and {@code run}'s options. */
    public static final String DEFAULT_GROUP = "players";

    /** A plan of one group, made from the options of {@code load} and {@code run}. */
    public LoadPlan(List<URI> targets, StreamFormat format, int players, String injection, double rampSeconds, double arrivalRate,
            double sessionSeconds, String network, String abr, Path runDir, String runId, boolean shareConnections,
            int intervalSeconds) {
        this(targets, format, players, injection, rampSeconds, arrivalRate, sessionSeconds, network, abr, runDir, runId,
                shareConnections, intervalSeconds, List.of(), List.of(), false);
    }

    /** The same plan with every player sending CMCD (CTA-5004) or none. */
    public LoadPlan withCmcd(boolean send) {
        return new LoadPlan(targets, format, players, injection, rampSeconds, arrivalRate, sessionSeconds, network, abr, runDir,
                runId, shareConnections, intervalSeconds, groups, switches, send);
    }

    /** A scenario's plan: its groups and network events; the flat fields describe the first group. */
    public static LoadPlan of(List<PlayerGroup> groups, List<NetworkSwitch> switches, Path runDir, String runId,
            boolean shareConnections, int intervalSeconds) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a load plan needs a player group");
        }
        PlayerGroup first = groups.get(0);
        long players = groups.stream().mapToLong(PlayerGroup::players).sum();
        double last = groups.stream().mapToLong(g -> g.schedule().lastLeaveMillis()).max().orElse(0) / 1000.0;
        List<URI> targets = groups.stream().flatMap(g -> g.targets().stream()).distinct().toList();
        return new LoadPlan(targets, first.format(), (int) Math.min(PlayerGroup.MAX_PLAYERS, players), "ramp", 0, 0,
                Math.max(1, last), first.network(), first.abr(), runDir, runId, shareConnections, intervalSeconds, groups, switches,
                false);
    }

    public LoadPlan {
        targets = List.copyOf(targets);
        switches = List.copyOf(switches);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a load plan needs a target URL");
        }
        injection = injection.toLowerCase(Locale.ROOT);
        if (!injection.equals("ramp") && !injection.equals("spike") && !injection.equals("constant")) {
            throw new IllegalArgumentException("injection must be ramp, spike or constant: " + injection);
        }
        if (players < 1 || players > 1_000_000) {
            throw new IllegalArgumentException("players must be between 1 and 1,000,000: " + players);
        }
        if (rampSeconds < 0 || sessionSeconds <= 0 || intervalSeconds < 1) {
            throw new IllegalArgumentException("ramp must be >= 0, session > 0, interval >= 1 s");
        }
        if (injection.equals("constant") && arrivalRate <= 0) {
            throw new IllegalArgumentException("constant arrivals need a positive arrival rate");
        }
        groups = groups.isEmpty() ? List.of(singleGroup(targets, format, players, injection, rampSeconds, arrivalRate,
                sessionSeconds, network, abr)) : List.copyOf(groups);
        if (groups.stream().map(PlayerGroup::name).distinct().count() != groups.size()) {
            throw new IllegalArgumentException("player groups need names of their own: " + groups.stream().map(PlayerGroup::name).toList());
        }
        long total = groups.stream().mapToLong(PlayerGroup::players).sum();
        if (total > PlayerGroup.MAX_PLAYERS) {
            throw new IllegalArgumentException("the groups start " + total + " players; at most " + PlayerGroup.MAX_PLAYERS);
        }
    }

    private static PlayerGroup singleGroup(List<URI> targets, StreamFormat format, int players, String injection, double rampSeconds,
            double arrivalRate, double sessionSeconds, String network, String abr) {
        Stage stage = switch (injection) {
            case "spike" -> new Stage.Spike(players);
            case "constant" -> new Stage.Arrivals(arrivalRate, rampSeconds);
            default -> rampSeconds <= 0 ? new Stage.Spike(players) : new Stage.Ramp(players, rampSeconds);
        };
        return new PlayerGroup(DEFAULT_GROUP, List.of(stage), network, abr, format, sessionSeconds, targets);
    }

    /** Whether the audience came from a scenario's groups rather than from the flat options. */
    public boolean fromScenario() {
        return groups.size() > 1 || !groups.get(0).name().equals(DEFAULT_GROUP) || !switches.isEmpty();
    }

    /** The first target (the only one unless players are spread over several edges). */
    public URI target() {
        return targets.get(0);
    }

    /** Player {@code n}'s target: players are spread over the targets in turn. */
    public URI targetFor(long playerNumber) {
        return targets.get((int) Math.floorMod(playerNumber, (long) targets.size()));
    }

    /** Players the injection profile starts in total. */
    public long playersRequested() {
        return groups.stream().mapToLong(PlayerGroup::players).sum();
    }

    /** When the last player is planned to leave, seconds after the players' start. */
    public double plannedSeconds() {
        return groups.stream().mapToLong(g -> g.schedule().lastLeaveMillis()).max().orElse(0) / 1000.0;
    }

    /** Upper bound of the run's length: every player joined and watched, plus time to wind down. */
    public double maxDurationSeconds() {
        return plannedSeconds() + 30;
    }

    /** One line for reports: how players joined. */
    public String describeInjection() {
        if (fromScenario()) {
            return String.join("; ", groups.stream().map(g -> g.name() + ": " + g.players() + " players (" + g.describeStages()
                    + (g.sessionSeconds() > 0 ? ", each watching at most " + fmt(g.sessionSeconds()) + " s" : "") + ")").toList());
        }
        return switch (injection) {
            case "spike" -> players + " players joining at once (match start), each watching " + fmt(sessionSeconds) + " s";
            case "constant" -> fmt(arrivalRate) + " players/s for " + fmt(rampSeconds) + " s, each watching " + fmt(sessionSeconds) + " s";
            default -> players + " players ramped over " + fmt(rampSeconds) + " s, each watching " + fmt(sessionSeconds) + " s";
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    public Map<String, String> toSystemProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PREFIX + "target", String.join(",", targets.stream().map(URI::toString).toList()));
        p.put(PREFIX + "format", format.name());
        p.put(PREFIX + "players", Integer.toString(players));
        p.put(PREFIX + "injection", injection);
        p.put(PREFIX + "rampSeconds", Double.toString(rampSeconds));
        p.put(PREFIX + "arrivalRate", Double.toString(arrivalRate));
        p.put(PREFIX + "sessionSeconds", Double.toString(sessionSeconds));
        p.put(PREFIX + "network", network);
        p.put(PREFIX + "abr", abr);
        p.put(PREFIX + "runDir", runDir.toAbsolutePath().toString());
        p.put(PREFIX + "runId", runId);
        p.put(PREFIX + "shareConnections", Boolean.toString(shareConnections));
        p.put(PREFIX + "intervalSeconds", Integer.toString(intervalSeconds));
        p.put(PREFIX + "cmcd", Boolean.toString(cmcd));
        if (fromScenario()) {
            p.put(PREFIX + "audience", new io.vertx.core.json.JsonObject()
                    .put("groups", new io.vertx.core.json.JsonArray(groups.stream().map(PlayerGroup::toJson).toList()))
                    .put("switches", new io.vertx.core.json.JsonArray(switches.stream().map(NetworkSwitch::toJson).toList()))
                    .encode());
        }
        return p;
    }

    /**
     * Reads the plan from {@code -Dg2g.*}. Only {@code g2g.target} is required, so that the Gatling
     * Maven plugin can run the simulation too ({@code mvn gatling:test -Dg2g.target=URL}); the
     * rest defaults as {@code load} does.
     */
    public static LoadPlan fromSystemProperties(Properties props) {
        try {
            List<URI> targets = java.util.Arrays.stream(required(props, "target").split(","))
                    .map(String::strip).filter(t -> !t.isEmpty()).map(URI::create).toList();
            URI target = targets.get(0);
            String runId = optional(props, "runId",
                    "gatling-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                            .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
            return new LoadPlan(targets, StreamFormat.valueOf(optional(props, "format", StreamFormat.of(target).name())),
                    Integer.parseInt(optional(props, "players", "10")), optional(props, "injection", "ramp"),
                    Double.parseDouble(optional(props, "rampSeconds", "10")), Double.parseDouble(optional(props, "arrivalRate", "0")),
                    Double.parseDouble(optional(props, "sessionSeconds", "60")), optional(props, "network", "unlimited"),
                    optional(props, "abr", "throughput"), Path.of(optional(props, "runDir", "reports/" + runId)), runId,
                    Boolean.parseBoolean(optional(props, "shareConnections", "false")),
                    Integer.parseInt(optional(props, "intervalSeconds", "5")), groups(props), switches(props),
                    Boolean.parseBoolean(optional(props, "cmcd", "false")));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("bad g2g.* system properties: " + e.getMessage(), e);
        }
    }

    private static List<PlayerGroup> groups(Properties props) {
        String audience = props.getProperty(PREFIX + "audience");
        if (audience == null) {
            return List.of();
        }
        return new io.vertx.core.json.JsonObject(audience).getJsonArray("groups").stream()
                .map(o -> PlayerGroup.fromJson((io.vertx.core.json.JsonObject) o)).toList();
    }

    private static List<NetworkSwitch> switches(Properties props) {
        String audience = props.getProperty(PREFIX + "audience");
        if (audience == null) {
            return List.of();
        }
        return new io.vertx.core.json.JsonObject(audience).getJsonArray("switches").stream()
                .map(o -> NetworkSwitch.fromJson((io.vertx.core.json.JsonObject) o)).toList();
    }

    private static String optional(Properties props, String name, String fallback) {
        return props.getProperty(PREFIX + name, fallback);
    }

    private static String required(Properties props, String name) {
        String v = props.getProperty(PREFIX + name);
        if (v == null) {
            throw new IllegalArgumentException("missing -D" + PREFIX + name);
        }
        return v;
    }
}
