package io.glass2glass.ingest.rtmp;

import io.glass2glass.media.IngestPipeline;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.rtmp.flv.FlvAudioTagParser;
import io.glass2glass.rtmp.flv.FlvTagResult;
import io.glass2glass.rtmp.flv.FlvVideoTagParser;
import io.glass2glass.rtmp.message.AudioMessage;
import io.glass2glass.rtmp.message.MediaMessage;
import io.glass2glass.rtmp.message.VideoMessage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One publish's worker, so nothing parses, decodes or encodes on the event loop: RTMP media messages
 * → FLV tags (FLV spec 10.1 annex E.4.2/E.4.3, enhanced RTMP) with timestamps mapped onto the
 * stream's timeline ({@link StreamResume}) → the {@link IngestPipeline} its {@link PublishSinks.Sink} opens.
 */
final class LiveIngest {

    private static final Object END = new Object();

    private final String stream;
    private final BlockingQueue<Object> queue;
    private final PublishSinks.Sink sink;
    private final Consumer<String> unsupported;
    /** The dedicated thread of a transcoding publish, or null when it runs on the shared packaging pool. */
    private final Thread thread;
    private final Executor pool;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean finished;
    private final FlvVideoTagParser videoParser = new FlvVideoTagParser();
    private final FlvAudioTagParser audioParser = new FlvAudioTagParser();
    private final int capacity;
    private volatile long wallClockBaseMicros = Long.MIN_VALUE;
    /** Added to every timestamp of this publish so that a resumed stream's timeline keeps going forward. */
    private volatile long offsetMillis;
    /** Written only by whichever thread runs this publish at the time (one at a time); volatile for the metrics reader. */
    private volatile IngestPipeline pipeline;

    /**
     * @param capacity media messages queued at most
     * @param packagingPool runs publishes that do not encode
     * @param unsupported called (on the worker thread) with the reason when the publisher sends a codec that cannot be ingested
     */
    LiveIngest(String stream, PublishSinks.Sink sink, int capacity, Supplier<Executor> packagingPool, Consumer<String> unsupported) {
        this.stream = stream;
        this.sink = sink;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.unsupported = unsupported;
        // Packaging alone is cheap and must scale to hundreds of publishers: those share a small pool.
        // Decoding and encoding block on the encoder's queues, so a transcoding publish keeps a thread.
        this.pool = sink.encodes() ? null : packagingPool.get();
        this.thread = pool != null ? null : new Thread(this::run, "rtmp-ingest-" + stream);
        if (thread != null) {
            thread.setDaemon(true);
        }
    }

    void start() {
        if (thread != null) {
            thread.start();
        }
    }

    /** Queues a media message without blocking; false when the queue is full. */
    boolean offer(MediaMessage media) {
        if (wallClockBaseMicros == Long.MIN_VALUE) {
            long now = System.currentTimeMillis();
            offsetMillis = sink.resume().offsetMillis(now, media.timestamp());
            wallClockBaseMicros = (now - media.timestamp() - offsetMillis) * 1000;
        }
        if (queue.size() < capacity && queue.offer(media)) {
            schedule();
            return true;
        }
        return false;
    }

    /** On the pool: runs {@link #drain()} unless it is already scheduled or running (one runner at a time). */
    private void schedule() {
        if (pool != null && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                stop(null); // the server is stopping; nothing runs this publish any more
            }
        }
    }

    private void drain() {
        try {
            Object item;
            // A bounded batch, so one busy publisher cannot hold a pool thread from the others.
            for (int n = 0; n < 256 && !finished && (item = queue.poll()) != null; n++) {
                handle(item);
            }
        } finally {
            scheduled.set(false);
            if (!finished && !queue.isEmpty()) {
                schedule();
            }
        }
    }

    /** The pipeline's own metrics (the encoder's, when it transcodes), if it is running. */
    void writePrometheus(PrometheusText out) {
        if (pipeline instanceof MetricsSource m) {
            m.writePrometheus(out);
        }
    }

    /** Drops whatever media is still queued (the publisher was dropped); {@link #end()} still follows. */
    void discardQueued() {
        queue.clear();
    }

    /** Ends the publish: the worker drains what is queued, flushes the decoders and encoders, then stops. */
    void end() {
        queue.offer(END);
        schedule();
    }

    /** Waits for the worker to finish; true when it did. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    private void run() {
        try {
            while (!finished) {
                handle(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(null);
        }
    }

    /** One queued item, in order, on whichever thread runs this publish. */
    private void handle(Object item) {
        if (finished) {
            return;
        }
        try {
            IngestPipeline running = pipeline;
            if (running == null) {
                running = sink.pipeline().get();
                pipeline = running;
            }
            if (item == END) {
                running.finish();
                stop(null);
                return;
            }
            MediaMessage media = (MediaMessage) item;
            long base = wallClockBaseMicros;
            long time = media.timestamp() + offsetMillis;
            FlvTagResult r = media instanceof VideoMessage v
                    ? videoParser.parse(v.payload(), time, base)
                    : audioParser.parse(((AudioMessage) media).payload(), time, base);
            if (r instanceof FlvTagResult.SequenceHeader h) {
                running.onTrack(h.track());
            } else if (r instanceof FlvTagResult.Sample s) {
                running.onSample(s.sample());
            } else if (r instanceof FlvTagResult.Unsupported u) {
                unsupported.accept(u.reason());
                running.finish();
                stop(null);
            } else if (r instanceof FlvTagResult.Malformed m) {
                unsupported.accept("malformed FLV tag: " + m.reason());
                running.finish();
                stop(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(null);
        } catch (RuntimeException e) {
            stop("rtmp stream " + stream + ": pipeline failed: " + e);
        }
    }

    /** Ends this publish's processing: releases the pipeline; with a failure, logs it and tells the connection. */
    private void stop(String failure) {
        if (finished) {
            return;
        }
        finished = true;
        if (failure != null) {
            RtmpServer.log(failure);
            unsupported.accept("pipeline failed");
        }
        IngestPipeline running = pipeline;
        pipeline = null;
        if (running != null) {
            running.close();
        }
        queue.clear();
        done.countDown();
    }
}
