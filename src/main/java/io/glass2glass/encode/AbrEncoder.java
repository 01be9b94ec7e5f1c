package io.glass2glass.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.RawAudioFrame;
import io.glass2glass.media.RawMediaEncoder;
import io.glass2glass.media.RawVideoFrame;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The ABR encoder (the MediaLive of the harness): every rung of a ladder encoded from one source,
 * each on its own thread (never an event loop), fed through short bounded queues so a source that
 * outruns the encoder is slowed down instead of filling memory.
 *
 * <p>Every rung gets an IDR at each multiple of the ladder's segment duration, so segment
 * <i>n</i> starts at the same presentation time on every rung.
 */
public final class AbrEncoder implements RawMediaEncoder, MetricsSource {

    private static final System.Logger LOG = System.getLogger(AbrEncoder.class.getName());
    /** Queue length per rendition: half a second of video keeps latency low and still absorbs jitter. */
    private static final int QUEUE_FRAMES = 16;
    private static final Object END = new Object();

    private final Ladder ladder;
    private final String stream;
    private final List<Worker<RawVideoFrame>> videoWorkers = new ArrayList<>();
    private final Worker<RawAudioFrame> audioWorker;
    private final List<VideoRungEncoder> rungs = new ArrayList<>();
    private final AudioEncoder audio;
    private final CountDownLatch ended;
    private final long startedNanos = System.nanoTime();
    private volatile Throwable failure;

    /**
     * Opens one encoder per rung (and the audio encoder); {@link EncodedMediaSink#onTrack} is called
     * for each before this returns.
     */
    public AbrEncoder(String stream, Ladder ladder, int sourceWidth, int sourceHeight, int videoTimescale, EncodedMediaSink sink) {
        av_log_set_level(AV_LOG_ERROR);
        this.stream = stream;
        this.ladder = ladder;
        try {
            for (var rendition : ladder.video()) {
                rungs.add(new VideoRungEncoder(rendition, ladder, sourceWidth, sourceHeight, videoTimescale, sink));
            }
            audio = ladder.audio() == null ? null
                    : new AudioEncoder(ladder.audio(), ladder.audioSampleRate(), ladder.audioChannels(), sink);
        } catch (RuntimeException e) {
            rungs.forEach(VideoRungEncoder::close);
            throw e;
        }
        for (VideoRungEncoder rung : rungs) {
            sink.onTrack(rung.rendition(), rung.track());
        }
        if (audio != null) {
            sink.onTrack(audio.rendition(), audio.track());
        }
        ended = new CountDownLatch(rungs.size() + (audio == null ? 0 : 1));
        for (VideoRungEncoder rung : rungs) {
            videoWorkers.add(new Worker<>("g2g-encode-" + stream + "-" + rung.rendition().id(), rung::encode, rung::finish));
        }
        audioWorker = audio == null ? null : new Worker<>("g2g-encode-" + stream + "-" + audio.rendition().id(), audio::encode, audio::finish);
    }

    /** The x264 settings every rung shares; the benchmark gives the FFmpeg CLI the same string. */
    public static String x264Params(Ladder ladder) {
        int keyint = ladder.framesPerSegment();
        return "keyint=" + keyint + ":min-keyint=" + keyint + ":scenecut=0:open-gop=0:nal-hrd=cbr:force-cfr=1";
    }

    public Ladder ladder() {
        return ladder;
    }

    @Override
    public void onVideo(RawVideoFrame frame) throws InterruptedException {
        for (Worker<RawVideoFrame> w : videoWorkers) {
            w.queue.put(frame);
        }
    }

    @Override
    public void onAudio(RawAudioFrame frame) throws InterruptedException {
        if (audioWorker != null) {
            audioWorker.queue.put(frame);
        }
    }

    /** Flushes every encoder once the queued frames are encoded. */
    @Override
    public void onEnd() {
        try {
            for (Worker<RawVideoFrame> w : videoWorkers) {
                w.queue.put(END);
            }
            if (audioWorker != null) {
                audioWorker.queue.put(END);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every rendition has been flushed after {@link #onEnd()}; false on timeout. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** The first error an encoder thread hit, if any (the encoder stops that rendition). */
    public Throwable failure() {
        return failure;
    }

    /** Media seconds encoded per second of busy encoder time, for the slowest rung: the headroom over real time. */
    public double speedRatio() {
        double slowest = Double.MAX_VALUE;
        for (VideoRungEncoder r : rungs) {
            slowest = Math.min(slowest, speed(r));
        }
        return slowest == Double.MAX_VALUE ? 0 : slowest;
    }

    /** Media seconds encoded per wall-clock second since start: at least about 1.0 when it keeps up live. */
    public double realTimeRatio() {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        double media = rungs.isEmpty() ? 0 : rungs.get(0).framesIn() / ladder.frameRate();
        return wall <= 0 ? 0 : media / wall;
    }

    private double speed(VideoRungEncoder r) {
        return r.busyNanos() == 0 ? 0 : (r.framesIn() / ladder.frameRate()) / (r.busyNanos() / 1e9);
    }

    @Override
    public void writePrometheus(PrometheusText out) {
        out.family("g2g_encoder_speed_ratio", "gauge",
                "Media seconds encoded per second of busy encoder time (headroom over real time; >1 keeps up)");
        for (VideoRungEncoder r : rungs) {
            out.sample("g2g_encoder_speed_ratio", Map.of("stream", stream, "rendition", r.rendition().id()), speed(r));
        }
        out.family("g2g_encoder_realtime_ratio", "gauge", "Media seconds encoded per wall-clock second since the encoder started");
        out.sample("g2g_encoder_realtime_ratio", Map.of("stream", stream), realTimeRatio());
        out.family("g2g_encoder_frames_total", "counter", "Source pictures encoded per rendition");
        for (VideoRungEncoder r : rungs) {
            out.sample("g2g_encoder_frames_total", Map.of("stream", stream, "rendition", r.rendition().id()), r.framesIn());
        }
    }

    @Override
    public void close() {
        for (Worker<?> w : videoWorkers) {
            w.stop();
        }
        if (audioWorker != null) {
            audioWorker.stop();
        }
        rungs.forEach(VideoRungEncoder::close);
        if (audio != null) {
            audio.close();
        }
    }

    /** A thread draining one rendition's queue into its encoder. */
    private final class Worker<T> {
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
        private final Thread thread;

        Worker(String name, Consumer<T> encode, Runnable finish) {
            thread = new Thread(() -> loop(encode, finish), name);
            thread.setDaemon(true);
            thread.start();
        }

        @SuppressWarnings("unchecked")
        private void loop(Consumer<T> encode, Runnable finish) {
            try {
                while (true) {
                    Object item = queue.take();
                    if (item == END) {
                        finish.run();
                        return;
                    }
                    encode.accept((T) item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
                LOG.log(System.Logger.Level.ERROR, "encoder " + Thread.currentThread().getName() + " stopped", e);
                // Keep taking frames so the source is not blocked by a dead rendition.
                queue.clear();
                drainForever();
            } finally {
                ended.countDown();
            }
        }

        private void drainForever() {
            try {
                while (queue.take() != END) {
                    // discard
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
