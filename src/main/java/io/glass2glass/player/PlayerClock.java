package io.glass2glass.player;

/** Where a player reads the time: the wall clock under Gatling, a virtual clock in tests. */
@FunctionalInterface
public interface PlayerClock {

    long nowMillis();

    static PlayerClock system() {
        return System::currentTimeMillis;
    }
}
