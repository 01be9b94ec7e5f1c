package io.glass2glass.player.manifest;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 dates and durations as manifests carry them: HLS EXT-X-PROGRAM-DATE-TIME (RFC 8216
 * §4.3.2.6) and the MPD's xs:dateTime and xs:duration attributes (ISO/IEC 23009-1 §5.3.1.2).
 */
final class Iso8601 {

    /**
     * Date and time with an offset written {@code Z}, {@code +01:00}, {@code +0100} or {@code +01},
     * any number of fractional digits up to nanoseconds, and no offset meaning UTC (as dash.js reads
     * an xs:dateTime without a time zone).
     */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * xs:duration, fractions tolerated on every field as dash.js does; a year counts 365 days and
     * a month 30, the usual reading when a duration is not anchored to a date.
     */
    private static final Pattern DURATION = Pattern.compile(
            "(-)?P(?:([0-9.]+)Y)?(?:([0-9.]+)M)?(?:([0-9.]+)W)?(?:([0-9.]+)D)?"
                    + "(?:T(?:([0-9.]+)H)?(?:([0-9.]+)M)?(?:([0-9.]+)S)?)?");
    private static final double[] DURATION_FIELD_SECONDS = {365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1};

    private Iso8601() {
    }

    /** Milliseconds since the epoch of an ISO 8601 date and time; sub-millisecond digits are dropped. */
    static long dateTimeMillis(String value, String what) {
        try {
            return OffsetDateTime.parse(value.strip(), DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new ManifestException(what + " is not an ISO 8601 date and time: " + Decimals.quote(value), e);
        }
    }

    /** Seconds of an xs:duration such as {@code PT2S}, {@code PT1M30.5S} or {@code P1DT2H}; may be negative. */
    static double durationSeconds(String value, String what) {
        String v = value.strip();
        Matcher m = DURATION.matcher(v);
        if (!m.matches() || v.endsWith("T") || v.endsWith("P")) {
            throw new ManifestException(what + " is not an xs:duration: " + Decimals.quote(value));
        }
        double seconds = 0;
        for (int field = 0; field < DURATION_FIELD_SECONDS.length; field++) {
            String number = m.group(field + 2);
            if (number != null) {
                seconds += Decimals.nonNegative(number, what) * DURATION_FIELD_SECONDS[field];
            }
        }
        if (Double.isInfinite(seconds)) {
            throw new ManifestException(what + " is out of range: " + Decimals.quote(value));
        }
        return m.group(1) != null ? -seconds : seconds;
    }
}
