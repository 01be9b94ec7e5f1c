package io.glass2glass.player.network;

/** Non-negative long arithmetic that stops at {@link Long#MAX_VALUE} ("never") instead of overflowing. */
final class Saturating {

    private Saturating() {}

    static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    static long multiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
