package io.glass2glass.http;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * At most a few lines of one kind per window; the rest are counted and named in one summary line
 * when the next window opens. Why: an origin outage makes every fill fail, and one line per
 * request (hundreds a second behind a busy edge) would bury everything else on the console.
 */
public final class LogThrottle {

    private final Logger log;
    private final String what;
    private final int perWindow;
    private final long windowMillis;
    private final LongSupplier clock;
    private long windowStart = Long.MIN_VALUE;
    private int logged;
    private long suppressed;

    /**
     * @param what       the kind of line, for the summary ("edge-1: upstream failures")
     * @param perWindow  lines written in full per window
     * @param windowMillis the window's length
     */
    public LogThrottle(Logger log, String what, int perWindow, long windowMillis) {
        this(log, what, perWindow, windowMillis, System::currentTimeMillis);
    }

    LogThrottle(Logger log, String what, int perWindow, long windowMillis, LongSupplier clock) {
        if (perWindow < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("perWindow and windowMillis must be positive");
        }
        this.log = log;
        this.what = what;
        this.perWindow = perWindow;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Logs the line unless this window's allowance is spent; the message is built only when written. */
    public void log(Level level, Supplier<String> message) {
        long dropped = 0;
        boolean write;
        synchronized (this) {
            long now = clock.getAsLong();
            if (windowStart == Long.MIN_VALUE || now - windowStart >= windowMillis) {
                dropped = suppressed;
                windowStart = now;
                logged = 0;
                suppressed = 0;
            }
            write = logged < perWindow;
            if (write) {
                logged++;
            } else {
                suppressed++;
            }
        }
        if (dropped > 0) {
            long n = dropped;
            log.log(level, () -> what + ": " + n + " more like this not logged in the last " + windowMillis / 1000 + " s");
        }
        if (write) {
            log.log(level, message);
        }
    }

    /** Lines counted but not written in the current window. */
    public synchronized long suppressed() {
        return suppressed;
    }
}
