package io.glass2glass.cli;

import io.glass2glass.encode.AbrEncoder;
import io.glass2glass.encode.LadderConfig;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.Rendition;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.packager.LivePackager;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.packager.origin.OriginOptions;
import io.glass2glass.source.SyntheticSource;
import io.glass2glass.storage.MemorySegmentStore;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference live pipeline assembled: synthetic source → ABR encoder → CMAF packager → memory
 * store → HTTP origin. {@code serve} runs it until stopped; tests and {@code run} start it on free
 * ports.
 */
public final class LivePipeline implements AutoCloseable {

    /**
     * @param httpPort origin port, 0 for a free one
     * @param windowSegments segments listed in each live playlist
     */
    public record Options(String stream, String ladder, String host, int httpPort, int windowSegments) {

        public Options {
            if (!stream.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("stream name must match [A-Za-z0-9_-]{1,64}: " + stream);
            }
        }

        public static Options defaults() {
            return new Options("demo", "default", "0.0.0.0", 8080, 6);
        }

        public Options withHttpPort(int port) {
            return new Options(stream, ladder, host, port, windowSegments);
        }
    }

    private final Options options;
    private final Ladder ladder;
    private final Vertx vertx;
    private final StreamIndex index;
    private final MemorySegmentStore store;
    private final AbrEncoder encoder;
    private final SyntheticSource source;
    private final Origin origin;

    private LivePipeline(Options options) throws Exception {
        this.options = options;
        this.ladder = LadderConfig.load(options.ladder());
        this.store = new MemorySegmentStore();
        this.index = new StreamIndex(options.stream(), ladder.segmentSeconds(), options.windowSegments());
        LiveStreams streams = new LiveStreams();
        streams.add(index);
        Rendition top = ladder.top();
        LivePackager packager = new LivePackager(index, store, ladder.segmentSeconds());
        AbrEncoder enc = new AbrEncoder(options.stream(), ladder, top.width(), top.height(), SyntheticSource.VIDEO_TIMESCALE, packager);
        Vertx vx = Vertx.vertx();
        try {
            origin = new Origin(streams, store, List.<MetricsSource>of(enc),
                    OriginOptions.of(options.host(), options.httpPort()));
            vx.deployVerticle(origin).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vx.close();
            enc.close();
            throw e;
        }
        this.vertx = vx;
        this.encoder = enc;
        this.source = new SyntheticSource(top.width(), top.height(), ladder.frameRate(), ladder.audioSampleRate(),
                ladder.audioChannels(), true, Long.MAX_VALUE, encoder).start();
    }

    /** Starts every stage; returns once the origin listens (the stream goes live a segment later). */
    public static LivePipeline start(Options options) throws Exception {
        return new LivePipeline(options);
    }

    public int httpPort() {
        return origin.actualPort();
    }

    public Ladder ladder() {
        return ladder;
    }

    public StreamIndex index() {
        return index;
    }

    public AbrEncoder encoder() {
        return encoder;
    }

    /** Base URL of the stream on loopback, e.g. {@code http://127.0.0.1:8080/live/demo/}. */
    public String streamUrl() {
        return "http://127.0.0.1:" + httpPort() + "/live/" + options.stream() + "/";
    }

    /** Waits until every rendition has at least {@code segments} segments. */
    public boolean awaitSegments(int segments, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            StreamIndex.Snapshot s = index.snapshot();
            if (s.isLive() && s.renditions().stream().allMatch(r -> r.segments().size() >= segments)) {
                return true;
            }
            if (encoder.failure() != null) {
                throw new IllegalStateException("encoder failed", encoder.failure());
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void close() {
        source.close();
        encoder.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.getLogger(LivePipeline.class.getName()).log(System.Logger.Level.WARNING, "Vert.x did not close cleanly", e);
        }
    }
}
