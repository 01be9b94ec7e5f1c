package io.glass2glass.packager.hls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Multivariant Playlist read back for assertions. {@link #parse} fails on what RFC 8216 forbids:
 * a missing EXTM3U header (§4.3.1.1), a Media Segment tag (§4.3.4), EXT-X-STREAM-INF without
 * BANDWIDTH or URI line (§4.3.4.2), an AUDIO group with no EXT-X-MEDIA of TYPE=AUDIO
 * (§4.3.4.2.1), or two DEFAULT=YES members in one group (§4.3.4.1.1).
 */
record ParsedMultivariantPlaylist(int version, boolean independentSegments, List<Map<String, String>> media, List<Variant> variants) {

    /** One EXT-X-STREAM-INF and its URI. */
    record Variant(Map<String, String> attributes, String uri) {

        long bandwidth() {
            return Long.parseLong(attributes.get("BANDWIDTH"));
        }

        long averageBandwidth() {
            return Long.parseLong(attributes.get("AVERAGE-BANDWIDTH"));
        }

        List<String> codecs() {
            return List.of(attributes.get("CODECS").split(","));
        }
    }

    static ParsedMultivariantPlaylist parse(String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals("#EXTM3U")) {
            throw new AssertionError("first line is not #EXTM3U: " + lines[0]);
        }
        int version = 1;
        boolean independent = false;
        List<Map<String, String>> media = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        Map<String, String> pending = null;
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty()) {
                continue;
            } else if (line.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(line.substring(line.indexOf(':') + 1));
            } else if (line.equals("#EXT-X-INDEPENDENT-SEGMENTS")) {
                independent = true;
            } else if (line.startsWith("#EXT-X-MEDIA:")) {
                media.add(AttributeList.parse(line.substring(line.indexOf(':') + 1)));
            } else if (line.startsWith("#EXT-X-STREAM-INF:")) {
                pending = AttributeList.parse(line.substring(line.indexOf(':') + 1));
                if (!pending.containsKey("BANDWIDTH")) {
                    throw new AssertionError("EXT-X-STREAM-INF without BANDWIDTH: " + line);
                }
            } else if (line.startsWith("#EXTINF") || line.startsWith("#EXT-X-TARGETDURATION") || line.startsWith("#EXT-X-MAP")) {
                throw new AssertionError("Media Playlist tag in a Multivariant Playlist: " + line);
            } else if (line.startsWith("#")) {
                throw new AssertionError("unexpected tag: " + line);
            } else {
                if (pending == null) {
                    throw new AssertionError("URI without EXT-X-STREAM-INF: " + line);
                }
                variants.add(new Variant(pending, line));
                pending = null;
            }
        }
        if (pending != null) {
            throw new AssertionError("EXT-X-STREAM-INF without URI at the end");
        }
        Map<String, Integer> defaults = new HashMap<>();
        for (Map<String, String> m : media) {
            if ("YES".equals(m.get("DEFAULT")) && defaults.merge(m.get("GROUP-ID"), 1, Integer::sum) > 1) {
                throw new AssertionError("two DEFAULT=YES renditions in group " + m.get("GROUP-ID"));
            }
        }
        for (Variant v : variants) {
            String group = v.attributes().get("AUDIO");
            if (group != null && media.stream().noneMatch(m -> "AUDIO".equals(m.get("TYPE")) && group.equals(m.get("GROUP-ID")))) {
                throw new AssertionError("AUDIO group " + group + " has no EXT-X-MEDIA");
            }
        }
        return new ParsedMultivariantPlaylist(version, independent, List.copyOf(media), List.copyOf(variants));
    }
}
