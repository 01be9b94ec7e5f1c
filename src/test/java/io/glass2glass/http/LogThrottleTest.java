package io.glass2glass.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    /** Collects the lines written. */
    static final class Lines implements System.Logger {
        final List<String> lines = new ArrayList<>();
        @Override public String getName() { return "test"; }
        @Override public boolean isLoggable(Level level) { return true; }
        @Override public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) { lines.add(msg); }
        @Override public void log(Level level, ResourceBundle bundle, String format, Object... params) { lines.add(format); }
    }

    @Test
    void writesTheAllowanceThenCountsTheRestInOneLineWhenTheNextWindowOpens() {
        Lines log = new Lines();
        AtomicLong now = new AtomicLong(1_000);
        LogThrottle throttle = new LogThrottle(log, "edge-1: upstream failures", 3, 10_000, now::get);
        for (int i = 0; i < 50; i++) {
            int n = i;
            throttle.log(Level.INFO, () -> "failure " + n);
        }
        assertEquals(List.of("failure 0", "failure 1", "failure 2"), log.lines);
        assertEquals(47, throttle.suppressed());

        now.addAndGet(10_000);
        throttle.log(Level.INFO, () -> "failure 50");
        assertEquals(List.of("failure 0", "failure 1", "failure 2",
                "edge-1: upstream failures: 47 more like this not logged in the last 10 s", "failure 50"), log.lines);
        assertEquals(0, throttle.suppressed());
    }

    @Test
    void buildsNoMessageForALineItDoesNotWrite() {
        Lines log = new Lines();
        LogThrottle throttle = new LogThrottle(log, "x", 1, 10_000, () -> 0L);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            throttle.log(Level.INFO, () -> "line " + built.incrementAndGet());
        }
        assertEquals(1, built.get());
        assertTrue(log.lines.size() == 1);
    }
}
