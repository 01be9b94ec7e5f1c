package io.glass2glass.cli;

import io.glass2glass.edge.EdgeCache;
import io.glass2glass.edge.EdgeOptions;
import io.glass2glass.edge.EdgeProfile;
import io.glass2glass.edge.EdgeStats;
import io.glass2glass.encode.AbrEncoder;
import io.glass2glass.encode.LadderConfig;
import io.glass2glass.ingest.rtmp.RtmpIngestOptions;
import io.glass2glass.ingest.rtmp.RtmpServer;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference live pipeline assembled: synthetic source (or RTMP publishers) → ABR encoder → CMAF
 * packager → memory store → HTTP origin → (optionally a shield) → caching edges. {@code serve} runs it until
 * stopped; tests and {@code run} start it on free ports.
 */
public final class LivePipeline implements AutoCloseable {

    /**
     * @param httpPort origin port, 0 for a free one
     * @param windowSegments segments listed in each live playlist
     * @param edges caching edges in front of the origin (0: players talk to the origin)
     * @param edgeProfile edge profile name or file
     * @param edgePort port of the first edge (the others take the next ones), 0 for free ports
     * @param rtmpPort -1: the synthetic source feeds {@code stream}; otherwise an RTMP ingest on
     *     this port (0 = free) feeds whatever publishers send, one stream per key
     */
    public record Options(String stream, String ladder, String host, int httpPort, int windowSegments, int edges,
            String edgeProfile, int edgePort, int rtmpPort) {

        public Options {
            if (!stream.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("stream name must match [A-Za-z0-9_-]{1,64}: " + stream);
            }
            if (edges < 0 || edges > 64) {
                throw new IllegalArgumentException("edges must be between 0 and 64: " + edges);
            }
        }

        /** The origin alone on port 8080, no edge. */
        public static Options defaults() {
            return new Options("demo", "default", "0.0.0.0", 8080, 6, 0, "cdn-live", 8081, -1);
        }

        public Options withHttpPort(int port) {
            return new Options(stream, ladder, host, port, windowSegments, edges, edgeProfile, edgePort, rtmpPort);
        }

        public Options withEdges(int count, String profile, int firstPort) {
            return new Options(stream, ladder, host, httpPort, windowSegments, count, profile, firstPort, rtmpPort);
        }

        public Options withRtmpPort(int port) {
            return new Options(stream, ladder, host, httpPort, windowSegments, edges, edgeProfile, edgePort, port);
        }
    }

    private final Options options;
    private final Ladder ladder;
    private final Vertx vertx;
    private final StreamIndex index;
    private final AbrEncoder encoder;
    private final SyntheticSource source;
    private final Origin origin;
    private final EdgeProfile profile;
    private final EdgeCache shield;
    private final RtmpServer rtmp;
    private final List<EdgeCache> edges = new ArrayList<>();

