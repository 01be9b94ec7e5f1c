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
        int intervalSeconds) {

    private static final String PREFIX = "g2g.";

    public LoadPlan {
        targets = List.copyOf(targets);
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
        return injection.equals("constant") ? Math.round(arrivalRate * rampSeconds) : players;
    }

    /** Upper bound of the run's length: every player joined and watched, plus time to wind down. */
    public double maxDurationSeconds() {
        return rampSeconds + sessionSeconds + 30;
    }

    /** One line for reports: how players joined. */
    public String describeInjection() {
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
                    Integer.parseInt(optional(props, "intervalSeconds", "5")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad g2g.* system properties: " + e.getMessage(), e);
        }
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
