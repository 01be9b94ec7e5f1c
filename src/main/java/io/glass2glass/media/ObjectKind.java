package io.glass2glass.media;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an HTTP object of a live stream is: the one vocabulary of players, QoE, report, origin and
 * edge. Its {@link #label()}s are contracts: the {@code kind} label of the players' and the origin's
 * request metrics, the keys of {@code requests} in {@code summary.json}, the Gatling request names,
 * and the edge's object classes ({@code class} label, {@code classes} keys, profile {@code ttlSeconds} keys).
 *
 * <p>Not every user meets every value: a player requests the {@link #PLAYER_REQUESTS}; the edge knows
 * an object only by its URL path ({@link #ofPath}), which names {@link #OTHER} for what it cannot tell
 * and never tells {@link #TIME}, and counts 404/410/5xx answers under {@link #ERROR}, the class of an
 * answer rather than of an object.
 */
public enum ObjectKind {
    /** HLS multivariant playlist (RFC 8216 §4.3.4). */
    MULTIVARIANT("multivariant"),
    /** HLS media playlist, reloaded while live (RFC 8216 §6.3.4). */
    MEDIA_PLAYLIST("media_playlist"),
    /** DASH MPD, refreshed while dynamic (ISO/IEC 23009-1 §5.4). */
    MPD("mpd"),
    /** CMAF header / initialization segment (ISO/IEC 23000-19 §7.3.1). */
    INIT("init"),
    /** Media segment. */
    SEGMENT("segment"),
    /** DASH {@code UTCTiming} clock synchronisation. */
    TIME("time"),
    /** A URL path that names none of the above (an edge in front of any origin sees these). */
    OTHER("other"),
    /** Not an object: the class an edge counts a 404, 410 or 5xx answer under, whatever was asked for. */
    ERROR("error");

    /** What a player requests, in this order: the {@code requests} of {@code summary.json}, the Gatling request names. */
    public static final List<ObjectKind> PLAYER_REQUESTS = List.of(MULTIVARIANT, MEDIA_PLAYLIST, MPD, INIT, SEGMENT, TIME);

    private static final Set<String> MULTIVARIANT_NAMES = Set.of("master.m3u8", "main.m3u8", "index.m3u8", "playlist.m3u8");
    private static final Set<String> FMP4_EXTENSIONS = Set.of("mp4", "m4s", "m4a", "m4v", "cmfv", "cmfa");
    private static final Set<String> SEGMENT_EXTENSIONS = Set.of("m4s", "mp4", "ts", "m4a", "m4v", "aac", "vtt", "cmfv", "cmfa");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    /** The label used in metric labels, file names, JSON and profile keys and Gatling request names. */
    public String label() {
        return label;
    }

    /** The kind whose {@link #label()} is {@code label}, ignoring case. */
    public static ObjectKind ofLabel(String label) {
        for (ObjectKind kind : values()) {
            if (kind.label.equalsIgnoreCase(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown object kind '" + label + "'");
    }

    /**
     * The kind of the object at {@code path} (a URL path; a query string is ignored), judged from its
     * last segment alone (case-insensitive), so that it works in front of any HLS/DASH origin:
     * <ul>
     *   <li>{@code *.mpd} is {@link #MPD};</li>
     *   <li>{@code *.m3u8} is {@link #MULTIVARIANT} when the file is {@code master}, {@code main},
     *       {@code index} or {@code playlist.m3u8} or its name contains {@code master}, else
     *       {@link #MEDIA_PLAYLIST} (RFC 8216 does not name either, these are the common spellings);</li>
     *   <li>{@code *.m4i}, and any fMP4 file ({@code .mp4 .m4s .m4a .m4v .cmfv .cmfa}) whose name contains
     *       {@code init}, is {@link #INIT} (the CMAF header, ISO/IEC 23000-19 §7.3.2.1);</li>
     *   <li>{@code .m4s .mp4 .ts .m4a .m4v .aac .vtt .cmfv .cmfa} is {@link #SEGMENT};</li>
     *   <li>anything else is {@link #OTHER}: never {@link #TIME}, a clock URL has no telling name,
     *       and never {@link #ERROR}.</li>
     * </ul>
     */
    public static ObjectKind ofPath(String path) {
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
