package io.glass2glass.http;

/** Request text (targets, decoder messages) made safe for one log line, shared by the origin and the edges. */
public final class LogText {

    private static final int MAX_LENGTH = 200;

    private LogText() {}

    /** Printable ASCII only, bounded: a hostile request cannot forge or flood log lines. */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LENGTH) + 24);
        for (int i = 0; i < s.length() && i < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > MAX_LENGTH) {
            out.append("… (").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
