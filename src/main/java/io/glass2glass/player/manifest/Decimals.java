package io.glass2glass.player.manifest;

import java.util.regex.Pattern;

/**
 * Numbers as manifests write them (RFC 8216 §4.2 decimal-integer and decimal-floating-point, XML
 * Schema integers and decimals), parsed without the leniency of {@link Double#parseDouble} (which
 * takes "NaN", "1f" or hexadecimal) and with a {@link ManifestException} naming {@code what} instead
 * of a {@link NumberFormatException}.
 */
final class Decimals {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern FLOATING = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private Decimals() {
    }

    /** A non-negative integer, an optional leading {@code +} tolerated. */
    static long unsigned(String value, String what) {
        long n = signed(value, what);
        if (n < 0) {
            throw new ManifestException(what + " must not be negative: " + quote(value));
        }
        return n;
    }

    /** An integer with an optional sign. */
    static long signed(String value, String what) {
        String v = value.strip();
        if (!INTEGER.matcher(v).matches()) {
            throw new ManifestException(what + " is not an integer: " + quote(value));
        }
        try {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new ManifestException(what + " is out of range: " + quote(value), e);
        }
    }

    /** A non-negative integer that must fit an {@code int}, such as a width or a sampling rate. */
    static int unsignedInt(String value, String what) {
        long n = unsigned(value, what);
        if (n > Integer.MAX_VALUE) {
            throw new ManifestException(what + " is out of range: " + quote(value));
        }
        return (int) n;
    }

    /** A finite decimal number, exponent allowed. */
    static double floating(String value, String what) {
        String v = value.strip();
        if (!FLOATING.matcher(v).matches()) {
            throw new ManifestException(what + " is not a decimal number: " + quote(value));
        }
        double d = Double.parseDouble(v);
        if (Double.isInfinite(d)) {
            throw new ManifestException(what + " is out of range: " + quote(value));
        }
        return d;
    }

    /** A finite decimal number that is not negative. */
    static double nonNegative(String value, String what) {
        double d = floating(value, what);
        if (d < 0) {
            throw new ManifestException(what + " must not be negative: " + quote(value));
        }
        return d;
    }

    /** A value quoted for an error message, shortened so that a huge value cannot flood a log. */
    static String quote(String value) {
        String v = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return '\'' + v + '\'';
    }
}
