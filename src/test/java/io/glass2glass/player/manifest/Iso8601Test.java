package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Iso8601Test {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("PT2S", 2.0),
                Arguments.of("PT0S", 0.0),
                Arguments.of("PT2.006S", 2.006),
                Arguments.of("PT1M30.5S", 90.5),
                Arguments.of("PT1H", 3600.0),
                Arguments.of("P1DT2H", 93600.0),
                Arguments.of("P1D", 86400.0),
                Arguments.of("P1W", 604800.0),
                Arguments.of("P1Y", 365 * 86400.0),
                Arguments.of("P1M", 30 * 86400.0),
                Arguments.of("PT1.5M", 90.0),
                Arguments.of("P0Y0M0DT0H3M30.000S", 210.0),
                Arguments.of(" PT6S ", 6.0),
                Arguments.of("-PT2S", -2.0));
    }

    @ParameterizedTest(name = "{0} = {1} s")
    @MethodSource("durations")
    void readsXsDurations(String text, double seconds) {
        assertEquals(seconds, Iso8601.durationSeconds(text, "test"), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "PT", "P1DT", "2S", "PT2", "PT-2S", "PT2S junk", "PTS", "PT1..5S", "1 hour"})
    void refusesWhatIsNotAnXsDuration(String text) {
        ManifestException e = assertThrows(ManifestException.class, () -> Iso8601.durationSeconds(text, "MPD minBufferTime"));
        assertTrue(e.getMessage().startsWith("MPD minBufferTime is not a"), e.getMessage());
    }

    static Stream<Arguments> dateTimes() {
        return Stream.of(
                Arguments.of("2023-11-14T22:13:20.000Z", "2023-11-14T22:13:20Z"),
                Arguments.of("2023-11-14T22:13:20Z", "2023-11-14T22:13:20Z"),
                Arguments.of("2023-11-14T22:13:20", "2023-11-14T22:13:20Z"),
                Arguments.of("2023-11-14T22:13:20.1", "2023-11-14T22:13:20.100Z"),
                Arguments.of("2023-11-14T23:13:20+01:00", "2023-11-14T22:13:20Z"),
                Arguments.of("2023-11-14T23:13:20.999+0100", "2023-11-14T22:13:20.999Z"),
                Arguments.of("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dateTimes")
    void readsDateTimesWithOrWithoutOffsetAndFraction(String text, String instant) {
        assertEquals(Instant.parse(instant).toEpochMilli(), Iso8601.dateTimeMillis(text, "test"));
    }

    @Test
    void refusesWhatIsNotADateTime() {
        ManifestException e = assertThrows(ManifestException.class, () -> Iso8601.dateTimeMillis("14/11/2023 22:13", "MPD publishTime"));
        assertEquals("MPD publishTime is not an ISO 8601 date and time: '14/11/2023 22:13'", e.getMessage());
    }
}
