package io.glass2glass.edge;

import java.util.Locale;

/**
 * One satisfiable byte range of a stored representation (RFC 9110 §14.1.2), inclusive on both ends.
 *
 * <p>{@link #select} implements the server side of RFC 9110 §14.2: a {@code Range} field that is
 * absent, not understood (another unit, bad syntax) or asks for several ranges is answered with the
 * whole representation (which §14.2 allows: a server MAY ignore Range), one range is answered with 206,
 * and a range starting beyond the end (or a zero-length suffix) with 416.
 */
record ByteRange(long first, long last) {

    /** A range of the right syntax that no byte of the representation satisfies: 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of a 206 for a representation of {@code total} bytes. */
    String contentRange(long total) {
        return "bytes " + first + '-' + last + '/' + total;
    }

    /** The {@code Content-Range} value of a 416 (RFC 9110 §15.5.17). */
    static String unsatisfied(long total) {
        return "bytes */" + total;
    }

    /** The range to answer for {@code header} over {@code total} bytes, {@link #UNSATISFIABLE}, or null for the whole. */
    static ByteRange select(String header, long total) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return null;
        }
        String spec = h.substring(eq + 1).strip();
        if (spec.indexOf(',') >= 0) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        if (firstText.isEmpty()) {
            long suffix = digits(lastText);
            if (suffix < 0) {
                return null;
            }
            if (suffix == 0 || total == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Math.max(0, total - suffix), total - 1);
        }
        long first = digits(firstText);
        if (first < 0) {
            return null;
        }
        long last = total - 1;
        if (!lastText.isEmpty()) {
            long requested = digits(lastText);
            if (requested < 0 || requested < first) {
                return null;
            }
            last = Math.min(requested, total - 1);
        }
        return first >= total ? UNSATISFIABLE : new ByteRange(first, last);
    }

    /** A non-negative decimal (at most 18 digits), or -1. */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}
