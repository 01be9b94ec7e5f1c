package io.glass2glass.cli;

import io.glass2glass.scenario.Durations;
import java.time.Duration;

/** Parses the durations commands take: {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms}, or ISO-8601 ({@code PT90S}). */
final class DurationOption {

    private DurationOption() {}

    static Duration parse(String text) {
        return Durations.parse(text);
    }
}
