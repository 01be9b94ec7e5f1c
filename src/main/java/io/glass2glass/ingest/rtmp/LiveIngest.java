package io.glass2glass.ingest.rtmp;

import io.glass2glass.ingest.rtmp.flv.FlvAudioTagParser;
import io.glass2glass.ingest.rtmp.flv.FlvTagResult;
import io.glass2glass.ingest.rtmp.flv.FlvVideoTagParser;
import io.glass2glass.ingest.rtmp.message.AudioMessage;
import io.glass2glass.ingest.rtmp.message.MediaMessage;
import io.glass2glass.ingest.rtmp.message.VideoMessage;
import io.glass2glass.media.Ladder;
import io.glass2glass.packager.LivePackager;
import io.glass2glass.packager.StreamIndex;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One publisher's pipeline, run on its own thread so nothing decodes or encodes on the event loop:
 * FLV tags (FLV spec 10.1 annex E.4.2/E.4.3, enhanced RTMP) → {@link IngestPipeline}
 * → {@link LivePackager} → the stream's {@link StreamIndex}.
 */
final class LiveIngest {

    private static final Object END = new Object();

    private final String stream;
    private final BlockingQueue<Object> queue;
    private final Ladder ladder;
    private final LivePackager packager;
    private final Consumer<String> unsupported;
    private final Thread thread;
    private final FlvVideoTagParser videoParser = new FlvVideoTagParser();
    private final FlvAudioTagParser audioParser = new FlvAudioTagParser();
    private final int capacity;
    private final StreamIndex index;
    private volatile long wallClockBaseMicros = Long.MIN_VALUE;
    /** Added to every timestamp of this publish so that a resumed stream's timeline keeps going forward. */
    private volatile long offsetMillis;
    private volatile IngestPipeline pipeline;

    /**
     * @param unsupported called (on the worker thread) with the reason when the publisher sends a codec that cannot be ingested
     */
    LiveIngest(String stream, StreamIndex index, RtmpServer server, Consumer<String> unsupported) {
        this.stream = stream;
        this.index = index;
        this.ladder = server.ladder();
        this.capacity = server.options().queueCapacity();
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.packager = new LivePackager(index, server.store(), ladder.segmentSeconds());
        this.unsupported = unsupported;
        this.thread = new Thread(this::run, "rtmp-ingest-" + stream);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a media message without blocking; false when the queue is full. */
    boolean offer(MediaMessage media) {
        if (wallClockBaseMicros == Long.MIN_VALUE) {
            long now = System.currentTimeMillis();
            offsetMillis = resumeOffsetMillis(index.snapshot(), now, media.timestamp());
            wallClockBaseMicros = (now - media.timestamp() - offsetMillis) * 1000;
        }
        return queue.size() < capacity && queue.offer(media);
    }

    /**
     * How far to move a publish's timestamps: 0 for a new stream; for a stream whose publisher came
     * back, onto the first segment boundary that is both after the timeline's end and not before
     * the wall clock's stream time, so segments stay in order and DASH availability times stay true.
     */
    static long resumeOffsetMillis(StreamIndex.Snapshot s, long nowMillis, long firstTimestamp) {
        if (s.nextNumber() < 0) {
            return 0;
        }
        long segment = Math.round(s.segmentSeconds() * 1000);
        long elapsed = nowMillis - s.availabilityStartMillis();
        long end = (long) Math.ceil(s.endSeconds() * 1000 - 1e-6);
        long start = Math.max(Math.floorDiv(elapsed + segment - 1, segment), Math.floorDiv(end + segment - 1, segment)) * segment;
        return start - firstTimestamp;
    }

    /** The pipeline's own metrics (the encoder's, when it transcodes), if it is running. */
    void writePrometheus(io.glass2glass.metrics.PrometheusText out) {
        if (pipeline instanceof io.glass2glass.metrics.MetricsSource m) {
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
    }

    /** Waits for the worker to finish; true when it did. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(unit.toMillis(timeout));
        return !thread.isAlive();
    }

    private void run() {
        IngestPipeline pipeline = ladder.passthrough() ? new PassthroughPipeline(stream, ladder, packager, unsupported)
                : new TranscodePipeline(stream, ladder, packager);
        this.pipeline = pipeline;
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    break;
                }
                MediaMessage media = (MediaMessage) item;
                long base = wallClockBaseMicros;
                long time = media.timestamp() + offsetMillis;
                FlvTagResult r = media instanceof VideoMessage v
                        ? videoParser.parse(v.payload(), time, base)
                        : audioParser.parse(((AudioMessage) media).payload(), time, base);
                if (r instanceof FlvTagResult.SequenceHeader h) {
                    pipeline.onTrack(h.track());
                } else if (r instanceof FlvTagResult.Sample s) {
                    pipeline.onSample(s.sample());
                } else if (r instanceof FlvTagResult.Unsupported u) {
                    unsupported.accept(u.reason());
                    break;
                } else if (r instanceof FlvTagResult.Malformed m) {
                    unsupported.accept("malformed FLV tag: " + m.reason());
                    break;
                }
            }
            pipeline.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            RtmpServer.log("rtmp stream " + stream + ": pipeline failed: " + e);
            unsupported.accept("pipeline failed");
        } finally {
            this.pipeline = null;
            pipeline.close();
        }
    }
}
