package io.glass2glass.source;

import io.glass2glass.media.RawAudioFrame;
import io.glass2glass.media.RawMediaSink;
import io.glass2glass.media.RawVideoFrame;
import io.glass2glass.media.Timescales;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The harness's camera: a test pattern and a tone produced on their own thread, paced to the wall
 * clock in live mode (or as fast as the sink takes them, for benchmarks), each frame stamped with
 * its capture wall-clock time.
 */
public final class SyntheticSource implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SyntheticSource.class.getName());

    private final TestPattern pattern;
    private final Tone tone;
    private final int frameRateNum;
    private final int frameRateDen;
    private final int sampleRate;
    private final int channels;
    private final boolean realTime;
    private final long maxFrames;
    private final RawMediaSink sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long startWallMicros;

    /**
     * @param frameRate frames per second (integer rates and 29.97/59.94 are exact)
     * @param maxFrames stop after this many video frames; {@code Long.MAX_VALUE} for a live source
     */
    public SyntheticSource(int width, int height, double frameRate, int sampleRate, int channels, boolean realTime,
            long maxFrames, RawMediaSink sink) {
        this.pattern = new TestPattern(width, height);
        this.tone = new Tone(sampleRate, channels);
        if (Math.abs(frameRate * 1001 / 1000 - Math.rint(frameRate * 1001 / 1000)) < 1e-6 && frameRate != Math.rint(frameRate)) {
            frameRateNum = (int) Math.rint(frameRate * 1001 / 1000) * 1000;
            frameRateDen = 1001;
        } else {
            frameRateNum = (int) Math.rint(frameRate);
            frameRateDen = 1;
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.realTime = realTime;
        this.maxFrames = maxFrames;
        this.sink = sink;
        this.thread = new Thread(this::run, "g2g-source");
        thread.setDaemon(true);
    }

    public SyntheticSource start() {
        startWallMicros = nowMicros();
        thread.start();
        return this;
    }

    /** Wall-clock time (µs since the epoch) of media time 0. */
    public long startWallMicros() {
        return startWallMicros;
    }

    private void run() {
        long frame = 0;
        long audioSample = 0;
        try {
            while (running && frame < maxFrames) {
                long videoMicros = frame * 1_000_000L * frameRateDen / frameRateNum;
                long audioMicros = audioSample * 1_000_000L / sampleRate;
                boolean videoNext = videoMicros <= audioMicros;
                long mediaMicros = videoNext ? videoMicros : audioMicros;
                long capture = startWallMicros + mediaMicros;
                if (realTime) {
                    long wait = capture - nowMicros();
                    if (wait > 0) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(wait));
                    }
                }
                if (videoNext) {
                    long pts = frame * Timescales.VIDEO * frameRateDen / frameRateNum;
                    sink.onVideo(new RawVideoFrame(pattern.width(), pattern.height(), pattern.render(frame, capture), pts,
                            Timescales.VIDEO, frame, capture));
                    frame++;
                } else {
                    sink.onAudio(new RawAudioFrame(sampleRate, channels, Timescales.AAC_FRAME_SAMPLES, tone.render(audioSample, Timescales.AAC_FRAME_SAMPLES),
                            audioSample, capture));
                    audioSample += Timescales.AAC_FRAME_SAMPLES;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "synthetic source stopped", e);
        } finally {
            sink.onEnd();
        }
    }

    /** Waits for a bounded source to finish. */
    public void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
