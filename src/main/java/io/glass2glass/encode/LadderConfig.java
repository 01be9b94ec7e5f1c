package io.glass2glass.encode;

import io.glass2glass.fixtures.Fixtures;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.Rendition;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a ladder from YAML: a name from {@code fixtures/ladders/} (bundled in the jar) or a path
 * to a file of the same form.
 *
 * <pre>
 * name: default
 * frameRate: 30
 * segmentSeconds: 2
 * x264Preset: veryfast
 * video:
 *   - {id: 720p, width: 1280, height: 720, bitrateKbps: 2800}
 * audio: {id: audio, bitrateKbps: 128, sampleRate: 48000, channels: 2}
 * </pre>
 *
 * <p>{@code passthrough: true} (default false) makes a packaging-only ladder: exactly one video
 * rung, which names the rendition the published track is packaged as ({@link Ladder#passthrough()}).
 */
public final class LadderConfig {

    private LadderConfig() {}

    /** Loads {@code nameOrPath}: an existing file path, else a bundled ladder name such as {@code default} or {@code full-hd}. */
    public static Ladder load(String nameOrPath) {
        Fixtures.Document d = Fixtures.LADDERS.read(nameOrPath);
        return parse(new java.io.ByteArrayInputStream(d.text().getBytes(StandardCharsets.UTF_8)), d.origin());
    }

    /** Parses a ladder document; {@code origin} names it in error messages. */
    public static Ladder parse(InputStream in, String origin) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(origin + ": a ladder is a YAML mapping");
        }
        try {
            List<Rendition> video = new ArrayList<>();
            for (Object o : list(root, "video")) {
                Map<?, ?> m = map(o, "video rung");
                video.add(Rendition.video(string(m, "id"), integer(m, "width"), integer(m, "height"), integer(m, "bitrateKbps")));
            }
            Rendition audio = null;
            int sampleRate = 48_000;
            int channels = 2;
            if (root.get("audio") != null) {
                Map<?, ?> a = map(root.get("audio"), "audio");
                audio = Rendition.audio(string(a, "id"), integer(a, "bitrateKbps"));
                sampleRate = a.containsKey("sampleRate") ? integer(a, "sampleRate") : sampleRate;
                channels = a.containsKey("channels") ? integer(a, "channels") : channels;
            }
            return new Ladder(string(root, "name"), number(root, "frameRate", 30), number(root, "segmentSeconds", 2), video,
                    audio, sampleRate, channels, root.get("x264Preset") == null ? "veryfast" : string(root, "x264Preset"),
                    bool(root, "passthrough"));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static List<?> list(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + key + "' must be a list");
        }
        return l;
    }

    private static Map<?, ?> map(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        return m;
    }

    private static String string(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return v.toString();
    }

    private static int integer(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number");
        }
        return n.intValue();
    }

    private static boolean bool(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("'" + key + "' must be true or false");
        }
        return b;
    }

    private static double number(Map<?, ?> m, String key, double fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' must be a number");
        }
        return n.doubleValue();
    }
}
