package io.glass2glass.player;

import java.net.URI;
import java.util.Locale;

/** The two live streaming formats a player speaks. */
public enum StreamFormat {
    HLS,
    DASH;

    /** Guesses from the URL's path: {@code .mpd} is DASH, anything else HLS (as {@code .m3u8} endpoints rarely lie). */
    public static StreamFormat of(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        return path.endsWith(".mpd") ? DASH : HLS;
    }
}
