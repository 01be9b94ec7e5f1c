package io.glass2glass.verdict;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One threshold of a gate file, k6-style: a figure of {@code summary.json} (a dotted path, e.g.
 * {@code qoe.rebufferRatio} or {@code cohorts.network.3g.qoe.startupMs}), a statistic of it ({@code p95},
 * {@code max}, {@code count}, {@code value} for a plain number, {@code errorRate} for a request kind), a
 * comparison, and a limit that is a number or relative to a baseline run ({@code baseline * 1.10},
 * {@code baseline + 200}, {@code baseline}).
 *
 * @param path       where the figure is in summary.json
 * @param statistic  which of its values
 * @param op         how the observed value must compare to the limit
 * @param limit      the number, or the baseline factor / offset
 * @param relative   how the limit depends on the baseline, {@link Relative#NONE} for an absolute limit
 * @param expression the expression as written, for the report
 */
public record Threshold(String path, String statistic, Op op, double limit, Relative relative, String expression) {

    /** Figure paths, statistics and the longest expression a gate file may hold: a typo is an error, not a pass. */
    static final int MAX_EXPRESSION = 200;

    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9]*)\\s*(<=|>=|==|!=|<|>)\\s*(?:(baseline)\\s*(?:([*+-])\\s*(" + Number.PATTERN + "))?|("
                    + Number.PATTERN + "))\\s*");

    /** How the limit is made from the baseline's value. */
    public enum Relative { NONE, EQUAL, TIMES, PLUS, MINUS }

    /** The comparisons of a threshold. */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(double observed, double limit) {
            return switch (this) {
                case LT -> observed < limit;
                case LE -> observed <= limit;
                case GT -> observed > limit;
                case GE -> observed >= limit;
                case EQ -> observed == limit;
                case NE -> observed != limit;
            };
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown comparison " + symbol);
        }
    }

    private static final class Number {
        static final String PATTERN = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
    }

    public Threshold {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(relative, "relative");
    }

    /**
     * Parses {@code "p95 < 0.01"} for the figure at {@code path}.
     *
     * @throws IllegalArgumentException naming the path and what is wrong
     */
    public static Threshold parse(String path, String expression) {
        if (expression == null || expression.length() > MAX_EXPRESSION) {
            throw new IllegalArgumentException(path + ": a threshold is a text of at most " + MAX_EXPRESSION + " characters");
        }
        Matcher m = EXPRESSION.matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException(path + ": '" + expression + "' is not '<statistic> <comparison> <limit>'"
                    + " (e.g. 'p95 < 0.01', 'count == 0', 'p95 < baseline * 1.10')");
        }
        String statistic = m.group(1);
        Op op = Op.of(m.group(2));
        if (m.group(3) == null) {
            return new Threshold(path, statistic, op, Double.parseDouble(m.group(6)), Relative.NONE, expression.trim());
        }
        if (m.group(4) == null) {
            return new Threshold(path, statistic, op, 0, Relative.EQUAL, expression.trim());
        }
        Relative relative = switch (m.group(4)) {
            case "*" -> Relative.TIMES;
            case "+" -> Relative.PLUS;
            default -> Relative.MINUS;
        };
        return new Threshold(path, statistic, op, Double.parseDouble(m.group(5)), relative, expression.trim());
    }

    /** Whether the limit needs a baseline run. */
    public boolean needsBaseline() {
        return relative != Relative.NONE;
    }

    /** The limit, from the baseline's value when relative; empty when relative and there is none. */
    Optional<Double> limit(Optional<Double> baseline) {
        return switch (relative) {
            case NONE -> Optional.of(limit);
            case EQUAL -> baseline;
            case TIMES -> baseline.map(b -> b * limit);
            case PLUS -> baseline.map(b -> b + limit);
            case MINUS -> baseline.map(b -> b - limit);
        };
    }

    /** {@code qoe.rebufferRatio p95 < 0.01}: the name of a test case. */
    public String name() {
        return path + " " + expression;
    }
}
