package io.glass2glass.edge;

import java.util.Locale;
import java.util.Set;

/**
 * What a cached object is to a player, judged from its URL path alone, so that an edge in front of
 * any HLS/DASH origin can count and tune playlists, headers and segments apart.
 *
 * <p>Rules of {@link #of(String)}, on the last path segment (case-insensitive, query ignored):
 * <ul>
 *   <li>{@code *.mpd} is {@link #MPD};</li>
 *   <li>{@code *.m3u8} is {@link #MULTIVARIANT} when the file is {@code master}, {@code main},
 *       {@code index} or {@code playlist.m3u8} or its name contains {@code master}, else
 *       {@link #MEDIA_PLAYLIST} (RFC 8216 does not name either, these are the common spellings);</li>
 *   <li>{@code *.m4i}, and any fMP4 file ({@code .mp4 .m4s .m4a .m4v .cmfv .cmfa}) whose name contains
 *       {@code init}, is {@link #INIT} (the CMAF header, ISO/IEC 23000-19 §7.3.2.1);</li>
 *   <li>{@code .m4s .mp4 .ts .m4a .m4v .aac .vtt .cmfv .cmfa} is {@link #SEGMENT};</li>
 *   <li>anything else is {@link #OTHER}.</li>
 * </ul>
 * {@link #ERROR} is never a URL's class: it is the class of 404/410/5xx answers, whatever was asked for.
 */
public enum ObjectClass {
    MULTIVARIANT("multivariant"),
    MEDIA_PLAYLIST("media_playlist"),
    MPD("mpd"),
    INIT("init"),
    SEGMENT("segment"),
    OTHER("other"),
    ERROR("error");

    private static final Set<String> MULTIVARIANT_NAMES = Set.of("master.m3u8", "main.m3u8", "index.m3u8", "playlist.m3u8");
    private static final Set<String> FMP4_EXTENSIONS = Set.of("mp4", "m4s", "m4a", "m4v", "cmfv", "cmfa");
    private static final Set<String> SEGMENT_EXTENSIONS = Set.of("m4s", "mp4", "ts", "m4a", "m4v", "aac", "vtt", "cmfv", "cmfa");

    private final String label;

    ObjectClass(String label) {
        this.label = label;
    }

    /** The Prometheus label value and the key in profiles and JSON. */
    public String label() {
        return label;
    }

    /** The class whose {@link #label()} is {@code label}, ignoring case. */
    public static ObjectClass ofLabel(String label) {
        for (ObjectClass c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown object class '" + label + "'");
    }

    /** The class of the object at {@code path} (a URL path, a query string is ignored). */
    public static ObjectClass of(String path) {
        if (path == null) {
            return OTHER;
        }
        int query = path.indexOf('?');
        String p = query < 0 ? path : path.substring(0, query);
        String file = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return OTHER;
        }
        String extension = file.substring(dot + 1);
        switch (extension) {
            case "mpd":
                return MPD;
            case "m3u8":
                return MULTIVARIANT_NAMES.contains(file) || file.contains("master") ? MULTIVARIANT : MEDIA_PLAYLIST;
            case "m4i":
                return INIT;
            default:
                break;
        }
        if (FMP4_EXTENSIONS.contains(extension) && file.substring(0, dot).contains("init")) {
            return INIT;
        }
        return SEGMENT_EXTENSIONS.contains(extension) ? SEGMENT : OTHER;
    }
}
