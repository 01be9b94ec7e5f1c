package io.glass2glass.calibrate;

import io.glass2glass.player.StreamFormat;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The web players a calibration plays in Chromium, from npm at the versions
 * {@code scripts/install-players.sh} pins, and the model profile each is compared with.
 *
 * @param npmPackage the npm package under {@code node_modules}
 * @param script     the build loaded by the page, relative to the package
 * @param format     the stream format it is given (Shaka plays HLS here, as in the table)
 */
public enum RealPlayer {
    HLSJS("hlsjs", "hls.js", "hls.js", "dist/hls.min.js", StreamFormat.HLS),
    DASHJS("dashjs", "dash.js", "dashjs", "dist/modern/umd/dash.all.min.js", StreamFormat.DASH),
    SHAKA("shaka", "Shaka Player", "shaka-player", "dist/shaka-player.compiled.js", StreamFormat.HLS);

    /** Where the install script puts the players unless {@code G2G_PLAYERS_DIR} says otherwise. */
    public static Path defaultDirectory() {
        String dir = System.getenv("G2G_PLAYERS_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "glass2glass", "players");
    }

    private final String id;
    private final String displayName;
    private final String npmPackage;
    private final String script;
    private final StreamFormat format;

    RealPlayer(String id, String displayName, String npmPackage, String script, StreamFormat format) {
        this.id = id;
        this.displayName = displayName;
        this.npmPackage = npmPackage;
        this.script = script;
        this.format = format;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public StreamFormat format() {
        return format;
    }

    /** The player's script in {@code dir} (an npm prefix); an error says how to install it when it is missing. */
    public Path script(Path dir) throws IOException {
        Path file = dir.resolve("node_modules").resolve(npmPackage).resolve(script);
        if (!Files.isRegularFile(file)) {
            throw new IOException(displayName + " is not installed in " + dir + " (no " + file.getFileName()
                    + "); run scripts/install-players.sh");
        }
        return file;
    }

    /** The installed version, from the package's package.json. */
    public String version(Path dir) throws IOException {
        Path manifest = dir.resolve("node_modules").resolve(npmPackage).resolve("package.json");
        return new JsonObject(Files.readString(manifest)).getString("version", "?");
    }

    /** By id ({@code hlsjs}, {@code dashjs}, {@code shaka}). */
    public static RealPlayer of(String id) {
        for (RealPlayer p : values()) {
            if (p.id.equals(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown player '" + id + "'; valid choices: "
                + Arrays.stream(values()).map(RealPlayer::id).collect(Collectors.joining(", ")));
    }
}
