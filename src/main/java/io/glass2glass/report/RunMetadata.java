package io.glass2glass.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What was run: the descriptive part of {@code summary.json}.
 *
 * @param runId            the run folder's name
 * @param target           the multivariant playlist or MPD URL the players loaded
 * @param format           {@code hls} or {@code dash}
 * @param startedAt        when the first player joined
 * @param endedAt          when the last player ended
 * @param playersRequested how many players the injection profile asked for
 * @param abr              the ABR algorithm (or mix) the players used
 * @param network          the network mix and how the link was emulated
 * @param injection        how players joined (e.g. "ramp 1000 users over 60 s, hold 240 s")
 */
public record RunMetadata(
        String runId,
        String target,
        String format,
        Instant startedAt,
        Instant endedAt,
        long playersRequested,
        String abr,
        String network,
        String injection) {

    public RunMetadata {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(abr, "abr");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(injection, "injection");
        format = Objects.requireNonNull(format, "format").toLowerCase(Locale.ROOT);
        if (!format.equals("hls") && !format.equals("dash")) {
            throw new IllegalArgumentException("format must be hls or dash: " + format);
        }
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("run ended before it started: " + startedAt + " > " + endedAt);
        }
        if (playersRequested < 0) {
            throw new IllegalArgumentException("negative players requested: " + playersRequested);
        }
    }

    /** The run's wall-clock duration in seconds, to the millisecond. */
    public double durationSeconds() {
        return Duration.between(startedAt, endedAt).toMillis() / 1000.0;
    }
}
