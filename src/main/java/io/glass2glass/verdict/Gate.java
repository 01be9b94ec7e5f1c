package io.glass2glass.verdict;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A gate file: thresholds on the figures of {@code summary.json}, and the verdict they give on a run
 * (k6's thresholds, on QoE and edge figures as well as HTTP). The file is YAML:
 * <pre>
 * thresholds:
 *   qoe.rebufferRatio: ["p95 &lt; 0.01"]
 *   players.failedToStart: ["value == 0"]
 *   requests.segment: ["errorRate &lt; 0.001"]
 *   cohorts.network.3g.qoe.startupMs: ["p95 &lt; baseline * 1.10"]
 * </pre>
 * Whatever the thresholds say, a run whose load generator fell behind (schedule skew p99 over
 * {@link #MAX_SKEW_P99_MS} ms) is not valid and cannot pass.
 */
public final class Gate {

    /** Above this schedule-skew p99 the players did not act when they meant to: the figures understate what viewers saw. */
    public static final double MAX_SKEW_P99_MS = 50;
    /** A gate file is a page of thresholds, not a data set. */
    static final int MAX_FILE_BYTES = 256 * 1024;
    static final int MAX_THRESHOLDS = 1_000;

    /** The counts that only grow while players play: a threshold on them that breaks cannot hold again. */
    public static final List<String> ABORTABLE = List.of("players.failedToStart", "players.playbackFailed");

    private final List<Threshold> thresholds;
    private final List<Threshold> abortOnFail;

    public Gate(List<Threshold> thresholds) {
        this(thresholds, List.of());
    }

    /** @param abortOnFail those of {@code thresholds} that stop the run as soon as they break (k6's {@code abortOnFail}) */
    public Gate(List<Threshold> thresholds, List<Threshold> abortOnFail) {
        this.thresholds = List.copyOf(thresholds);
        this.abortOnFail = List.copyOf(abortOnFail);
    }

    /** The thresholds that stop the run early once they can no longer be met. */
    public List<Threshold> abortOnFail() {
        return abortOnFail;
    }

    /**
     * The abort rules as the players' JVM reads them ({@code g2g.abortOnFail}): {@code path op limit}
     * per rule, separated by {@code ;}, e.g. {@code players.failedToStart == 0}.
     */
    public String abortRules() {
        return String.join(";", abortOnFail.stream().map(t -> t.path() + " " + t.op().symbol + " " + format(t.limit())).toList());
    }

    public List<Threshold> thresholds() {
        return thresholds;
    }

    /** Whether any threshold is relative to a baseline run. */
    public boolean needsBaseline() {
        return thresholds.stream().anyMatch(Threshold::needsBaseline);
    }

    /**
     * Reads a gate file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static Gate read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("gate file " + file + " does not exist");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("gate file " + file + " is over " + MAX_FILE_BYTES / 1024 + " KiB");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gate file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a gate file's text. */
    public static Gate parse(String yaml) {
        Object doc;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            doc = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(doc instanceof Map<?, ?> root) || !(root.get("thresholds") instanceof Map<?, ?> byPath)) {
            throw new IllegalArgumentException("expected a 'thresholds' map of figure path to a list of expressions");
        }
        for (Object key : root.keySet()) {
            if (!"thresholds".equals(key)) {
                throw new IllegalArgumentException("unknown field '" + key + "' (a gate file has 'thresholds')");
            }
        }
        return ofThresholds(byPath);
    }

    /** A gate from the {@code thresholds} map of a gate or scenario file, already read from YAML. */
    public static Gate ofThresholds(Map<?, ?> byPath) {
        List<Threshold> thresholds = new ArrayList<>();
        List<Threshold> aborts = new ArrayList<>();
        for (Map.Entry<?, ?> e : byPath.entrySet()) {
            String path = String.valueOf(e.getKey());
            if (!path.matches("[A-Za-z0-9_.:-]+")) {
                throw new IllegalArgumentException("'" + path + "' is not a summary.json path (dotted names, e.g. qoe.startupMs)");
            }
            List<?> expressions = e.getValue() instanceof List<?> list ? list : e.getValue() instanceof String s ? List.of(s) : null;
            if (expressions == null || expressions.isEmpty()) {
                throw new IllegalArgumentException(path + ": expected a list of expressions such as [\"p95 < 0.01\"]");
            }
            for (Object expression : expressions) {
                boolean abort = false;
                if (expression instanceof Map<?, ?> m) {
                    // k6's object form: {threshold: "value == 0", abortOnFail: true}
                    for (Object key : m.keySet()) {
                        if (!"threshold".equals(key) && !"abortOnFail".equals(key)) {
                            throw new IllegalArgumentException(path + ": unknown field '" + key + "' (a threshold object has threshold and abortOnFail)");
                        }
                    }
                    if (!(m.get("abortOnFail") == null || m.get("abortOnFail") instanceof Boolean)) {
                        throw new IllegalArgumentException(path + ": abortOnFail is true or false, got " + m.get("abortOnFail"));
                    }
                    abort = Boolean.TRUE.equals(m.get("abortOnFail"));
                    expression = m.get("threshold");
                }
                if (!(expression instanceof String text)) {
                    throw new IllegalArgumentException(path + ": an expression is a quoted text such as \"p95 < 0.01\", got " + expression);
                }
                Threshold t = Threshold.parse(path, text);
                if (abort) {
                    if (!ABORTABLE.contains(path) || !t.statistic().equals("value") || t.needsBaseline()
                            || !(t.op() == Threshold.Op.EQ || t.op() == Threshold.Op.LT || t.op() == Threshold.Op.LE)) {
                        throw new IllegalArgumentException(path + ": abortOnFail works on counts that only grow while players play ("
                                + String.join(", ", ABORTABLE) + ") with value ==, < or <= a number: '" + text
                                + "' could still be met later");
                    }
                    aborts.add(t);
                }
                thresholds.add(t);
                if (thresholds.size() > MAX_THRESHOLDS) {
                    throw new IllegalArgumentException("more than " + MAX_THRESHOLDS + " thresholds");
                }
            }
        }
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("no thresholds");
        }
        return new Gate(thresholds, aborts);
    }

    /** The verdict on one threshold; {@code observed} empty when the figure is not in the summary. */
    public record Result(Threshold threshold, Optional<Double> observed, Optional<Double> limit, boolean passed, String note) {}

    /** The gate's verdict on a run: each threshold's result, and whether the run itself is valid. */
    public record Verdict(List<Result> results, double scheduleSkewP99Ms, boolean overloaded) {

        public Verdict {
            results = List.copyOf(results);
        }

        public long failures() {
            return results.stream().filter(r -> !r.passed()).count();
        }

        /** Every threshold held and the run is valid. */
        public boolean passed() {
            return !overloaded && failures() == 0;
        }
    }

    /** Judges a run's summary.json, against a baseline run's when thresholds are relative. */
    public Verdict judge(JsonObject summary, Optional<JsonObject> baseline) {
        List<Result> results = new ArrayList<>();
        for (Threshold t : thresholds) {
            Optional<Double> observed = figure(summary, t.path(), t.statistic());
            Optional<Double> base = baseline.flatMap(b -> figure(b, t.path(), t.statistic()));
            Optional<Double> limit = t.limit(base);
            if (observed.isPresent() && noSamples(summary, t)) {
                // An empty distribution's percentiles read 0: a pass nobody earned (no player started, say).
                results.add(new Result(t, Optional.empty(), limit, false, "no samples: " + t.path() + " has count 0"));
            } else if (observed.isEmpty()) {
                results.add(new Result(t, observed, limit, false, "not in summary.json: " + t.path() + " " + t.statistic()));
            } else if (limit.isEmpty()) {
                results.add(new Result(t, observed, limit, false,
                        baseline.isEmpty() ? "relative to a baseline, but no --baseline was given" : "not in the baseline's summary.json"));
            } else {
                boolean held = t.op().holds(observed.get(), limit.get());
                results.add(new Result(t, observed, limit, held, held ? "" : "observed " + format(observed.get())
                        + ", limit " + t.op().symbol + " " + format(limit.get())));
            }
        }
        double skew = figure(summary, "scheduleSkewMs", "p99").orElse(0.0);
        return new Verdict(results, skew, skew > MAX_SKEW_P99_MS);
    }

    /** Whether the threshold reads a percentile, mean or extreme of a distribution that has no sample. */
    private static boolean noSamples(JsonObject summary, Threshold t) {
        if (List.of("count", "value", "errorRate").contains(t.statistic())) {
            return false;
        }
        return figure(summary, t.path(), "count").filter(c -> c == 0).isPresent();
    }

    /**
     * The value of a statistic of the figure at a dotted path: a field of an object ({@code p95}),
     * {@code value} or {@code count} of a plain number, {@code errorRate} (errors / count) of a request
     * kind. In a cohort, {@code cohorts.D.V.qoe.x} is {@code cohorts.D.V.x} (cohorts hold qoe's fields).
     */
    static Optional<Double> figure(JsonObject summary, String path, String statistic) {
        List<String> parts = new ArrayList<>(List.of(path.split("\\.")));
        if (parts.size() > 4 && parts.get(0).equals("cohorts") && parts.get(3).equals("qoe")) {
            parts.remove(3);
        }
        Object node = summary;
        for (String part : parts) {
            if (!(node instanceof JsonObject o) || !o.containsKey(part)) {
                return Optional.empty();
            }
            node = o.getValue(part);
        }
        if (node instanceof java.lang.Number n) {
            return statistic.equals("value") || statistic.equals("count") ? Optional.of(n.doubleValue()) : Optional.empty();
        }
        if (!(node instanceof JsonObject o)) {
            return Optional.empty();
        }
        if (statistic.equals("errorRate") && o.getValue("errors") instanceof java.lang.Number errors
                && o.getValue("count") instanceof java.lang.Number count) {
            return Optional.of(count.doubleValue() == 0 ? 0 : errors.doubleValue() / count.doubleValue());
        }
        return o.getValue(statistic) instanceof java.lang.Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    /** Six significant digits, no trailing zeros: 0.01, 0.144226, 2427. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
