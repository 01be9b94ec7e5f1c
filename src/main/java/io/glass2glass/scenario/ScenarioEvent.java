package io.glass2glass.scenario;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a scenario's timeline, {@code at} after the players' start.
 *
 * @param at       when it begins, from the players' start
 * @param duration how long it lasts; empty for an instant event ({@code publisher-restart}) or an
 *                 {@code edge-down} that lasts to the end of the run
 * @param edge     {@code edge-down}: which edge, 1-based as the report names them ({@code edge-1})
 * @param group    {@code network}: the player group whose links switch ({@code *}: all)
 * @param network  {@code network}: the profile they switch to
 * @param gap      {@code publisher-restart}: how long the publisher stays away before it reconnects
 */
public record ScenarioEvent(Type type, Duration at, Optional<Duration> duration, int edge, String group, String network,
        Duration gap) {

    /** What happens. */
    public enum Type {
        /** The origin refuses connections. */
        ORIGIN_OUTAGE("origin-outage", true, true),
        /** The origin answers 503 to everything. */
        ORIGIN_ERRORS("origin-errors", true, true),
        /** The RTMP publisher drops and reconnects. */
        PUBLISHER_RESTART("publisher-restart", true, false),
        /** No new segments. */
        ENCODER_STALL("encoder-stall", true, true),
        /** One edge stops; its players get errors. */
        EDGE_DOWN("edge-down", true, false),
        /** A group's links follow another profile. */
        NETWORK("network", false, true);

        private final String label;
        private final boolean pipeline;
        private final boolean needsDuration;

        Type(String label, boolean pipeline, boolean needsDuration) {
            this.label = label;
            this.pipeline = pipeline;
            this.needsDuration = needsDuration;
        }

        public String label() {
            return label;
        }

        /** Whether it acts on the embedded pipeline (so only {@code run} can play it). */
        public boolean actsOnPipeline() {
            return pipeline;
        }

        public static Type of(String label) {
            return Arrays.stream(values()).filter(t -> t.label.equals(label.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown event '" + label + "'; known: "
                            + String.join(", ", Arrays.stream(values()).map(Type::label).toList())));
        }
    }

    public ScenarioEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(gap, "gap");
        if (type.needsDuration && duration.isEmpty()) {
            throw new IllegalArgumentException(type.label + " needs a duration ('for: 10s')");
        }
        if (type == Type.EDGE_DOWN && edge < 1) {
            throw new IllegalArgumentException("edge-down needs the edge's number ('edge: 1' is the first)");
        }
        if (type == Type.NETWORK && (network == null || network.isBlank())) {
            throw new IllegalArgumentException("network needs the profile the links switch to ('profile: 3g')");
        }
    }

    /** The end, from the players' start; empty when it lasts to the end of the run or is instant. */
    public Optional<Duration> end() {
        return duration.map(at::plus);
    }

    /** One line for events.jsonl and the console, e.g. {@code origin-outage for 8 s}. */
    public String describe() {
        String what = switch (type) {
            case EDGE_DOWN -> "edge-" + edge + " down";
            case NETWORK -> "group " + group + " on " + network;
            case PUBLISHER_RESTART -> "the RTMP publisher drops" + (gap.isZero() ? " and reconnects" : " and reconnects after "
                    + seconds(gap));
            case ORIGIN_OUTAGE -> "the origin refuses connections";
            case ORIGIN_ERRORS -> "the origin answers 503";
            case ENCODER_STALL -> "the encoder produces no segments";
        };
        return what + duration.map(d -> " for " + seconds(d)).orElse(type == Type.EDGE_DOWN ? " to the end" : "");
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
