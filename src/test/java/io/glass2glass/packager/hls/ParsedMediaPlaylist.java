package io.glass2glass.packager.hls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A live Media Playlist read back for assertions. {@link #parse} fails on what RFC 8216 forbids:
 * a missing EXTM3U header (§4.3.1.1), a missing or repeated EXT-X-TARGETDURATION (§4.3.3.1), a
 * Media Playlist tag after the first segment (§4.3.3), an EXTINF without URI (§4.3.2.1), an
 * EXTINF that rounds above the target duration (§4.3.3.1), EXT-X-MAP below version 6 (§4.3.2.5, §7)
 * or an EXT-X-ENDLIST in a live playlist (§6.2.2).
 */
record ParsedMediaPlaylist(
        int version,
        int targetDuration,
        long mediaSequence,
        long discontinuitySequence,
        String mapUri,
        boolean independentSegments,
        List<Entry> segments) {

    /** One listed segment. {@code extinf} keeps the duration as written. */
    record Entry(String uri, String extinf, Instant programDateTime, boolean discontinuity) {

        double durationSeconds() {
            return Double.parseDouble(extinf);
        }
    }

    double totalSeconds() {
        return segments.stream().mapToDouble(Entry::durationSeconds).sum();
    }

    List<String> uris() {
        return segments.stream().map(Entry::uri).toList();
    }

    static ParsedMediaPlaylist parse(String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals("#EXTM3U")) {
            throw new AssertionError("first line is not #EXTM3U: " + lines[0]);
        }
        int version = 1;
        Integer targetDuration = null;
        long mediaSequence = 0;
        long discontinuitySequence = 0;
        String mapUri = null;
        boolean independent = false;
        List<Entry> segments = new ArrayList<>();
        String extinf = null;
        Instant pdt = null;
        boolean discontinuity = false;
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n];
            boolean segmentsStarted = !segments.isEmpty() || extinf != null;
            if (line.isEmpty()) {
                continue;
            } else if (line.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(value(line));
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                if (targetDuration != null || segmentsStarted) {
                    throw new AssertionError("EXT-X-TARGETDURATION repeated or after a segment, line " + n);
                }
                targetDuration = Integer.parseInt(value(line));
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                requireBeforeSegments(segmentsStarted, line);
                mediaSequence = Long.parseLong(value(line));
            } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                requireBeforeSegments(segmentsStarted, line);
                discontinuitySequence = Long.parseLong(value(line));
            } else if (line.equals("#EXT-X-INDEPENDENT-SEGMENTS")) {
                independent = true;
            } else if (line.startsWith("#EXT-X-MAP:")) {
                mapUri = AttributeList.parse(value(line)).get("URI");
            } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pdt = Instant.parse(value(line));
            } else if (line.startsWith("#EXTINF:")) {
                String value = value(line);
                if (!value.endsWith(",")) {
                    throw new AssertionError("EXTINF without the comma before its title: " + line);
                }
                extinf = value.substring(0, value.length() - 1);
            } else if (line.equals("#EXT-X-ENDLIST")) {
                throw new AssertionError("a live playlist must not end");
            } else if (line.startsWith("#")) {
                throw new AssertionError("unexpected tag: " + line);
            } else {
                if (extinf == null) {
                    throw new AssertionError("URI without EXTINF: " + line);
                }
                segments.add(new Entry(line, extinf, pdt, discontinuity));
                extinf = null;
                pdt = null;
                discontinuity = false;
            }
        }
        if (extinf != null) {
            throw new AssertionError("EXTINF without URI at the end");
        }
        if (targetDuration == null) {
            throw new AssertionError("no EXT-X-TARGETDURATION");
        }
        if (mapUri != null && version < 6) {
            throw new AssertionError("EXT-X-MAP needs version 6, playlist declares " + version);
        }
        for (Entry e : segments) {
            if (Math.round(e.durationSeconds()) > targetDuration) {
                throw new AssertionError("EXTINF " + e.extinf() + " of " + e.uri() + " rounds above target duration " + targetDuration);
            }
        }
        return new ParsedMediaPlaylist(
                version, targetDuration, mediaSequence, discontinuitySequence, mapUri, independent, List.copyOf(segments));
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1);
    }

    private static void requireBeforeSegments(boolean segmentsStarted, String line) {
        if (segmentsStarted) {
            throw new AssertionError("must precede the first segment: " + line);
        }
    }
}
