package io.glass2glass.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The goals a calibration case is judged on, and the table people read. */
class CalibrationCaseTest {

    static ViewerResult viewer(long startup, double latency, int stalls, int switches, int start, int end) {
        return new ViewerResult(startup, latency, stalls, stalls * 500L, switches, start, end, null, 40);
    }

    static CalibrationCase of(ViewerResult real, ViewerResult model) {
        return new CalibrationCase(RealPlayer.HLSJS, "1.7.4", "constant-3mbps-40ms", "hls.js 1.7.4", List.of(real), List.of(model));
    }

    record Row(String name, ViewerResult real, ViewerResult model, List<String> misses) {}

    static final List<Row> ROWS = List.of(
            new Row("all within", viewer(4_000, 10_000, 0, 2, 720, 480), viewer(4_350, 10_900, 0, 3, 720, 480), List.of()),
            new Row("start-up 10 % off", viewer(4_000, 10_000, 0, 2, 720, 480), viewer(4_450, 10_000, 0, 2, 720, 480), List.of("start-up")),
            new Row("fast start: 150 ms allowed", viewer(500, 10_000, 0, 0, 720, 720), viewer(640, 10_000, 0, 0, 720, 720), List.of()),
            new Row("latency 11 % off", viewer(1_000, 10_000, 0, 0, 720, 720), viewer(1_000, 11_100, 0, 0, 720, 720), List.of("latency")),
            new Row("a stall missed", viewer(1_000, 10_000, 1, 0, 720, 720), viewer(1_000, 10_000, 0, 0, 720, 720), List.of("stalls")),
            new Row("another rendition", viewer(1_000, 10_000, 0, 1, 720, 360), viewer(1_000, 10_000, 0, 1, 720, 480), List.of("rendition")),
            new Row("one switch apart", viewer(1_000, 10_000, 0, 0, 720, 720), viewer(1_000, 10_000, 0, 1, 720, 720), List.of()),
            new Row("22 against 1 switch", viewer(1_000, 10_000, 0, 22, 720, 720), viewer(1_000, 10_000, 0, 1, 720, 720), List.of("switches")),
            new Row("never started", viewer(-1, Double.NaN, 0, 0, 0, 0), viewer(1_000, 10_000, 0, 0, 720, 720),
                    List.of("the real player never started")));

    @Test
    void eachGoalIsMissedOnlyWhenItsToleranceIsExceeded() {
        for (Row row : ROWS) {
            assertEquals(row.misses(), of(row.real(), row.model()).misses(), row.name());
        }
    }

    @Test
    void theMedianOfEachSideIsWhatIsCompared() {
        CalibrationCase c = new CalibrationCase(RealPlayer.DASHJS, "5.2.1", "unlimited", "dash.js 5.2.1",
                List.of(viewer(1_000, 6_000, 0, 1, 360, 720), viewer(1_400, 6_500, 1, 1, 360, 720), viewer(9_000, 9_000, 3, 5, 360, 480)),
                List.of(viewer(1_300, 6_400, 1, 1, 360, 720)));
        assertEquals(1_400, c.realSide().startupMillis());
        assertEquals(6_500, c.realSide().latencyMillis());
        assertEquals(1, c.realSide().stalls());
        assertEquals(720, c.realSide().endHeight(), "the rendition most viewers ended on");
        assertEquals(List.of(), c.misses());
    }

    @Test
    void theTableShowsRealAgainstModelWithTheModelsDifferenceAndTheGoalsMissed() {
        String table = CalibrationTable.render(List.of(
                of(viewer(4_338, 10_400, 0, 1, 720, 480), viewer(1_058, 9_700, 0, 1, 360, 480)),
                of(viewer(4_000, 10_000, 0, 2, 720, 480), viewer(4_100, 10_200, 0, 2, 720, 480))));
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).startsWith("link") && lines.get(0).contains("start-up real / model"), table);
        assertTrue(lines.get(1).matches("[- ]+"), "a rule under the header: " + lines.get(1));
        assertTrue(lines.get(2).contains("4,338 / 1,058 ms (-76 %)"), table);
        assertTrue(lines.get(2).contains("10.4 / 9.7 s (-7 %)"), table);
        assertTrue(lines.get(2).contains("720p→480p / 360p→480p"), table);
        assertTrue(lines.get(2).endsWith("missed: start-up"), table);
        assertTrue(lines.get(3).endsWith("met"), table);
        assertTrue(table.contains("1 of 2 cases meet every goal"), table);
        int column = lines.get(0).indexOf("live latency");
        assertEquals(column, lines.get(2).indexOf("10.4 / 9.7"), "columns line up under their headers:\n" + table);
    }
}
