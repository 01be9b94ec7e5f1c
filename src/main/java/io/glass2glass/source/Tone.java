package io.glass2glass.source;

/**
 * The synthetic source's audio: a quiet 440 Hz tone with a 1 kHz beep during the first 100 ms of
 * every media second, so audio/video sync can be checked against the burned-in clock.
 */
public final class Tone {

    private final int sampleRate;
    private final int channels;

    public Tone(int sampleRate, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** Renders {@code count} samples per channel starting at sample index {@code first}, planar. */
    public float[] render(long first, int count) {
        float[] out = new float[count * channels];
        for (int i = 0; i < count; i++) {
            long n = first + i;
            boolean beep = n % sampleRate < sampleRate / 10;
            double f = beep ? 1000.0 : 440.0;
            double amplitude = beep ? 0.5 : 0.1;
            // Phase from the sample index modulo one second keeps the tone exact over long runs.
            float v = (float) (amplitude * Math.sin(2 * Math.PI * f * (n % sampleRate) / sampleRate));
            for (int c = 0; c < channels; c++) {
                out[c * count + i] = v;
            }
        }
        return out;
    }
}
