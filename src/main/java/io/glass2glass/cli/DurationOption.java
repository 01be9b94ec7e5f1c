package io.glass2glass.cli;

import java.time.Duration;

/** Parses the durations commands take: {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms}, or ISO-8601 ({@code PT90S}). */
final class DurationOption {

    private DurationOption() {}

    static Duration parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return positive(Duration.parse(t.toUpperCase(java.util.Locale.ROOT)), text);
            }
            if (t.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), text);
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> positive(Duration.ofSeconds(n), text);
                case 'm' -> positive(Duration.ofMinutes(n), text);
                case 'h' -> positive(Duration.ofHours(n), text);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 5m, 1h, 500ms)");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + text);
        }
        return d;
    }
}
