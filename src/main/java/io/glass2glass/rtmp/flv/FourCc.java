package io.glass2glass.rtmp.flv;

import java.util.Map;

/**
 * A FourCC of an Enhanced RTMP extended header (Veovera "Enhanced RTMP" v1/v2, "ExVideoTagHeader"
 * and "ExAudioTagHeader"), as read from the 4 bytes after the header byte, with the codec name a
 * publisher would recognise.
 */
record FourCc(int value) {

    private static final Map<String, String> CODEC_NAMES = Map.ofEntries(
            Map.entry("avc1", "H.264"),
            Map.entry("hvc1", "HEVC"),
            Map.entry("av01", "AV1"),
            Map.entry("vp08", "VP8"),
            Map.entry("vp09", "VP9"),
            Map.entry("vvc1", "VVC"),
            Map.entry("Opus", "Opus"),
            Map.entry("ac-3", "AC-3"),
            Map.entry("ec-3", "E-AC-3"),
            Map.entry("fLaC", "FLAC"),
            Map.entry(".mp3", "MP3"),
            Map.entry("mp4a", "AAC"));

    /** The big-endian FourCC at {@code offset}; the caller has checked that 4 bytes are there. */
    static FourCc read(byte[] payload, int offset) {
        return new FourCc((payload[offset] & 0xFF) << 24 | (payload[offset + 1] & 0xFF) << 16
                | (payload[offset + 2] & 0xFF) << 8 | payload[offset + 3] & 0xFF);
    }

    /** The four characters when all are printable ASCII, otherwise {@code 0x} and eight hex digits. */
    String text() {
        StringBuilder text = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (value >>> shift) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return String.format("0x%08x", value);
            }
            text.append((char) c);
        }
        return text.toString();
    }

    /** E.g. {@code hvc1 (HEVC)}, or just the text for a FourCC we have no name for. */
    String describe() {
        String text = text();
        String codec = CODEC_NAMES.get(text);
        return codec == null ? text : text + " (" + codec + ")";
    }
}
