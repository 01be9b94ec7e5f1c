package io.glass2glass.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link InstantSource} that stands still until a test advances it, so that lifetimes and ages
 * pass in virtual time instead of in sleeps. Millisecond resolution; safe to read from any thread.
 */
public final class ManualClock implements InstantSource {

    /** A whole second, so that second-resolution HTTP dates taken from it are exact. */
    public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicLong millis;

    public ManualClock() {
        this(START);
    }

    public ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** Moves the time forward by {@code duration} (not backward: clocks that go back are another test). */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward: " + duration);
        }
        millis.addAndGet(duration.toMillis());
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
