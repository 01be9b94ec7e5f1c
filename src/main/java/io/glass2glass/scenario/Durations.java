package io.glass2glass.scenario;

import java.time.Duration;
import java.util.Locale;

/** The durations commands and scenario files take: {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms}, ISO-8601 ({@code PT90S}). */
public final class Durations {

    private Durations() {}

    /** A positive duration. */
    public static Duration parse(String text) {
        Duration d = parseOrZero(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + text);
        }
        return d;
    }

    /** A duration that may be 0 ({@code 0}, {@code 0s}): a time on a timeline. */
    public static Duration parseOrZero(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.matches("0+")) {
                d = Duration.ZERO;
            } else if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new IllegalArgumentException();
                };
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 5m, 1h, 500ms)");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + text);
        }
        return d;
    }
}
