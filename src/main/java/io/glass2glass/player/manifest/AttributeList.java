package io.glass2glass.player.manifest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HLS attribute-list (RFC 8216 §4.2): comma-separated {@code NAME=value} pairs whose values are
 * quoted-strings (which may hold commas), hexadecimal sequences, decimal integers and floats,
 * decimal resolutions or enumerated strings. Values are kept as written (quotes removed) and read
 * through the typed accessors, which report the line on error.
 */
final class AttributeList {

    private final Map<String, String> values;
    private final String tag;
    private final int line;

    private AttributeList(Map<String, String> values, String tag, int line) {
        this.values = values;
        this.tag = tag;
        this.line = line;
    }

    /**
     * Parses the text after {@code TAG:}. Whitespace around names and unquoted values is tolerated;
     * when a name repeats, the last value wins.
     */
    static AttributeList parse(String text, String tag, int line) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                if (text.substring(i).isBlank()) {
                    break;
                }
                throw new ManifestException(where(tag, line) + "attribute without a value: " + Decimals.quote(text.substring(i).strip()));
            }
            String name = text.substring(i, equals).strip();
            if (name.isEmpty() || name.indexOf(',') >= 0) {
                throw new ManifestException(where(tag, line) + "malformed attribute list: " + Decimals.quote(text));
            }
            int start = equals + 1;
            while (start < n && text.charAt(start) == ' ') {
                start++;
            }
            String value;
            if (start < n && text.charAt(start) == '"') {
                int close = text.indexOf('"', start + 1);
                if (close < 0) {
                    throw new ManifestException(where(tag, line) + "unterminated quoted-string in attribute " + name);
                }
                value = text.substring(start + 1, close);
                i = close + 1;
                while (i < n && text.charAt(i) != ',') {
                    if (text.charAt(i) != ' ') {
                        throw new ManifestException(where(tag, line) + "unexpected text after the quoted value of " + name);
                    }
                    i++;
                }
            } else {
                int comma = text.indexOf(',', start);
                int end = comma < 0 ? n : comma;
                value = text.substring(start, end).strip();
                i = end;
            }
            values.put(name, value);
            i++;
        }
        return new AttributeList(values, tag, line);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** A string value (quoted-string or enumerated), or {@code fallback} if absent. */
    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A value the tag cannot do without. */
    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new ManifestException(where() + "missing required attribute " + name);
        }
        return value;
    }

    /** A decimal-integer, or {@code fallback} if absent. */
    long decimalInteger(String name, long fallback) {
        String value = values.get(name);
        return value == null ? fallback : Decimals.unsigned(value, where() + name);
    }

    /** A decimal-floating-point that must not be negative, or {@code fallback} if absent. */
    double decimalFloat(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Decimals.nonNegative(value, where() + name);
    }

    /** A decimal-resolution {@code WIDTHxHEIGHT} as {@code {width, height}}, or {0, 0} if absent. */
    int[] resolution(String name) {
        String value = values.get(name);
        if (value == null) {
            return new int[] {0, 0};
        }
        int x = value.toLowerCase(Locale.ROOT).indexOf('x');
        if (x < 0) {
            throw new ManifestException(where() + name + " is not a decimal-resolution WIDTHxHEIGHT: " + Decimals.quote(value));
        }
        return new int[] {
            Decimals.unsignedInt(value.substring(0, x), where() + name + " width"),
            Decimals.unsignedInt(value.substring(x + 1), where() + name + " height")
        };
    }

    /** An enumerated-string YES or NO (case-insensitive, as players read it), or {@code fallback} if absent. */
    boolean yesNo(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "YES" -> true;
            case "NO" -> false;
            default -> throw new ManifestException(where() + name + " must be YES or NO: " + Decimals.quote(value));
        };
    }

    /** Prefix for messages: {@code "line 12: EXT-X-STREAM-INF "}. */
    String where() {
        return where(tag, line);
    }

    private static String where(String tag, int line) {
        return "line " + line + ": " + tag + " ";
    }
}