    private LivePipeline(Options options) throws Exception {
        this.options = options;
        this.ladder = LadderConfig.load(options.ladder());
        this.profile = options.edges() > 0 ? EdgeProfile.load(options.edgeProfile()) : null;
        MemorySegmentStore store = new MemorySegmentStore();
        LiveStreams streams = new LiveStreams();
        boolean synthetic = options.rtmpPort() < 0;
        Rendition top = ladder.top();
        this.index = synthetic ? new StreamIndex(options.stream(), ladder.segmentSeconds(), options.windowSegments()) : null;
        AbrEncoder enc = null;
        if (synthetic) {
            streams.add(index);
            LivePackager packager = new LivePackager(index, store, ladder.segmentSeconds());
            enc = new AbrEncoder(options.stream(), ladder, top.width(), top.height(), SyntheticSource.VIDEO_TIMESCALE, packager);
        }
        Vertx vx = Vertx.vertx();
        EdgeCache shieldTier = null;
        RtmpServer rtmp = null;
        try {
            List<MetricsSource> metrics = new ArrayList<>();
            if (enc != null) {
                metrics.add(enc);
            } else {
                rtmp = new RtmpServer(streams, store, options.ladder(), RtmpIngestOptions.of(options.host(), options.rtmpPort()));
                metrics.add(rtmp);
            }
            origin = new Origin(streams, store, metrics, OriginOptions.of(options.host(), options.httpPort()));
            await(vx.deployVerticle(origin));
            if (rtmp != null) {
                await(vx.deployVerticle(rtmp));
            }
            if (profile != null) {
                URI upstream = URI.create("http://127.0.0.1:" + origin.actualPort());
                if (profile.shield()) {
                    shieldTier = new EdgeCache(EdgeOptions.of("shield", "127.0.0.1", 0, upstream), profile);
                    await(vx.deployVerticle(shieldTier));
                    upstream = URI.create("http://127.0.0.1:" + shieldTier.actualPort());
                }
                for (int i = 0; i < options.edges(); i++) {
                    int port = options.edgePort() == 0 ? 0 : options.edgePort() + i;
                    EdgeCache edge = new EdgeCache(EdgeOptions.of("edge-" + (i + 1), options.host(), port, upstream), profile);
                    await(vx.deployVerticle(edge));
                    edges.add(edge);
                }
            }
        } catch (Exception e) {
            vx.close();
            if (enc != null) {
                enc.close();
            }
            throw e;
        }
        this.shield = shieldTier;
        this.rtmp = rtmp;
        this.vertx = vx;
        this.encoder = enc;
        this.source = enc == null ? null : new SyntheticSource(top.width(), top.height(), ladder.frameRate(), ladder.audioSampleRate(),
                ladder.audioChannels(), true, Long.MAX_VALUE, encoder).start();
    }

    /** The RTMP ingest's port, or -1 when the synthetic source feeds the pipeline. */
    public int rtmpPort() {
        return rtmp == null ? -1 : rtmp.actualPort();
    }

    private static void await(io.vertx.core.Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Starts every stage; returns once the origin and edges listen (the stream goes live a segment later). */
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

    public Origin origin() {
        return origin;
    }

    public List<EdgeCache> edges() {
        return List.copyOf(edges);
    }

    /** The stream's base URL at the origin, e.g. {@code http://127.0.0.1:8080/live/demo/}. */
    public String originStreamUrl() {
        return "http://127.0.0.1:" + origin.actualPort() + "/live/" + options.stream() + "/";
    }

    /** The stream's base URL where players should go: the first edge, or the origin when there is none. */
    public String streamUrl() {
        return streamUrls().get(0);
    }

    /** Every player-facing base URL: one per edge (the origin's when there is no edge). */
    public List<String> streamUrls() {
        if (edges.isEmpty()) {
            return List.of(originStreamUrl());
        }
        return edges.stream().map(e -> "http://127.0.0.1:" + e.actualPort() + "/live/" + options.stream() + "/").toList();
    }

    /**
     * The {@code edge} section of summary.json: each tier's statistics, the request-weighted hit
     * ratio of the player-facing edges, and origin segment requests per distinct segment served.
     */
    public JsonObject edgeSummary() {
        JsonArray tiers = new JsonArray();
        long requests = 0;
        double hitWeighted = 0;
        for (EdgeCache edge : edges) {
            EdgeStats stats = edge.stats();
            tiers.add(stats.toJson());
            long r = stats.total().requests();
            requests += r;
            hitWeighted += stats.hitRatio() * r;
        }
        long distinct = origin.metrics().distinctSegments();
        JsonObject section = new JsonObject()
                .put("profile", profile == null ? null : profile.name())
                .put("edges", edges.size())
                .put("hitRatio", requests == 0 ? 0.0 : hitWeighted / requests)
                .put("originRequestsPerSegment", distinct == 0 ? 0.0 : (double) origin.metrics().segmentAnswers() / distinct)
                .put("originSegmentRequests", origin.metrics().segmentAnswers())
                .put("distinctSegments", distinct)
                .put("tiers", tiers);
        if (shield != null) {
            section.put("shield", shield.stats().toJson());
        }
        return section;
    }

    /** Waits until every rendition has at least {@code segments} segments. */
    public boolean awaitSegments(int segments, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (index == null) {
            throw new IllegalStateException("an RTMP pipeline goes live when a publisher arrives");
        }
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
        if (source != null) {
            source.close();
            encoder.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.getLogger(LivePipeline.class.getName()).log(System.Logger.Level.WARNING, "Vert.x did not close cleanly", e);
        }
    }
}
