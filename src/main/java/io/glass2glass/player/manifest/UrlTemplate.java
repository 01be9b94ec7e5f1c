package io.glass2glass.player.manifest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SegmentTemplate URL templates (ISO/IEC 23009-1 §5.3.9.4.4): {@code $RepresentationID$},
 * {@code $Number$}, {@code $Time$} and {@code $Bandwidth$}, the numeric ones optionally with a
 * format tag such as {@code %05d}, and {@code $$} for a literal dollar sign.
 */
final class UrlTemplate {

    /** {@code %0[width]d} per the standard; i, u, x, X and o tolerated as dash.js does. */
    private static final Pattern FORMAT = Pattern.compile("%(0?)([0-9]{0,2})([diuxXo])");

    private UrlTemplate() {
    }

    /**
     * Substitutes the identifiers of {@code template}.
     *
     * @param number {@code $Number$}, or null where the identifier is not allowed (initialization)
     * @param time {@code $Time$}, or null where the identifier is not allowed
     * @throws ManifestException on an unterminated or unknown identifier, a bad format tag, or an
     *     identifier that is not allowed or has no value
     */
    static String expand(String template, String representationId, long bandwidth, Long number, Long time, String where) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('$', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf('$', open + 1);
            if (close < 0) {
                throw new ManifestException(where + ": unterminated $ identifier in " + Decimals.quote(template));
            }
            String identifier = template.substring(open + 1, close);
            int percent = identifier.indexOf('%');
            String name = percent < 0 ? identifier : identifier.substring(0, percent);
            String format = percent < 0 ? null : identifier.substring(percent);
            switch (name) {
                case "" -> out.append('$');
                case "RepresentationID" -> {
                    if (format != null) {
                        throw new ManifestException(where + ": $RepresentationID$ takes no format tag: " + Decimals.quote(template));
                    }
                    out.append(representationId);
                }
                case "Bandwidth" -> out.append(format(bandwidth, format, where));
                case "Number" -> out.append(format(required(number, name, template, where), format, where));
                case "Time" -> out.append(format(required(time, name, template, where), format, where));
                default -> throw new ManifestException(where + ": unknown identifier $" + identifier + "$ in " + Decimals.quote(template));
            }
            i = close + 1;
        }
        return out.toString();
    }

    private static long required(Long value, String name, String template, String where) {
        if (value == null) {
            throw new ManifestException(where + ": $" + name + "$ is not allowed here: " + Decimals.quote(template));
        }
        return value;
    }

    private static String format(long value, String format, String where) {
        if (format == null) {
            return Long.toString(value);
        }
        Matcher m = FORMAT.matcher(format);
        if (!m.matches()) {
            throw new ManifestException(where + ": unsupported format tag " + Decimals.quote(format));
        }
        String conversion = switch (m.group(3)) {
            case "x" -> "x";
            case "X" -> "X";
            case "o" -> "o";
            default -> "d";
        };
        int width = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
        return String.format(Locale.ROOT, width > 0 ? "%0" + width + conversion : "%" + conversion, value);
    }
}
