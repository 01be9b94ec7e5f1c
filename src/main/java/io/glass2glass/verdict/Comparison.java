package io.glass2glass.verdict;

import io.glass2glass.report.RunSummary;
import io.glass2glass.report.RunSummary.CacheCounters;
import io.glass2glass.report.RunSummary.Edge;
import io.glass2glass.report.RunSummary.EdgeTier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs side by side: per configuration (runs with the same label, e.g. the edge profile, repeated
 * runs grouped) the figures an architect compares — origin load and offload, hit ratio, QoE p50/p95
 * and bitrate's low tail — as the median over its runs with the spread (max − min), and the change
 * against the first configuration.
 */
public final class Comparison {

    /**
     * One figure of the comparison.
     *
     * @param name           what it is
     * @param unit           its unit as shown
     * @param higherIsBetter whether a rise is an improvement (for the sign people read into a delta)
     * @param value          the figure of one run, empty when that run has none (no edge)
     */
    public record Figure(String name, String unit, boolean higherIsBetter, Function<RunSummary, Optional<Double>> value) {}

    /** A configuration's value of one figure over its runs. */
    public record Cell(Optional<Double> median, double spread, int runs) {}

    public static final List<Figure> FIGURES = List.of(
            new Figure("origin requests per segment", "", false, s -> s.edge().map(Edge::originRequestsPerSegment)),
            new Figure("origin egress", "MB", false, s -> originBytes(s).map(b -> b / 1e6)),
            new Figure("offload", "%", true, s -> offload(s).map(o -> o * 100)),
            new Figure("edge hit ratio", "%", true, s -> s.edge().map(e -> e.hitRatio() * 100)),
            new Figure("players started", "", true, s -> Optional.of((double) s.players().started())),
            new Figure("video start time p50", "ms", false, s -> Optional.of(s.qoe().startupMs().p50())),
            new Figure("video start time p95", "ms", false, s -> Optional.of(s.qoe().startupMs().p95())),
            new Figure("rebuffering ratio p95", "%", false, s -> Optional.of(s.qoe().rebufferRatio().p95() * 100)),
            new Figure("aggregate rebuffering", "%", false, s -> Optional.of(s.qoe().rebufferRatioAggregate() * 100)),
            new Figure("live latency p50", "ms", false, s -> Optional.of(s.qoe().liveLatencyMs().p50())),
            new Figure("live latency p95", "ms", false, s -> Optional.of(s.qoe().liveLatencyMs().p95())),
            new Figure("average bitrate p50", "kb/s", true, s -> Optional.of(s.qoe().avgBitrateKbps().p50())),
            new Figure("average bitrate p5 (low tail)", "kb/s", true,
                    s -> s.qoe().avgBitrateKbps().lowTail().map(low -> low.p5())));

    private final Map<String, List<RunSummary>> byConfiguration;

    /** @param byConfiguration configuration label to its runs, the first configuration the reference */
    public Comparison(Map<String, List<RunSummary>> byConfiguration) {
        if (byConfiguration.isEmpty() || byConfiguration.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a comparison needs at least one run per configuration");
        }
        this.byConfiguration = new LinkedHashMap<>(byConfiguration);
    }

    /** Groups runs by a label: the edge profile when runs differ in it, else each run by its id. */
    public static Comparison of(List<RunSummary> runs) {
        boolean profilesDiffer = runs.stream().map(r -> r.edge().map(Edge::profile).orElse("no edge")).distinct().count() > 1;
        Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            String label = profilesDiffer ? r.edge().map(e -> String.valueOf(e.profile())).orElse("no edge") : r.run().runId();
            groups.computeIfAbsent(label, l -> new ArrayList<>()).add(r);
        }
        return new Comparison(groups);
    }

    public List<String> configurations() {
        return List.copyOf(byConfiguration.keySet());
    }

    public Cell cell(Figure figure, String configuration) {
        double[] values = byConfiguration.get(configuration).stream().map(figure.value())
                .flatMap(Optional::stream).mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return new Cell(Optional.empty(), 0, 0);
        }
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        return new Cell(Optional.of(median), values[values.length - 1] - values[0], values.length);
    }

    /** The change of a configuration's median against the first configuration's, as a fraction; empty when undefined. */
    public Optional<Double> delta(Figure figure, String configuration) {
        Optional<Double> reference = cell(figure, configurations().get(0)).median();
        Optional<Double> value = cell(figure, configuration).median();
        if (reference.isEmpty() || value.isEmpty() || reference.get() == 0) {
            return Optional.empty();
        }
        return Optional.of((value.get() - reference.get()) / Math.abs(reference.get()));
    }

    /** What the origin sent: to the shield when there is one, else to every edge. */
    static Optional<Double> originBytes(RunSummary s) {
        return s.edge().map(e -> e.shield().map(sh -> (double) sh.total().originBytes())
                .orElse(e.tiers().stream().mapToDouble(t -> t.total().originBytes()).sum()));
    }

    /** The share of bytes served to players that did not come from the origin. */
    static Optional<Double> offload(RunSummary s) {
        return s.edge().flatMap(e -> {
            double served = e.tiers().stream().map(EdgeTier::total).mapToDouble(CacheCounters::bytesServed).sum();
            return served == 0 ? Optional.empty() : originBytes(s).map(origin -> 1 - origin / served);
        });
    }

    /** The console table: a row per figure, a column per configuration (median, spread when repeated, delta). */
    public String table() {
        List<String> configs = configurations();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-32s", "figure"));
        for (String c : configs) {
            b.append(String.format(Locale.ROOT, " %26s", c + " (" + byConfiguration.get(c).size() + " run" + (byConfiguration.get(c).size() == 1 ? "" : "s") + ")"));
        }
        b.append('\n');
        for (Figure f : FIGURES) {
            b.append(String.format(Locale.ROOT, "%-32s", f.name() + (f.unit().isEmpty() ? "" : " " + f.unit())));
            for (int i = 0; i < configs.size(); i++) {
                b.append(String.format(Locale.ROOT, " %26s", text(f, configs.get(i), i > 0)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** A cell as text: {@code 1.02 ±0.01 (+2.0 %)}; {@code -} for a figure the run does not have. */
    public String text(Figure f, String configuration, boolean withDelta) {
        Cell cell = cell(f, configuration);
        if (cell.median().isEmpty()) {
            return "-";
        }
        StringBuilder t = new StringBuilder(number(cell.median().get()));
        if (cell.runs() > 1) {
            t.append(" ±").append(number(cell.spread() / 2));
        }
        if (withDelta) {
            delta(f, configuration).ifPresent(d -> t.append(String.format(Locale.ROOT, " (%+.1f %%)", d * 100)));
        }
        return t.toString();
    }

    static String number(double v) {
        double a = Math.abs(v);
        return a >= 100 || (v == Math.rint(v) && a >= 10 && a < 1e12) ? String.format(Locale.ROOT, "%,.0f", v) : a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The runs of one configuration, in order. */
    public List<RunSummary> runs(String configuration) {
        return List.copyOf(byConfiguration.get(configuration));
    }
}
