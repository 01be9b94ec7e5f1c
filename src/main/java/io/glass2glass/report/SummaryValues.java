package io.glass2glass.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading and formatting the figures of a {@code summary.json} for people, shared by
 * {@link SummaryTable} and {@link HtmlReport}; a missing field reads as zero or {@code -}, so an older
 * or partial summary still renders.
 */
final class SummaryValues {

    /**
     * How one QoE distribution of {@code qoe} is shown.
     *
     * @param key      its key under {@code qoe}
     * @param name     its CTA-2066 name
     * @param unit     the unit shown
     * @param scale    the factor from the stored value to the unit shown
     * @param decimals the decimals shown
     */
    record QoeRow(String key, String name, String unit, double scale, int decimals) {

        String figure(JsonObject distribution, String statistic) {
            return decimal(value(distribution, statistic) * scale, decimals);
        }
    }

    static final List<QoeRow> QOE_ROWS = List.of(
            new QoeRow("startupMs", "video start time", "ms", 1, 0),
            new QoeRow("rebufferRatio", "rebuffering ratio", "%", 100, 2),
            new QoeRow("rebufferCount", "rebuffering count", "count", 1, 0),
            new QoeRow("rebufferMs", "rebuffering duration", "ms", 1, 0),
            new QoeRow("avgBitrateKbps", "average bitrate", "kb/s", 1, 0),
            new QoeRow("switches", "bitrate switches", "count", 1, 0),
            new QoeRow("liveLatencyMs", "live latency", "ms", 1, 0),
            new QoeRow("lateSegments", "late segments per player", "count", 1, 0));

    private SummaryValues() {}

    /** Media seconds played per rendition ({@code qoe.timeAtRenditionSeconds}), most played first. */
    static List<Map.Entry<String, Double>> renditionSeconds(JsonObject qoe) {
        List<Map.Entry<String, Double>> seconds = new ArrayList<>();
        for (Map.Entry<String, Object> e : object(qoe, "timeAtRenditionSeconds")) {
            seconds.add(Map.entry(e.getKey(), e.getValue() instanceof Number n ? n.doubleValue() : 0.0));
        }
        seconds.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return seconds;
    }

    /** The object at {@code key}, or an empty one. */
    static JsonObject object(JsonObject parent, String key) {
        return parent.getValue(key) instanceof JsonObject o ? o : new JsonObject();
    }

    /** The value at {@code key} as one line of text, or {@code -}. */
    static String text(JsonObject parent, String key) {
        Object value = parent.getValue(key);
        return value == null ? "-" : value.toString().replaceAll("\\s+", " ");
    }

    /** The number at {@code key}, or zero. */
    static double value(JsonObject parent, String key) {
        return parent.getValue(key) instanceof Number n ? n.doubleValue() : 0;
    }

    /** The number at {@code key} with thousands separators and {@code decimals} decimals. */
    static String number(JsonObject parent, String key, int decimals) {
        return decimal(value(parent, key), decimals);
    }

    /** {@code part / whole}, or zero when {@code whole} is not positive. */
    static double ratio(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    /** A fraction as a percentage with two decimals (without the sign). */
    static String percent(double fraction) {
        return decimal(fraction * 100, 2);
    }

    static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
