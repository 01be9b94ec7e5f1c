package io.glass2glass.media;

/**
 * One uncompressed picture in planar YUV 4:2:0 (I420: Y plane, then U, then V, no padding).
 *
 * @param pts presentation time in {@code timescale} ticks
 * @param captureTimeMicros wall-clock capture time, µs since the epoch
 */
public record RawVideoFrame(int width, int height, byte[] i420, long pts, int timescale, long frameNumber, long captureTimeMicros) {

    public RawVideoFrame {
        if (i420.length != width * height * 3 / 2) {
            throw new IllegalArgumentException("I420 buffer of " + i420.length + " bytes for " + width + "x" + height);
        }
    }
}
