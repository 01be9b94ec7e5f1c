package io.glass2glass.player.manifest;

/**
 * The lines of an M3U8 playlist (RFC 8216 §4.1) that carry something, one at a time with their
 * line number: CR LF, CR and LF all end a line, a leading byte order mark is skipped, whitespace
 * around a line is trimmed, and blank lines and comments ({@code #} not followed by {@code EXT}) are
 * passed over. Lines are not collected, so a huge run of blank lines costs no memory.
 */
final class PlaylistLines {

    private final String text;
    private int position;
    private int lineNumber;
    private int nextLineNumber = 1;

    private PlaylistLines(String text) {
        this.text = text;
    }

    /**
     * Reads the header: the text must be within {@link ManifestLimits} and its first line (after
     * any blank lines) must be {@code #EXTM3U} (§4.3.1.1).
     */
    static PlaylistLines open(String text) {
        ManifestLimits.checkText(text, "playlist");
        PlaylistLines lines = new PlaylistLines(text.startsWith("\uFEFF") ? text.substring(1) : text);
        String first = lines.nextRaw();
        if (first == null) {
            throw new ManifestException("empty playlist");
        }
        if (!first.startsWith("#EXTM3U")) {
            throw new ManifestException("line " + lines.lineNumber + ": not an HLS playlist: the first line must be #EXTM3U, found "
                    + Decimals.quote(first));
        }
        return lines;
    }

    /** The next tag or URI line, trimmed, or null at the end. */
    String next() {
        String line;
        do {
            line = nextRaw();
        } while (line != null && line.startsWith("#") && !line.startsWith("#EXT"));
        return line;
    }

    /** Number (from 1) of the line last returned. */
    int lineNumber() {
        return lineNumber;
    }

    private String nextRaw() {
        while (position < text.length()) {
            int start = position;
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            position = end;
            if (position < text.length() && text.charAt(position) == '\r') {
                position++;
            }
            if (position < text.length() && text.charAt(position) == '\n' && (position == end || text.charAt(position - 1) == '\r')) {
                position++;
            }
            lineNumber = nextLineNumber++;
            String line = text.substring(start, end).strip();
            if (!line.isEmpty()) {
                return line;
            }
        }
        return null;
    }
}
