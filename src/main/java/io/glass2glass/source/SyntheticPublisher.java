package io.glass2glass.source;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawMediaEncoder;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.rtmp.client.RtmpPublisher;
import io.glass2glass.rtmp.flv.FlvTagWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The synthetic camera as an RTMP encoder: {@link SyntheticSource} → a one-rung contribution encode
 * (the {@link RawMediaEncoder} it is given: the ABR encoder, H.264 + AAC) → FLV tag bodies ({@link FlvTagWriter}, FLV spec v10.1 Annex
 * E.4.2/E.4.3) → {@link RtmpPublisher} (RTMP spec 1.0 §7.2.2.6), as OBS or ffmpeg would publish it.
 *
 * <p>The encoder's threads send; when the socket's write queue is full they wait, which backs up the
 * encoder's bounded queues and slows the source, so nothing buffers without bound and no event loop
 * ever waits. Each publish starts its RTMP clock at 0 on its first keyframe (as a restarted encoder
 * does), with fresh metadata and sequence headers; samples produced while disconnected are dropped.
 * A dropped connection is published again after 1 s, then 2, 4 and 8 s between attempts, until
 * {@link #close()}; a publish the ingest ends itself ({@code NetStream.Unpublish.Success}, a take-over)
 * is not taken back: the publisher stops.
 */
public final class SyntheticPublisher implements EncodedMediaSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SyntheticPublisher.class.getName());
    /** Contribution preset for encoding ladders: the ingest encodes the real ladder again, so spend little CPU here. */
    static final String CONTRIBUTION_PRESET = "ultrafast";
    static final long FIRST_RETRY_MILLIS = 1000;
    static final Duration FIRST_RETRY = Duration.ofMillis(FIRST_RETRY_MILLIS);
    static final Duration LAST_RETRY = Duration.ofSeconds(8);
    /** Audio frames held while a publish waits for its first keyframe: more than a 2 s GOP of 48 kHz AAC. */
    private static final int MAX_EARLY_AUDIO = 128;

    private final Vertx vertx;
    private final URI url;
    private final RtmpPublisher.Options options;
    private final Ladder contribution;
    private final Object drained = new Object();
    private final AtomicLong publishes = new AtomicLong();
    private final AtomicLong videoFramesSent = new AtomicLong();
    private final AtomicLong audioFramesSent = new AtomicLong();
    private final RawMediaEncoder encoder;
    private final SyntheticSource source;
    private volatile TrackInfo videoTrack;
    private volatile TrackInfo audioTrack;
    private volatile Publish current;
    private volatile boolean closed;
    private volatile String lastError;
    private volatile boolean takenOver;
    /** The context that connects and retries; every publish runs on it. */
    private final Context context;
    private long retryMillis = FIRST_RETRY.toMillis();
    private volatile long retryTimer = -1;

    /** One publish: its connection and where its timeline stands. Guarded by itself. */
    private static final class Publish {
        final RtmpPublisher publisher;
        /** Audio that came out of its (faster) encoder before the first keyframe: sent once the keyframe sets time 0. */
        final ArrayDeque<MediaSample> earlyAudio = new ArrayDeque<>();
        long baseMillis = Long.MIN_VALUE;

        Publish(RtmpPublisher publisher) {
            this.publisher = publisher;
        }
    }

    private SyntheticPublisher(Vertx vertx, URI url, Ladder ladder, RtmpPublisher.Options options, RawMediaEncoder.Factory encoders) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.url = url;
        this.options = options;
        this.contribution = contributionLadder(ladder);
        Rendition top = contribution.top();
        this.encoder = encoders.open("synthetic", contribution, top.width(), top.height(), Timescales.VIDEO, this);
        this.source = new SyntheticSource(top.width(), top.height(), contribution.frameRate(), contribution.audioSampleRate(),
                contribution.audioChannels(), true, Long.MAX_VALUE, encoder);
    }

    /**
     * Starts the source and the encoder and publishes to {@code rtmpUrl} ({@code rtmp://host:port/app/key});
     * returns at once, the first publish completing a moment later (see {@link #awaitPublishing}).
     *
     * @param ladder the ladder the ingest will serve: the picture is its top rung's size and frame rate
     * @param encoders opens the contribution encoder
     */
    public static SyntheticPublisher start(Vertx vertx, URI rtmpUrl, Ladder ladder, RtmpPublisher.Options options,
            RawMediaEncoder.Factory encoders) {
        SyntheticPublisher p = new SyntheticPublisher(vertx, rtmpUrl, ladder, options, encoders);
        p.source.start();
        p.context.runOnContext(v -> p.connect());
        return p;
    }

    /**
     * What the synthetic camera encodes: the top rung's size at the ladder's frame rate with an IDR at
     * every segment boundary. For a passthrough ladder that stream is what players get, so it is
     * the rung as configured; otherwise x264 {@value #CONTRIBUTION_PRESET} at twice the top rung's
     * bitrate, so that little quality and CPU go into a picture the ingest encodes again.
     */
    public static Ladder contributionLadder(Ladder ladder) {
        Rendition top = ladder.top();
        if (ladder.passthrough()) {
            return new Ladder(ladder.name() + "-contribution", ladder.frameRate(), ladder.segmentSeconds(), List.of(top), ladder.audio(),
                    ladder.audioSampleRate(), ladder.audioChannels(), ladder.x264Preset());
        }
        Rendition video = Rendition.video(top.id(), top.width(), top.height(), Math.max(1000, 2 * top.bitrateKbps()));
        Rendition audio = ladder.audio() == null ? null : Rendition.audio(ladder.audio().id(), Math.max(128, ladder.audio().bitrateKbps()));
        return new Ladder(ladder.name() + "-contribution", ladder.frameRate(), ladder.segmentSeconds(), List.of(video), audio,
                ladder.audioSampleRate(), ladder.audioChannels(), CONTRIBUTION_PRESET);
    }

    /** Opens a publish; on failure, or when it drops later, tries again after the back-off. Runs on a context. */
    private void connect() {
        retryTimer = -1;
        if (closed) {
            return;
        }
        RtmpPublisher.publish(vertx, url, options).onComplete(ar -> {
            if (ar.failed()) {
                lastError = ar.cause().getMessage();
                LOG.log(System.Logger.Level.WARNING, "synthetic publisher: cannot publish to " + redacted() + ": " + lastError
                        + "; retrying in " + retryMillis + " ms");
                retry();
                return;
            }
            RtmpPublisher p = ar.result();
            if (closed) {
                p.close();
                return;
            }
            retryMillis = FIRST_RETRY.toMillis();
            Publish publish = new Publish(p);
            p.drainHandler(v -> wakeWriters());
            p.closeHandler(v -> {
                wakeWriters();
                if (current == publish) {
                    current = null;
                }
                if (!closed && RtmpPublisher.UNPUBLISH_SUCCESS.equals(p.closeCode())) {
                    // Another publisher took the stream over (serve --rtmp-take-over): yield to it rather than take it back.
                    lastError = p.closeReason();
                    takenOver = true;
                    LOG.log(System.Logger.Level.WARNING, "synthetic publisher: the ingest ended our publish (" + lastError
                            + "); the synthetic source stops");
                    Thread stop = new Thread(this::close, "g2g-synthetic-stop");
                    stop.setDaemon(true);
                    stop.start();
                } else if (!closed) {
                    lastError = p.closeReason();
                    long gap = restartGapMillis;
                    if (gap >= 0) {
                        restartGapMillis = -1;
                        retryMillis = Math.max(1, gap);
                    }
                    LOG.log(System.Logger.Level.WARNING, "synthetic publisher: connection to " + redacted() + " ended (" + lastError
                            + "); publishing again in " + retryMillis + " ms");
                    retry();
                }
            });
            current = publish;
            publishes.incrementAndGet();
        });
    }

    /** The reconnect delay a scripted restart asked for, -1 when none; used on {@link #context}. */
    private long restartGapMillis = -1;

    /**
     * A scripted publisher-restart: the publish's TCP connection is dropped now, with no
     * {@code FCUnpublish} (as a crashed encoder would leave it), and publishing starts again after
     * {@code gap} (zero: after the usual first back-off, {@value #FIRST_RETRY_MILLIS} ms). Between
     * publishes, a pending retry is moved to {@code gap} from now. Returns once the
     * connection is closed; call from any thread but an event loop.
     *
     * @throws IllegalStateException once this publisher is closed or was taken over
     */
    public void restart(Duration gap) {
        if (gap.isNegative()) {
            throw new IllegalArgumentException("a restart gap cannot be negative: " + gap);
        }
        if (closed) {
            throw new IllegalStateException("the synthetic publisher is closed" + (takenOver ? " (taken over)" : ""));
        }
        long delay = gap.isZero() ? FIRST_RETRY.toMillis() : Math.max(1, gap.toMillis());
        java.util.concurrent.CompletableFuture<Void> dropped = new java.util.concurrent.CompletableFuture<>();
        context.runOnContext(v -> {
            Publish publish = current;
            if (publish != null) {
                // The close handler (on this context too) schedules the next publish after the gap.
                restartGapMillis = delay;
                publish.publisher.abort().onComplete(ar -> dropped.complete(null));
                return;
            }
            // Already down: a pending retry waits for the gap instead; a connect in flight is left to finish.
            long timer = retryTimer;
            if (timer >= 0 && vertx.cancelTimer(timer)) {
                retryTimer = vertx.setTimer(delay, t -> connect());
            }
            dropped.complete(null);
        });
        try {
            dropped.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the synthetic publisher's connection did not close", e);
        }
    }

    private void retry() {
        if (closed) {
            return;
        }
        long delay = retryMillis;
        retryMillis = Math.min(LAST_RETRY.toMillis(), retryMillis * 2);
        retryTimer = vertx.setTimer(delay, t -> connect());
    }

    @Override
    public void onTrack(Rendition rendition, TrackInfo track) {
        if (track.kind() == MediaKind.VIDEO) {
            videoTrack = track;
        } else {
            audioTrack = track;
        }
    }

    /** Called on the encoder's video and audio threads: sends the sample, waiting while the socket is behind. */
    @Override
    public void onSample(Rendition rendition, MediaSample sample) {
        Publish publish = current;
        if (publish == null || closed) {
            return;
        }
        RtmpPublisher p = publish.publisher;
        synchronized (publish) {
            if (!p.isPublishing()) {
                return;
            }
            boolean video = sample.kind() == MediaKind.VIDEO;
            if (publish.baseMillis == Long.MIN_VALUE) {
                // A publish starts with a keyframe (a decoder needs one) at RTMP time 0.
                if (!video) {
                    if (publish.earlyAudio.size() == MAX_EARLY_AUDIO) {
                        publish.earlyAudio.removeFirst();
                    }
                    publish.earlyAudio.addLast(sample);
                    return;
                }
                if (!sample.keyframe()) {
                    return;
                }
                publish.baseMillis = FlvTagWriter.millis(sample.dts(), sample.timescale());
                sendHeaders(p);
                send(publish, sample);
                for (MediaSample audio : publish.earlyAudio) {
                    send(publish, audio);
                }
                publish.earlyAudio.clear();
            } else {
                send(publish, sample);
            }
        }
        awaitWritable(p);
    }

    /** Sends one sample at its time on the publish's clock; samples from before its time 0 are dropped. */
    private void send(Publish publish, MediaSample sample) {
        long time = FlvTagWriter.millis(sample.dts(), sample.timescale()) - publish.baseMillis;
        if (time < 0) {
            return;
        }
        if (sample.kind() == MediaKind.VIDEO) {
            publish.publisher.sendVideo(time, FlvTagWriter.avcNalUnits(sample));
            videoFramesSent.incrementAndGet();
        } else {
            publish.publisher.sendAudio(time, FlvTagWriter.aacRaw(sample));
            audioFramesSent.incrementAndGet();
        }
    }

    /** {@code onMetaData} and both sequence headers, at the start of every publish. */
    private void sendHeaders(RtmpPublisher p) {
        TrackInfo v = videoTrack;
        TrackInfo a = audioTrack;
        Rendition top = contribution.top();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("width", top.width());
        metadata.put("height", top.height());
        metadata.put("framerate", contribution.frameRate());
        metadata.put("videocodecid", 7);
        metadata.put("videodatarate", top.bitrateKbps());
        if (a != null) {
            metadata.put("audiocodecid", 10);
            metadata.put("audiosamplerate", a.sampleRate());
            metadata.put("audiosamplesize", 16);
            metadata.put("audiochannels", a.channels());
            metadata.put("stereo", a.channels() == 2);
            metadata.put("audiodatarate", contribution.audio().bitrateKbps());
        }
        metadata.put("encoder", "glass2glass synthetic (libx264 " + contribution.x264Preset() + ")");
        p.sendMetadata(metadata);
        p.sendVideo(0, FlvTagWriter.avcSequenceHeader(v));
        if (a != null) {
            p.sendAudio(0, FlvTagWriter.aacSequenceHeader(a));
        }
    }

    /** Blocks the calling encoder thread while the publisher's write queue is full and it still publishes. */
    private void awaitWritable(RtmpPublisher p) {
        try {
            synchronized (drained) {
                while (p.writeQueueFull() && p.isPublishing() && !closed) {
                    drained.wait(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wakeWriters() {
        synchronized (drained) {
            drained.notifyAll();
        }
    }

    /** Waits until a publish is up; false on timeout or once closed. */
    public boolean awaitPublishing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isPublishing()) {
            if (closed || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Whether a publish is up right now. */
    public boolean isPublishing() {
        Publish p = current;
        return p != null && p.publisher.isPublishing();
    }

    /** Publishes that reached {@code NetStream.Publish.Start}, reconnects included. */
    public long publishes() {
        return publishes.get();
    }

    public long videoFramesSent() {
        return videoFramesSent.get();
    }

    public long audioFramesSent() {
        return audioFramesSent.get();
    }

    /** Whether the ingest ended the publish itself (another publisher took the stream over), which stopped this publisher. */
    public boolean takenOver() {
        return takenOver;
    }

    /** Why the last publish attempt failed or ended, or {@code null}. */
    public String lastError() {
        return lastError;
    }

    /** The contribution encoder's first error, if any. */
    public Throwable failure() {
        return encoder.failure();
    }

    /** The encode the camera publishes. */
    public Ladder contribution() {
        return contribution;
    }

    /** Stops publishing (FCUnpublish, deleteStream), the source and the encoder; no reconnect follows. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        wakeWriters();
        long timer = retryTimer;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Publish publish = current;
        current = null;
        source.close();
        encoder.close();
        if (publish != null) {
            try {
                publish.publisher.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "synthetic publisher: close did not complete cleanly", e);
            }
        }
    }

    private String redacted() {
        String s = url.toString();
        int slash = s.lastIndexOf('/');
        return s.substring(0, slash + 1) + "…";
    }
}
