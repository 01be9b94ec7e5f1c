package io.glass2glass.media;

/**
 * A block of uncompressed audio: 32-bit float samples, planar (all samples of channel 0, then of
 * channel 1, ...), {@code samplesPerChannel} per channel.
 *
 * @param pts presentation time of the first sample, in {@code sampleRate} ticks
 */
public record RawAudioFrame(int sampleRate, int channels, int samplesPerChannel, float[] planar, long pts, long captureTimeMicros) {

    public RawAudioFrame {
        if (planar.length != channels * samplesPerChannel) {
            throw new IllegalArgumentException("audio block of " + planar.length + " samples for " + channels + "x" + samplesPerChannel);
        }
    }
}
