package io.glass2glass.scenario;

import io.glass2glass.player.NetworkSwitch;
import io.glass2glass.player.PlayerGroup;
import io.glass2glass.player.PlayerProfile;
import io.glass2glass.player.Stage;
import io.glass2glass.player.abr.AbrAlgorithms;
import io.glass2glass.player.network.NetworkMix;
import io.glass2glass.player.network.NetworkProfiles;
import io.glass2glass.verdict.Gate;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A scenario file: a load test that lives in the user's repository. YAML:
 * <pre>
 * name: origin-outage
 * description: an 8 s origin outage behind a cdn-live edge
 * pipeline: {ladder: default, edgeProfile: cdn-live, edges: 1}   # run
 * target: https://cdn.example.com/live/master.m3u8               # load
 * interval: 1s
 * audience: 100                    # what shares are of
 * groups:
 *   - name: behind-edge
 *     share: 50%                   # or players: 50
 *     stages: [{ramp: 100%, over: 10s}, {hold: 60s}, {ramp: 0, over: 10s}]
 *     network: cable:50,4g:50
 *     abr: throughput
 *     format: hls
 *     session: 5m                  # the most each player watches
 *     via: edge                    # run: edge or origin
 * timeline:
 *   - {at: 30s, event: origin-outage, for: 8s}
 *   - {at: 50s, event: network, group: behind-edge, profile: 3g, for: 20s}
 * thresholds:
 *   qoe.rebufferRatio: ["p95 &lt; 0.01"]
 * </pre>
 * Stages are {@code ramp} (to an audience, over a time), {@code hold}, {@code spike} (to an audience
 * at once) and {@code arrivals} (players per second, for a time); an audience is a count or a share of
 * the group. Groups without stages take the file's {@code stages}, or join at once. Events are
 * {@code origin-outage}, {@code origin-errors}, {@code encoder-stall} (each {@code for} a time),
 * {@code publisher-restart} ({@code gap} optional), {@code edge-down} ({@code edge} N, {@code for}
 * optional) and {@code network}. Unknown fields are errors, so a typo never runs a different test.
 */
