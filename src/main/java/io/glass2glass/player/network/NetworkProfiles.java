package io.glass2glass.player.network;

import io.glass2glass.fixtures.Fixtures;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads network profiles: a name from {@code fixtures/networks/} (bundled in the jar, listed in
 * {@code fixtures/networks/index.txt}) or a path to a JSON file of one of two forms.
 *
 * <p>A profile object ({@code loop} defaults to true, {@code name} to the file name):
 * <pre>
 * {"name": "drop-6-to-1", "description": "...", "loop": false,
 *  "steps": [{"duration_ms": 30000, "bandwidth_kbps": 6000, "latency_ms": 20}, ...]}
 * </pre>
 * or, for no shaping, {@code {"name": "unlimited", "description": "...", "unlimited": true}} without steps.
 *
 * <p>A bare trace, named after its file and looping: {@code [{"duration_ms": ..., "bandwidth_kbps": ...,
 * "latency_ms": ...}, ...]}.
 */
public final class NetworkProfiles {

    public static final int MAX_STEPS = 1_000_000;

    private static final Set<String> PROFILE_KEYS = Set.of("name", "description", "loop", "steps", "unlimited");
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\s*at \\[Source: [^\\]]*?line: (\\d+)(?:, column: (\\d+))?\\]");
    private static final Set<String> STEP_KEYS = Set.of("duration_ms", "bandwidth_kbps", "latency_ms");

    private NetworkProfiles() {}

    /** Loads {@code nameOrPath}: an existing file path, else a bundled profile name such as {@code 4g}. */
    public static NetworkProfile load(String nameOrPath) {
        Fixtures.Document d = Fixtures.NETWORKS.read(nameOrPath);
        return parse(d.text(), d.origin());
    }

    /** Names of the bundled profiles, in index order. */
    public static List<String> names() {
        return Fixtures.NETWORKS.names();
    }

    /** Parses a profile document; {@code origin} (a file name or path) names it in errors and names bare traces. */
    public static NetworkProfile parse(String json, String origin) {
        Object doc;
        try {
            doc = Json.decodeValue(json);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(origin + ": not valid JSON: " + readable(e), e);
        }
        String fileName = fileName(origin);
        if (doc instanceof JsonArray trace) {
            return new NetworkProfile(fileName, "", steps(trace, origin), true);
        }
        if (!(doc instanceof JsonObject profile)) {
            throw new IllegalArgumentException(origin + ": a network profile is a JSON object or an array of steps");
        }
        for (String key : profile.fieldNames()) {
            if (!PROFILE_KEYS.contains(key)) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'; expected " + String.join(", ", PROFILE_KEYS.stream().sorted().toList()));
            }
        }
        String name = text(profile, "name", fileName, origin);
        String description = text(profile, "description", "", origin);
        if (flag(profile, "unlimited", false, origin)) {
            if (profile.containsKey("steps")) {
                throw new IllegalArgumentException(origin + ": an unlimited profile has no steps");
            }
            return new NetworkProfile(name, description, List.of(), true);
        }
        if (!(profile.getValue("steps") instanceof JsonArray trace)) {
            throw new IllegalArgumentException(origin + ": 'steps' must be an array of steps (or set \"unlimited\": true)");
        }
        return new NetworkProfile(name, description, steps(trace, origin), flag(profile, "loop", true, origin));
    }

    /** Jackson's message without its prefix and source echo: what went wrong, then the line and column. */
    private static String readable(DecodeException e) {
        String message = e.getMessage()
                .replaceFirst("^Failed to decode:\\s*", "")
                .replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "");
        Matcher at = SOURCE_LOCATION.matcher(message);
        if (!at.find()) {
            return message;
        }
        String where = "line " + at.group(1) + (at.group(2) == null ? "" : ", column " + at.group(2));
        return message.substring(0, at.start()) + " (" + where + ")" + message.substring(at.end());
    }

    private static List<NetworkStep> steps(JsonArray trace, String origin) {
        if (trace.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no steps; a profile needs at least one");
        }
        if (trace.size() > MAX_STEPS) {
            throw new IllegalArgumentException(origin + ": " + trace.size() + " steps, more than the limit of " + MAX_STEPS);
        }
        List<NetworkStep> steps = new ArrayList<>(trace.size());
        long total = 0;
        for (int i = 0; i < trace.size(); i++) {
            String where = origin + ": step " + i;
            if (!(trace.getValue(i) instanceof JsonObject step)) {
                throw new IllegalArgumentException(where + ": a step is an object with duration_ms, bandwidth_kbps and latency_ms");
            }
            for (String key : step.fieldNames()) {
                if (!STEP_KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "'; expected duration_ms, bandwidth_kbps, latency_ms");
                }
            }
            long duration = wholeNumber(step, "duration_ms", NetworkStep.MAX_DURATION_MILLIS, where);
            long bandwidth = wholeNumber(step, "bandwidth_kbps", NetworkStep.MAX_BANDWIDTH_KBPS, where);
            long latency = wholeNumber(step, "latency_ms", NetworkStep.MAX_LATENCY_MILLIS, where);
            steps.add(new NetworkStep(duration, bandwidth, latency));
            total += duration;
        }
        if (total <= 0) {
            throw new IllegalArgumentException(origin + ": the steps last 0 ms in total; at least one needs a positive duration_ms");
        }
        return steps;
    }

    private static long wholeNumber(JsonObject step, String key, long max, String where) {
        Object v = step.getValue(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a number, got " + Json.encode(v));
        }
        BigDecimal d = new BigDecimal(n.toString());
        if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0 || d.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a whole number from 0 to " + max + ", got " + n);
        }
        return d.longValueExact();
    }

    private static String text(JsonObject o, String key, String fallback, String origin) {
        Object v = o.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || (key.equals("name") && s.isBlank())) {
            throw new IllegalArgumentException(origin + ": '" + key + "' must be a" + (key.equals("name") ? " non-empty" : "") + " string");
        }
        return s;
    }

    private static boolean flag(JsonObject o, String key, boolean fallback, String origin) {
        Object v = o.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(origin + ": '" + key + "' must be true or false");
        }
        return b;
    }

    private static String fileName(String origin) {
        String name = origin.substring(Math.max(origin.lastIndexOf('/'), origin.lastIndexOf('\\')) + 1);
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }
}
