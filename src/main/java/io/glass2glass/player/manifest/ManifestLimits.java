package io.glass2glass.player.manifest;

/**
 * How much a manifest may hold before the parsers refuse it, so that a broken or hostile server
 * cannot make a virtual player allocate without bound.
 */
public final class ManifestLimits {

    /** Largest manifest text accepted, in UTF-8 bytes (8 MiB). */
    public static final int MAX_TEXT_BYTES = 8 * 1024 * 1024;
    /**
     * Most segments one HLS media playlist or one DASH SegmentTimeline may list (repeats
     * included), and most variants, renditions or Representations one manifest may declare.
     */
    public static final int MAX_ENTRIES = 100_000;

    private ManifestLimits() {
    }

    /** Refuses a null text or one over {@link #MAX_TEXT_BYTES}; {@code what} names the document. */
    static void checkText(String text, String what) {
        if (text == null) {
            throw new ManifestException(what + ": no text");
        }
        // every char encodes to at most 3 UTF-8 bytes, so most texts need no exact count
        if (text.length() > MAX_TEXT_BYTES || (text.length() > MAX_TEXT_BYTES / 3 && utf8Length(text) > MAX_TEXT_BYTES)) {
            throw new ManifestException(what + " is larger than " + MAX_TEXT_BYTES + " bytes");
        }
    }

    /** Refuses the {@code count}-th entry of a kind once it goes over {@link #MAX_ENTRIES}. */
    static void checkCount(long count, String what) {
        if (count > MAX_ENTRIES) {
            throw new ManifestException("more than " + MAX_ENTRIES + " " + what);
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