public record Scenario(String name, String description, Optional<Pipeline> pipeline, Optional<URI> target,
        Optional<Duration> interval, List<GroupSpec> groups, List<ScenarioEvent> timeline, Optional<Gate> thresholds) {

    /** A scenario file is a page, not a data set. */
    static final int MAX_FILE_BYTES = 256 * 1024;
    static final int MAX_GROUPS = 64;
    static final int MAX_EVENTS = 1_000;
    static final int MAX_STAGES = 1_000;

    /** The embedded pipeline {@code run} starts. */
    public record Pipeline(String ladder, String edgeProfile, int edges) {
        public Pipeline {
            if (edges < 0 || edges > 64) {
                throw new IllegalArgumentException("pipeline.edges must be between 0 and 64: " + edges);
            }
        }

        public static Pipeline defaults() {
            return new Pipeline("default", "cdn-live", 1);
        }
    }

    public Scenario {
        groups = List.copyOf(groups);
        timeline = List.copyOf(timeline);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one player group");
        }
        Set<String> names = new HashSet<>();
        for (GroupSpec g : groups) {
            if (!names.add(g.name())) {
                throw new IllegalArgumentException("two groups are named " + g.name());
            }
        }
        int edges = pipeline.map(Pipeline::edges).orElse(Pipeline.defaults().edges());
        for (ScenarioEvent e : timeline) {
            if (e.type() == ScenarioEvent.Type.EDGE_DOWN && e.edge() > edges) {
                throw new IllegalArgumentException("edge-down at " + ScenarioEvent.seconds(e.at()) + " names edge " + e.edge()
                        + " but the pipeline has " + edges + (edges == 1 ? " edge" : " edges"));
            }
            if (e.type() == ScenarioEvent.Type.NETWORK && !e.group().equals(NetworkSwitch.ALL_GROUPS) && !names.contains(e.group())) {
                throw new IllegalArgumentException("network at " + ScenarioEvent.seconds(e.at()) + " names group " + e.group()
                        + "; the groups are " + names);
            }
        }
        for (GroupSpec g : groups) {
            if (g.via() == GroupSpec.Via.ORIGIN && pipeline.isEmpty() && target.isPresent()) {
                throw new IllegalArgumentException("group " + g.name() + ": 'via: origin' needs the embedded pipeline (run)");
            }
        }
    }

    /** The events that act on the embedded pipeline, which {@code load} against a URL cannot play. */
    public List<ScenarioEvent> pipelineEvents() {
        return timeline.stream().filter(e -> e.type().actsOnPipeline()).toList();
    }

    /** The timeline's network events as the players' JVM applies them. */
    public List<NetworkSwitch> networkSwitches() {
        List<NetworkSwitch> switches = new ArrayList<>();
        for (ScenarioEvent e : timeline) {
            if (e.type() == ScenarioEvent.Type.NETWORK) {
                switches.add(new NetworkSwitch(e.group(), e.network(), e.at().toMillis() / 1000.0, e.end().orElseThrow().toMillis() / 1000.0));
            }
        }
        return switches;
    }

    /**
     * Checks the timeline against the audience once its groups have URLs: an event that begins after
     * the last player has left measures nothing.
     */
    public void checkTimeline(List<PlayerGroup> resolved) {
        long last = resolved.stream().mapToLong(g -> g.schedule().lastLeaveMillis()).max().orElse(0);
        for (ScenarioEvent e : timeline) {
            if (e.at().toMillis() >= last) {
                throw new IllegalArgumentException(e.type().label() + " at " + ScenarioEvent.seconds(e.at())
                        + " begins after the last player leaves (" + ScenarioEvent.seconds(Duration.ofMillis(last)) + ")");
            }
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Reads a scenario file, or a bundled one by name ({@code origin-outage}). */
    public static Scenario load(String nameOrPath) throws IOException {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        if (nameOrPath.matches("[a-z0-9-]{1,64}")) {
            try (var in = Scenario.class.getResourceAsStream("/fixtures/scenarios/" + nameOrPath + ".yaml")) {
                if (in != null) {
                    return parse(new String(in.readNBytes(MAX_FILE_BYTES + 1), StandardCharsets.UTF_8), nameOrPath);
                }
            }
        }
        throw new IllegalArgumentException("no scenario file " + nameOrPath + "; bundled: " + String.join(", ", bundled()));
    }

    /** The bundled scenarios' names. */
    public static List<String> bundled() {
        return List.of("match-start", "evening-peak", "origin-outage", "encoder-restart", "mobile-degradation");
    }

    public static Scenario read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("scenario file " + file + " is over " + MAX_FILE_BYTES / 1024 + " KiB");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a scenario's text; {@code origin} names it in errors. */
    public static Scenario parse(String yaml, String origin) {
        try {
            if (yaml.length() > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("over " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            Object doc;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                options.setMaxAliasesForCollections(10);
                options.setCodePointLimit(MAX_FILE_BYTES);
                doc = new Yaml(new SafeConstructor(options)).load(yaml);
            } catch (YAMLException e) {
                throw new IllegalArgumentException("not YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (!(doc instanceof Map<?, ?> root)) {
                throw new IllegalArgumentException("expected a map with 'groups' (and name, pipeline or target, timeline, thresholds)");
            }
            return fromMap(root, origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario " + origin + ": " + e.getMessage(), e);
        }
    }

    private static Scenario fromMap(Map<?, ?> root, String origin) {
        known(root, "", "name", "description", "pipeline", "target", "interval", "audience", "stages", "groups", "timeline",
                "thresholds");
        String name = text(root, "name", defaultName(origin));
        String description = text(root, "description", "");
        Optional<Pipeline> pipeline = Optional.empty();
        if (root.get("pipeline") != null) {
            Map<?, ?> p = map(root.get("pipeline"), "pipeline");
            known(p, "pipeline.", "ladder", "edgeProfile", "edges");
            Pipeline d = Pipeline.defaults();
            pipeline = Optional.of(new Pipeline(text(p, "ladder", d.ladder()), text(p, "edgeProfile", d.edgeProfile()),
                    (int) number(p, "edges", d.edges(), "pipeline.edges")));
        }
        Optional<URI> target = Optional.empty();
        if (root.get("target") != null) {
            URI uri = URI.create(text(root, "target", ""));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("target must be an http(s) URL: " + uri);
            }
            target = Optional.of(uri);
        }
        Optional<Duration> interval = root.get("interval") == null ? Optional.empty() : Optional.of(duration(root.get("interval"), "interval"));
        double audience = root.get("audience") == null ? -1 : number(root, "audience", 0, "audience");
        List<Stage> sharedStages = null; // parsed per group: percentages are of each group's size
        Object groupsNode = root.get("groups");
        if (!(groupsNode instanceof List<?> groupList) || groupList.isEmpty()) {
            throw new IllegalArgumentException("'groups' must be a list of player groups");
        }
        if (groupList.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("more than " + MAX_GROUPS + " groups");
        }
        List<GroupSpec> groups = new ArrayList<>();
        for (int i = 0; i < groupList.size(); i++) {
            groups.add(group(map(groupList.get(i), "groups[" + i + "]"), i, audience, root.get("stages")));
        }
        List<ScenarioEvent> timeline = new ArrayList<>();
        if (root.get("timeline") != null) {
            if (!(root.get("timeline") instanceof List<?> events)) {
                throw new IllegalArgumentException("'timeline' must be a list of events");
            }
            if (events.size() > MAX_EVENTS) {
                throw new IllegalArgumentException("more than " + MAX_EVENTS + " events");
            }
            for (int i = 0; i < events.size(); i++) {
                timeline.add(event(map(events.get(i), "timeline[" + i + "]"), "timeline[" + i + "]"));
            }
            timeline.sort((a, b) -> a.at().compareTo(b.at()));
        }
        Optional<Gate> thresholds = root.get("thresholds") == null ? Optional.empty()
                : Optional.of(Gate.ofThresholds(map(root.get("thresholds"), "thresholds")));
        return new Scenario(name, description, pipeline, target, interval, groups, timeline, thresholds);
    }

    private static GroupSpec group(Map<?, ?> g, int index, double audience, Object sharedStages) {
        String where = "groups[" + index + "]";
        known(g, where + ".", "name", "players", "share", "stages", "network", "abr", "player", "format", "session", "via");
        String name = text(g, "name", index == 0 ? "players" : "group-" + (index + 1));
        where = "group " + name;
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(where + ": a name must match [A-Za-z0-9_.-]{1,64}");
        }
        int size;
        if (g.get("players") != null && g.get("share") != null) {
            throw new IllegalArgumentException(where + ": give players or share, not both");
        } else if (g.get("players") != null) {
            size = (int) number(g, "players", 0, where + ".players");
        } else if (g.get("share") != null) {
            if (audience < 0) {
                throw new IllegalArgumentException(where + ": a share needs the scenario's 'audience'");
            }
            double share = fraction(g.get("share"), where + ".share");
            size = (int) Math.round(audience * share);
        } else {
            size = -1;
        }
        Object stageNode = g.get("stages") != null ? g.get("stages") : sharedStages;
        List<Stage> stages = new ArrayList<>();
        if (stageNode == null) {
            if (size <= 0) {
                throw new IllegalArgumentException(where + ": give stages, or players (or share) to join at once");
            }
            stages.add(new Stage.Spike(size));
        } else {
            if (!(stageNode instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException(where + ": 'stages' must be a list such as [{ramp: 100, over: 30s}, {hold: 60s}]");
            }
            if (list.size() > MAX_STAGES) {
                throw new IllegalArgumentException(where + ": more than " + MAX_STAGES + " stages");
            }
            for (int i = 0; i < list.size(); i++) {
                stages.add(stage(map(list.get(i), where + " stage " + (i + 1)), size, where + " stage " + (i + 1)));
            }
        }
        String network = text(g, "network", "unlimited");
        NetworkMix.parse(network); // a bad profile fails here, naming the group
        String abr = text(g, "abr", "throughput");
        AbrAlgorithms.create(abr);
        if (g.get("player") != null) {
            if (g.get("abr") != null) {
                throw new IllegalArgumentException(where + ": player sets the ABR itself; give player or abr, not both");
            }
            // A player profile travels as the group's model spec: the players' JVM applies every default it sets.
            abr = PlayerProfile.of(text(g, "player", "")).id();
        }
        double session = g.get("session") == null ? 0 : duration(g.get("session"), where + ".session").toMillis() / 1000.0;
        GroupSpec.Via via = switch (text(g, "via", "edge").toLowerCase(Locale.ROOT)) {
            case "edge" -> GroupSpec.Via.EDGE;
            case "origin" -> GroupSpec.Via.ORIGIN;
            default -> throw new IllegalArgumentException(where + ": via must be edge or origin");
        };
        try {
            return new GroupSpec(name, stages, network, abr, text(g, "format", "auto"), session, via);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Stage stage(Map<?, ?> s, int groupSize, String where) {
        if (s.containsKey("ramp")) {
            known(s, where + ".", "ramp", "over");
            return new Stage.Ramp(audience(s.get("ramp"), groupSize, where), seconds(s, "over", where));
        }
        if (s.containsKey("hold")) {
            known(s, where + ".", "hold");
            return new Stage.Hold(duration(s.get("hold"), where + ".hold").toMillis() / 1000.0);
        }
        if (s.containsKey("spike")) {
            known(s, where + ".", "spike");
            return new Stage.Spike(audience(s.get("spike"), groupSize, where));
        }
        if (s.containsKey("arrivals")) {
            known(s, where + ".", "arrivals", "for");
            Object rate = s.get("arrivals");
            if (!(rate instanceof Number n)) {
                throw new IllegalArgumentException(where + ": arrivals is players per second, a number");
            }
            return new Stage.Arrivals(n.doubleValue(), seconds(s, "for", where));
        }
        throw new IllegalArgumentException(where + ": a stage is ramp (with over), hold, spike or arrivals (with for), got " + s.keySet());
    }

    private static double seconds(Map<?, ?> s, String key, String where) {
        if (s.get(key) == null) {
            throw new IllegalArgumentException(where + ": needs '" + key + "' (a duration such as 30s)");
        }
        return durationOrZero(s.get(key), where + "." + key).toMillis() / 1000.0;
    }

    /** An audience: a count, or a share of the group ({@code 50%}). */
    private static int audience(Object value, int groupSize, String where) {
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > PlayerGroup.MAX_PLAYERS) {
                throw new IllegalArgumentException(where + ": an audience is a whole number of players from 0 to "
                        + PlayerGroup.MAX_PLAYERS + ", got " + n);
            }
            return n.intValue();
        }
        String text = String.valueOf(value).trim();
        if (text.endsWith("%")) {
            if (groupSize < 0) {
                throw new IllegalArgumentException(where + ": " + text + " of what? give the group players or a share");
            }
            return (int) Math.round(groupSize * fraction(text, where));
        }
        throw new IllegalArgumentException(where + ": an audience is a number of players or a share such as 50%, got " + text);
    }

    private static double fraction(Object value, String where) {
        double f;
        try {
            String text = String.valueOf(value).trim();
            f = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": a share is a fraction (0.3) or a percentage (30%), got " + value);
        }
        if (!(f >= 0) || f > 1) {
            throw new IllegalArgumentException(where + ": a share is between 0 and 100%, got " + value);
        }
        return f;
    }

    private static ScenarioEvent event(Map<?, ?> e, String where) {
        known(e, where + ".", "at", "event", "for", "edge", "group", "profile", "gap");
        if (e.get("event") == null || e.get("at") == null) {
            throw new IllegalArgumentException(where + ": an event needs 'event' and 'at'");
        }
        try {
            ScenarioEvent.Type type = ScenarioEvent.Type.of(String.valueOf(e.get("event")));
            where = type.label() + " (" + where + ")";
            Duration at = durationOrZero(e.get("at"), where + ".at");
            Optional<Duration> duration = e.get("for") == null ? Optional.empty() : Optional.of(duration(e.get("for"), where + ".for"));
            int edge = e.get("edge") == null ? 0 : (int) number(e, "edge", 0, where + ".edge");
            String group = text(e, "group", NetworkSwitch.ALL_GROUPS);
            String profile = e.get("profile") == null ? null : text(e, "profile", "");
            if (profile != null) {
                NetworkProfiles.load(profile);
            }
            Duration gap = e.get("gap") == null ? Duration.ZERO : durationOrZero(e.get("gap"), where + ".gap");
            if (type != ScenarioEvent.Type.EDGE_DOWN && e.get("edge") != null
                    || type != ScenarioEvent.Type.NETWORK && (e.get("group") != null || profile != null)
                    || type != ScenarioEvent.Type.PUBLISHER_RESTART && e.get("gap") != null
                    || type == ScenarioEvent.Type.PUBLISHER_RESTART && e.get("for") != null) {
                throw new IllegalArgumentException("fields that do not belong to " + type.label() + ": " + e.keySet());
            }
            return new ScenarioEvent(type, at, duration, edge, group, profile, gap);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(ex.getMessage().startsWith(where) ? ex.getMessage() : where + ": " + ex.getMessage(), ex);
        }
    }

    // ---- small readers -------------------------------------------------------------------------

    private static void known(Map<?, ?> m, String prefix, String... keys) {
        Set<String> allowed = new LinkedHashSet<>(List.of(keys));
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown field '" + prefix + key + "'; known: " + String.join(", ", allowed));
            }
        }
    }

    private static Map<?, ?> map(Object node, String where) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("'" + where + "' must be a map of fields");
        }
        return m;
    }

    private static String text(Map<?, ?> m, String key, String fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException("'" + key + "' must be a value, not " + (v instanceof Map ? "a map" : "a list"));
        }
        return String.valueOf(v).trim();
    }

    private static double number(Map<?, ?> m, String key, double fallback, String where) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > PlayerGroup.MAX_PLAYERS) {
            throw new IllegalArgumentException(where + " must be a number from 0 to " + PlayerGroup.MAX_PLAYERS + ", got " + v);
        }
        return n.doubleValue();
    }

    private static Duration duration(Object v, String where) {
        Duration d = durationOrZero(v, where);
        if (d.isZero()) {
            throw new IllegalArgumentException(where + " must be positive");
        }
        return d;
    }

    /** A duration: {@code 30s}, {@code 2m}, or a number of seconds. */
    private static Duration durationOrZero(Object v, String where) {
        if (v instanceof Number n) {
            if (!(n.doubleValue() >= 0) || n.doubleValue() > 7 * 86_400) {
                throw new IllegalArgumentException(where + " must be from 0 to 7 days, got " + v);
            }
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        try {
            Duration d = Durations.parseOrZero(String.valueOf(v));
            if (d.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("over 7 days");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static String defaultName(String origin) {
        String file = Path.of(origin).getFileName().toString();
        return file.replaceFirst("\\.ya?ml$", "");
    }
}
