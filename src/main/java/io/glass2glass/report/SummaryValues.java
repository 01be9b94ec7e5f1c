package io.glass2glass.report;

import io.glass2glass.qoe.QoeRecorders;
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
     * @param name       its CTA-2066 name
     * @param unit       the unit shown
     * @param scale      the factor from the stored value to the unit shown
     * @param decimals   the decimals shown
     * @param metricName the metric's name in {@link QoeRecorders}, which says whether more is better
     * @param metric     the distribution in the summary's QoE
     */
    record QoeRow(String name, String unit, double scale, int decimals, String metricName,
            Function<Qoe, Distribution> metric) {

        String figure(double value) {
            return decimal(value * scale, decimals);
        }

        /** Whether more is better, so the low tail is shown too (unknown when the file predates it). */
        boolean higherIsBetter() {
            return QoeRecorders.higherIsBetter(metricName);
        }

        /** The name of its low-tail row. */
        String lowTailName() {
            return name + " (low tail)";
        }
    }

    static final List<QoeRow> QOE_ROWS = List.of(
            new QoeRow("video start time", "ms", 1, 0, QoeRecorders.STARTUP_MS, Qoe::startupMs),
            new QoeRow("rebuffering ratio", "%", 100, 2, QoeRecorders.REBUFFER_RATIO, Qoe::rebufferRatio),
            new QoeRow("rebuffering count", "count", 1, 0, QoeRecorders.REBUFFER_COUNT, Qoe::rebufferCount),
            new QoeRow("rebuffering duration", "ms", 1, 0, QoeRecorders.REBUFFER_MS, Qoe::rebufferMs),
            new QoeRow("average bitrate", "kb/s", 1, 0, QoeRecorders.AVG_BITRATE_KBPS, Qoe::avgBitrateKbps),
            new QoeRow("bitrate switches", "count", 1, 0, QoeRecorders.SWITCHES, Qoe::switches),
            new QoeRow("live latency", "ms", 1, 0, QoeRecorders.LIVE_LATENCY_MS, Qoe::liveLatencyMs),
            new QoeRow("late segments per player", "count", 1, 0, QoeRecorders.LATE_SEGMENTS,
                    q -> q.lateSegments().perPlayer()));

    /** The rows whose low tail is shown, in table order. */
    static final List<QoeRow> LOW_TAIL_ROWS = QOE_ROWS.stream().filter(QoeRow::higherIsBetter).toList();

    /** Said instead of the low tail of a summary.json written before it was recorded. */
    static final String NO_LOW_TAIL = "unknown: this summary.json predates the low tail";

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
