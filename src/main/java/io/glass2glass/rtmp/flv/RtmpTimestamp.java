package io.glass2glass.rtmp.flv;

/**
 * RTMP message timestamps (RTMP specification §5.3.1.1: 32-bit milliseconds, extended timestamp
 * included) as the FLV tag parsers take them, and the wall-clock capture time derived from them.
 */
final class RtmpTimestamp {

    /** RTMP times count milliseconds, so samples keep them unscaled. */
    static final int TIMESCALE = 1000;

    private static final long MAX = 0xFFFF_FFFFL;

    private RtmpTimestamp() {
    }

    /** Rejects a timestamp the chunk layer cannot have produced: a caller bug, not bad input. */
    static long requireValid(long timestampMillis) {
        if (timestampMillis < 0 || timestampMillis > MAX) {
            throw new IllegalArgumentException("RTMP timestamp out of 32-bit range: " + timestampMillis);
        }
        return timestampMillis;
    }

    /** The wall-clock capture time of a frame presented {@code ptsMillis} after the stream's zero. */
    static long captureTimeMicros(long wallClockBaseMicros, long ptsMillis) {
        return wallClockBaseMicros + ptsMillis * 1000;
    }
}
