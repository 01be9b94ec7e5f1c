package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DashSegmentAvailabilityTest {

    private static final URI URL = URI.create("https://cdn.example.com/live/manifest.mpd");
    private static final long AST = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    /** A one-Representation MPD: {@code mpdAttributes} on MPD, {@code periodAttributes} on Period, {@code template} inside the Representation. */
    private static Mpd mpd(String mpdAttributes, String periodAttributes, String template) {
        return DashParser.parse("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" " + mpdAttributes + "><Period " + periodAttributes + ">"
                + "<AdaptationSet contentType=\"video\"><Representation id=\"v\" bandwidth=\"1000\">" + template
                + "</Representation></AdaptationSet></Period></MPD>", URL);
    }

    private static List<TimelineSegment> available(Mpd mpd, long nowMillis) {
        Period period = mpd.periods().get(0);
        return DashParser.segmentsAvailableAt(mpd, period, period.adaptationSets().get(0).representations().get(0).template(), nowMillis);
    }

    private static List<Long> numbers(List<TimelineSegment> segments) {
        return segments.stream().map(TimelineSegment::number).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    static Stream<Arguments> clockDrivenNumbers() {
        return Stream.of(
                Arguments.of("before availabilityStartTime", -1_000, List.of()),
                Arguments.of("at availabilityStartTime", 0, List.of()),
                Arguments.of("just before the first segment ends", 1_999, List.of()),
                Arguments.of("when the first segment ends", 2_000, List.of(1L)),
                Arguments.of("before the buffer depth is reached", 9_000, range(1, 4)),
                Arguments.of("a minute in", 61_500, range(26, 30)),
                Arguments.of("on a segment boundary", 62_000, range(27, 31)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clockDrivenNumbers")
    void numbersSegmentsFromTheClockWithDurationAndNumber(String name, long sinceStart, List<Long> expected) {
        Mpd mpd = mpd("type=\"dynamic\" availabilityStartTime=\"2024-01-01T00:00:00Z\" timeShiftBufferDepth=\"PT10S\"", "start=\"PT0S\"",
                "<SegmentTemplate timescale=\"1000\" duration=\"2000\" media=\"$Number$.m4s\"/>");

        List<TimelineSegment> segments = available(mpd, AST + sinceStart);

        assertEquals(expected, numbers(segments));
        segments.forEach(s -> assertEquals(new TimelineSegment(s.number(), (s.number() - 1) * 2000, 2000), s));
    }

    @Test
    void numbersFromStartNumberWithinALaterPeriodAndPresentationTimeOffset() {
        Mpd mpd = mpd("type=\"dynamic\" availabilityStartTime=\"2024-01-01T00:00:00Z\"", "start=\"PT100S\"",
                "<SegmentTemplate timescale=\"90000\" duration=\"180000\" startNumber=\"0\" presentationTimeOffset=\"900000\""
                        + " media=\"$Number$.m4s\"/>");

        assertEquals(List.of(), available(mpd, AST + 99_000));
        assertEquals(List.of(new TimelineSegment(0, 900_000, 180_000), new TimelineSegment(1, 1_080_000, 180_000),
                new TimelineSegment(2, 1_260_000, 180_000)), available(mpd, AST + 107_000), "no timeShiftBufferDepth: from startNumber");
    }

    @Test
    void stopsClockDrivenNumbersAtTheEndOfAPeriodWithADuration() {
        Mpd mpd = mpd("type=\"dynamic\" availabilityStartTime=\"2024-01-01T00:00:00Z\"", "start=\"PT0S\" duration=\"PT5S\"",
                "<SegmentTemplate timescale=\"1000\" duration=\"2000\" media=\"$Number$.m4s\"/>");

        assertEquals(range(1, 2), numbers(available(mpd, AST + 5_000)));
        assertEquals(range(1, 3), numbers(available(mpd, AST + 3_600_000)), "the last, shorter segment ends the Period");
    }

    @Test
    void filtersTimelineEntriesByEndTimeAndTimeShiftBufferDepth() {
        Mpd mpd = mpd("type=\"dynamic\" availabilityStartTime=\"2024-01-01T00:00:00Z\" timeShiftBufferDepth=\"PT3S\"", "start=\"PT10S\"",
                "<SegmentTemplate timescale=\"90000\" presentationTimeOffset=\"900000\" media=\"$Time$.m4s\"><SegmentTimeline>"
                        + "<S t=\"900000\" d=\"180000\" r=\"2\"/><S d=\"90000\"/><S t=\"1530000\" d=\"180000\"/>"
                        + "</SegmentTimeline></SegmentTemplate>");

        // in wall-clock seconds after AST the segments span 10-12, 12-14, 14-16, 16-17 and 17-19
        assertEquals(List.of(), numbers(available(mpd, AST + 11_999)));
        assertEquals(List.of(new TimelineSegment(2, 1_080_000, 180_000), new TimelineSegment(3, 1_260_000, 180_000)),
                available(mpd, AST + 16_500));
        assertEquals(range(4, 5), numbers(available(mpd, AST + 19_000)), "segment 3 ended exactly 3 s ago");
        assertEquals(List.of(5L), numbers(available(mpd, AST + 21_999)));
        assertEquals(List.of(), numbers(available(mpd, AST + 22_000)));
    }

    @Test
    void repeatsAnOpenEndedLastEntryUpToNow() {
        Mpd mpd = mpd("type=\"dynamic\" availabilityStartTime=\"2024-01-01T00:00:00Z\" timeShiftBufferDepth=\"PT4S\"", "start=\"PT0S\"",
                "<SegmentTemplate timescale=\"1000\" media=\"$Time$.m4s\"><SegmentTimeline><S t=\"4000\" d=\"2000\" r=\"-1\"/>"
                        + "</SegmentTimeline></SegmentTemplate>");

        assertEquals(List.of(new TimelineSegment(2, 6000, 2000), new TimelineSegment(3, 8000, 2000)), available(mpd, AST + 11_000));
        assertEquals(List.of(new TimelineSegment(1, 4000, 2000)), available(mpd, AST + 6_000));
        assertEquals(range(498, 499), numbers(available(mpd, AST + 1_003_000)));
    }

    @Test
    void offersEverySegmentOfAStaticMpd() {
        Mpd timeline = mpd("type=\"static\"", "duration=\"PT60S\"",
                "<SegmentTemplate media=\"$Number$.m4s\"><SegmentTimeline><S d=\"4\" r=\"2\"/></SegmentTimeline></SegmentTemplate>");
        assertEquals(range(1, 3), numbers(available(timeline, 0)));

        Mpd numbered = mpd("type=\"static\" mediaPresentationDuration=\"PT10S\"", "",
                "<SegmentTemplate timescale=\"1000\" duration=\"4000\" startNumber=\"5\" media=\"$Number$.m4s\"/>");
        assertEquals(List.of(new TimelineSegment(5, 0, 4000), new TimelineSegment(6, 4000, 4000), new TimelineSegment(7, 8000, 4000)),
                available(numbered, 0));
    }

    @Test
    void refusesToNumberAStaticPeriodWithoutADuration() {
        Mpd mpd = mpd("type=\"static\"", "", "<SegmentTemplate duration=\"4\" media=\"$Number$.m4s\"/>");
        ManifestException e = assertThrows(ManifestException.class, () -> available(mpd, 0));
        assertEquals("Period of a static MPD has no known duration to number its segments by", e.getMessage());
    }

    @Test
    void returnsTheNewestHundredThousandWhenTheWindowIsUnbounded() {
        Mpd mpd = mpd("type=\"dynamic\" availabilityStartTime=\"1970-01-01T00:00:00Z\"", "start=\"PT0S\"",
                "<SegmentTemplate duration=\"1\" media=\"$Number$.m4s\"/>");
        long now = Instant.parse("2024-01-01T00:00:00.500Z").toEpochMilli();

        List<TimelineSegment> segments = available(mpd, now);

        assertEquals(ManifestLimits.MAX_ENTRIES, segments.size());
        assertEquals(new TimelineSegment(now / 1000, now / 1000 - 1, 1), segments.get(segments.size() - 1));
        assertEquals(now / 1000 - ManifestLimits.MAX_ENTRIES + 1, segments.get(0).number());
    }

    @Test
    void handlesTenMegahertzTimescalesSinceTheEpochWithoutOverflow() {
        Mpd mpd = mpd("type=\"dynamic\" availabilityStartTime=\"1970-01-01T00:00:00Z\" timeShiftBufferDepth=\"PT6S\"", "start=\"PT0S\"",
                "<SegmentTemplate timescale=\"10000000\" duration=\"20000000\" startNumber=\"0\" media=\"$Time$.m4s\"/>");
        long now = Instant.parse("2024-01-01T00:00:01.500Z").toEpochMilli();
        long lastIndex = now / 2000 - 1;

        List<TimelineSegment> segments = available(mpd, now);

        assertEquals(range(lastIndex - 2, lastIndex), numbers(segments));
        assertEquals(lastIndex * 20_000_000, segments.get(2).time());
    }
}
