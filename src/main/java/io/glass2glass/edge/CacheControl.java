package io.glass2glass.edge;

import java.util.List;
import java.util.Locale;

/**
 * The response directives of {@code Cache-Control} (RFC 9111 §5.2.2) and of RFC 5861 that a shared
 * cache acts on. Durations are seconds, {@code -1} when absent.
 *
 * <p>Parsing follows RFC 9110 §5.6: a comma-separated list over all field lines, directive names
 * case-insensitive, arguments as tokens or quoted strings. The first occurrence of a directive wins
 * (RFC 9111 §4.2.1); a duration that is not a number counts as 0 (stale), one above 2^31 as 2^31
 * (RFC 9111 §1.2.2). A qualified {@code no-cache="field"} or {@code private="field"} is treated as the
 * unqualified directive: stricter, never wrong.
 */
record CacheControl(
        boolean noStore,
        boolean noCache,
        boolean isPrivate,
        boolean isPublic,
        boolean mustRevalidate,
        boolean proxyRevalidate,
        long maxAge,
        long sMaxAge,
        long staleWhileRevalidate,
        long staleIfError) {

    static final CacheControl NONE = new CacheControl(false, false, false, false, false, false, -1, -1, -1, -1);

    private static final long MAX_DELTA_SECONDS = 2_147_483_648L;

    /** The directives of every {@code Cache-Control} field line, in order. */
    static CacheControl parse(List<String> fieldLines) {
        Builder b = new Builder();
        for (String line : fieldLines) {
            parseLine(line, b);
        }
        return b.build();
    }

    /** Whether a cache must validate before reusing, and may never serve stale (RFC 9111 §4.2.4). */
    boolean forbidsStale() {
        return noCache || mustRevalidate || proxyRevalidate;
    }

    private static void parseLine(String line, Builder b) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && (line.charAt(i) == ',' || line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && line.charAt(i) != '=' && line.charAt(i) != ',') {
                i++;
            }
            String name = line.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            String argument = null;
            if (i < n && line.charAt(i) == '=') {
                i++;
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && line.charAt(i) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    while (i < n && line.charAt(i) != '"') {
                        if (line.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        quoted.append(line.charAt(i++));
                    }
                    i++;
                    argument = quoted.toString();
                    while (i < n && line.charAt(i) != ',') {
                        i++;
                    }
                } else {
                    int argStart = i;
                    while (i < n && line.charAt(i) != ',') {
                        i++;
                    }
                    argument = line.substring(argStart, i).strip();
                }
            }
            if (!name.isEmpty()) {
                b.directive(name, argument);
            }
        }
    }

    private static long seconds(String argument) {
        if (argument == null || argument.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
        }
        if (argument.length() > 10) {
            return MAX_DELTA_SECONDS;
        }
        return Math.min(Long.parseLong(argument), MAX_DELTA_SECONDS);
    }

    private static final class Builder {
        boolean noStore;
        boolean noCache;
        boolean isPrivate;
        boolean isPublic;
        boolean mustRevalidate;
        boolean proxyRevalidate;
        long maxAge = -1;
        long sMaxAge = -1;
        long staleWhileRevalidate = -1;
        long staleIfError = -1;

        void directive(String name, String argument) {
            switch (name) {
                case "no-store" -> noStore = true;
                case "no-cache" -> noCache = true;
                case "private" -> isPrivate = true;
                case "public" -> isPublic = true;
                case "must-revalidate" -> mustRevalidate = true;
                case "proxy-revalidate" -> proxyRevalidate = true;
                case "max-age" -> maxAge = maxAge >= 0 ? maxAge : seconds(argument);
                case "s-maxage" -> sMaxAge = sMaxAge >= 0 ? sMaxAge : seconds(argument);
                case "stale-while-revalidate" -> staleWhileRevalidate = staleWhileRevalidate >= 0 ? staleWhileRevalidate : seconds(argument);
                case "stale-if-error" -> staleIfError = staleIfError >= 0 ? staleIfError : seconds(argument);
                default -> {
                    // Extensions (immutable, no-transform, …) change nothing for this cache (RFC 9111 §5.2.3).
                }
            }
        }

        CacheControl build() {
            return new CacheControl(noStore, noCache, isPrivate, isPublic, mustRevalidate, proxyRevalidate,
                    maxAge, sMaxAge, staleWhileRevalidate, staleIfError);
        }
    }
}
