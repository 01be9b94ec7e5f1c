package io.glass2glass.player;

/**
 * One injection stage of a player group, as Gatling's and k6's stages read: the group's audience
 * (players watching) moves to a target over a time, holds, jumps, or players arrive at a rate.
 */
public sealed interface Stage {

    /** The time the stage lasts, seconds (0 for a spike). */
    double seconds();

    /** The audience moves evenly to {@code to} players over {@code seconds}: joins when it grows, leaves when it shrinks. */
    record Ramp(int to, double seconds) implements Stage {
        public Ramp {
            check(to, seconds);
        }
    }

    /** The audience stays as it is for {@code seconds}. */
    record Hold(double seconds) implements Stage {
        public Hold {
            check(0, seconds);
        }
    }

    /** The audience jumps to {@code to} players at once: a match start, or everyone leaving at the final whistle. */
    record Spike(int to) implements Stage {
        public Spike {
            check(to, 0);
        }

        @Override
        public double seconds() {
            return 0;
        }
    }

    /** {@code perSecond} new players arrive every second for {@code seconds} (an open model: Gatling's constantUsersPerSec). */
    record Arrivals(double perSecond, double seconds) implements Stage {
        public Arrivals {
            if (!(perSecond > 0) || perSecond > 100_000) {
                throw new IllegalArgumentException("arrival rate must be above 0 and at most 100,000 players/s: " + perSecond);
            }
            check(0, seconds);
            if (seconds <= 0) {
                throw new IllegalArgumentException("arrivals need a positive duration");
            }
        }
    }

    private static void check(int players, double seconds) {
        if (players < 0 || players > 1_000_000) {
            throw new IllegalArgumentException("a stage's audience must be between 0 and 1,000,000 players: " + players);
        }
        if (!(seconds >= 0) || seconds > 7 * 86_400) {
            throw new IllegalArgumentException("a stage lasts from 0 s to 7 days: " + seconds + " s");
        }
    }
}
