package io.glass2glass.scenario;

import io.glass2glass.player.PlayerGroup;
import io.glass2glass.player.Stage;
import io.glass2glass.player.StreamFormat;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A player group as a scenario file writes it, before it knows its URLs: the pipeline's edges or
 * origin for {@code run}, the target for {@code load}.
 *
 * @param format {@code auto} (from the URL: HLS for the embedded pipeline), {@code hls} or {@code dash}
 * @param via    {@code run}: {@link Via#EDGE} (spread over the edges, the origin when there is none) or {@link Via#ORIGIN}
 */
public record GroupSpec(String name, List<Stage> stages, String network, String abr, String format, double sessionSeconds, Via via) {

    /** Where {@code run} sends a group's players. */
    public enum Via {
        EDGE,
        ORIGIN
    }

    public GroupSpec {
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
        format = format.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "hls", "dash").contains(format)) {
            throw new IllegalArgumentException("group " + name + ": format must be auto, hls or dash: " + format);
        }
        Objects.requireNonNull(via, "via");
    }

    /** The format players use on {@code targets}. */
    public StreamFormat streamFormat(URI target) {
        return switch (format) {
            case "hls" -> StreamFormat.HLS;
            case "dash" -> StreamFormat.DASH;
            default -> StreamFormat.of(target);
        };
    }

    /** The group with its URLs. */
    public PlayerGroup toPlayerGroup(List<URI> targets) {
        return new PlayerGroup(name, stages, network, abr, streamFormat(targets.get(0)), sessionSeconds, targets);
    }
}
