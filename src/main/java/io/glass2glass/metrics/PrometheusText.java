package io.glass2glass.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a Prometheus text exposition (format 0.0.4): families with HELP/TYPE, labels escaped.
 *
 * <p>A family declared again (several streams' encoders each writing theirs) is continued, not
 * repeated: the format wants each family's lines together, under one HELP and TYPE.
 */
public final class PrometheusText {

    private final Map<String, StringBuilder> families = new LinkedHashMap<>();
    private StringBuilder out = new StringBuilder();

    /** Starts (or continues) a metric family; {@code type} is counter, gauge, histogram, summary or untyped. */
    public PrometheusText family(String name, String type, String help) {
        out = families.computeIfAbsent(name, n -> new StringBuilder(256)
                .append("# HELP ").append(n).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n')
                .append("# TYPE ").append(n).append(' ').append(type).append('\n'));
        return this;
    }

    /** A sample of the family declared last. */
    public PrometheusText sample(String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    public PrometheusText sample(String name, double value) {
        return sample(name, Map.of(), value);
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public String toString() {
        if (families.isEmpty()) {
            return out.toString(); // samples without a family
        }
        StringBuilder all = new StringBuilder(4096);
        families.values().forEach(all::append);
        return all.toString();
    }
}
