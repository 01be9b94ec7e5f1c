package io.glass2glass.report;

import io.glass2glass.report.RunSummary.Distribution;
import io.glass2glass.report.RunSummary.Qoe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Formatting the figures of a {@link RunSummary} for people, shared by {@link SummaryTable} and {@link HtmlReport}. */
final class SummaryValues {

    /**
     * How one QoE distribution is shown.
     *
     * @param name     its CTA-2066 name
     * @param unit     the unit shown
     * @param scale    the factor from the stored value to the unit shown
     * @param decimals the decimals shown
     * @param metric   the distribution in the summary's QoE
     */
    record QoeRow(String name, String unit, double scale, int decimals, Function<Qoe, Distribution> metric) {

        String figure(double value) {
            return decimal(value * scale, decimals);
        }
    }

    static final List<QoeRow> QOE_ROWS = List.of(
            new QoeRow("video start time", "ms", 1, 0, Qoe::startupMs),
            new QoeRow("rebuffering ratio", "%", 100, 2, Qoe::rebufferRatio),
            new QoeRow("rebuffering count", "count", 1, 0, Qoe::rebufferCount),
            new QoeRow("rebuffering duration", "ms", 1, 0, Qoe::rebufferMs),
            new QoeRow("average bitrate", "kb/s", 1, 0, Qoe::avgBitrateKbps),
            new QoeRow("bitrate switches", "count", 1, 0, Qoe::switches),
            new QoeRow("live latency", "ms", 1, 0, Qoe::liveLatencyMs),
            new QoeRow("late segments per player", "count", 1, 0, q -> q.lateSegments().perPlayer()));

    private SummaryValues() {}

    /** Media seconds played per rendition, most played first. */
    static List<Map.Entry<String, Double>> renditionSeconds(Qoe qoe) {
        List<Map.Entry<String, Double>> seconds = new ArrayList<>(qoe.timeAtRenditionSeconds().entrySet());
        seconds.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return seconds;
    }

    /** {@code value} as one line of text, or {@code -} when there is none. */
    static String text(Object value) {
        return value == null ? "-" : value.toString().replaceAll("\\s+", " ");
    }

    /** {@code part / whole}, or zero when {@code whole} is not positive. */
    static double ratio(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    /** A fraction as a percentage with two decimals (without the sign). */
    static String percent(double fraction) {
        return decimal(fraction * 100, 2);
    }

    /** {@code value} with thousands separators and {@code decimals} decimals. */
    static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
