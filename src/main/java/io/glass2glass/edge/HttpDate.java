package io.glass2glass.edge;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** HTTP-date (RFC 9110 §5.6.7): IMF-fixdate out, IMF-fixdate and the two obsolete forms in. */
final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ENGLISH);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    private HttpDate() {}

    static String format(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Seconds since the epoch, or {@code Long.MIN_VALUE} when {@code value} is absent or not an HTTP-date. */
    static long parseSeconds(String value) {
        if (value == null) {
            return Long.MIN_VALUE;
        }
        String v = value.strip();
        try {
            return IMF_FIXDATE.parse(v, Instant::from).getEpochSecond();
        } catch (DateTimeParseException e) {
            // fall through to the obsolete forms
        }
        try {
            LocalDateTime t = LocalDateTime.parse(v, RFC_850);
            // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
            int year = t.get(ChronoField.YEAR);
            int thisYear = LocalDateTime.now(ZoneOffset.UTC).getYear();
            if (year > thisYear + 50) {
                t = t.minusYears(100);
            }
            return t.toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(v, ASCTIME).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
