package io.glass2glass.pipeline;

import io.glass2glass.edge.EdgeCache;
import io.glass2glass.edge.EdgeOptions;
import io.glass2glass.edge.EdgeProfile;
import io.glass2glass.encode.AbrEncoder;
import io.glass2glass.encode.LadderConfig;
import io.glass2glass.ingest.rtmp.RtmpIngestOptions;
import io.glass2glass.ingest.rtmp.RtmpServer;
import io.glass2glass.media.Ladder;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.packager.origin.OriginOptions;
import io.glass2glass.rtmp.client.RtmpPublisher;
import io.glass2glass.source.SyntheticPublisher;
import io.glass2glass.storage.MemorySegmentStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference live pipeline assembled, and the only place that assembles it: an RTMP ingest (fed
 * by the synthetic source's own RTMP publisher, or by outside encoders) → ABR encoder → CMAF
 * packager → memory store → HTTP origin → (optionally a shield) → caching edges. Every stage is
 * made here and handed what it needs as values and ports ({@link LivePublishSinks} for the ingest,
 * an encoder factory for the source), so each runs alone in its own tests and benchmarks, and what
 * acts on a running chain (faults scripted against its stages) acts on this object. {@code serve}
 * runs it until stopped; tests and {@code run} start it on free ports.
 */
public final class LivePipeline implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LivePipeline.class.getName());

    /** What publishes into the ingest. */
    public enum Source {
        /** The synthetic test pattern and tone, published over RTMP by {@link SyntheticPublisher} as stream {@code stream}. */
        SYNTHETIC,
        /** Outside RTMP publishers only, one stream per key. */
        RTMP
    }

    /**
     * @param httpPort origin port, 0 for a free one
     * @param windowSegments segments listed in each live playlist
     * @param edges caching edges in front of the origin (0: players talk to the origin)
     * @param edgeProfile edge profile name or file
     * @param edgePort port of the first edge (the others take the next ones), 0 for free ports
     * @param source what publishes into the RTMP ingest
     * @param rtmpPort RTMP ingest port, 0 for a free one; with {@link Source#SYNTHETIC} the ingest listens on 127.0.0.1 only
     * @param rtmpKeys keys file ({@code key streamName} per line) authorising publishers; empty: loopback publishers, key = stream
     * @param rtmpTakeOver a second publisher of a live stream replaces the first instead of being refused
     */
    public record Options(String stream, String ladder, String host, int httpPort, int windowSegments, int edges,
            String edgeProfile, int edgePort, Source source, int rtmpPort, Optional<Path> rtmpKeys, boolean rtmpTakeOver) {

        public Options {
            if (!stream.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("stream name must match [A-Za-z0-9_-]{1,64}: " + stream);
            }
            if (edges < 0 || edges > 64) {
                throw new IllegalArgumentException("edges must be between 0 and 64: " + edges);
            }
            if (rtmpPort < 0 || rtmpPort > 65535) {
                throw new IllegalArgumentException("RTMP port must be between 0 and 65535: " + rtmpPort);
            }
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(rtmpKeys, "rtmpKeys");
        }

        /** The origin alone on port 8080, no edge, the synthetic source publishing to an ingest on a free port. */
        public static Options defaults() {
            return new Options("demo", "default", "0.0.0.0", 8080, 6, 0, "cdn-live", 8081, Source.SYNTHETIC, 0, Optional.empty(), false);
        }

        public Options withHttpPort(int port) {
            return new Options(stream, ladder, host, port, windowSegments, edges, edgeProfile, edgePort, source, rtmpPort, rtmpKeys,
                    rtmpTakeOver);
        }

        public Options withEdges(int count, String profile, int firstPort) {
            return new Options(stream, ladder, host, httpPort, windowSegments, count, profile, firstPort, source, rtmpPort, rtmpKeys,
                    rtmpTakeOver);
        }

        public Options withLadder(String name) {
            return new Options(stream, name, host, httpPort, windowSegments, edges, edgeProfile, edgePort, source, rtmpPort, rtmpKeys,
                    rtmpTakeOver);
        }

        public Options withRtmpKeys(Path keysFile) {
            return new Options(stream, ladder, host, httpPort, windowSegments, edges, edgeProfile, edgePort, source, rtmpPort,
                    Optional.of(keysFile), rtmpTakeOver);
        }
    }

    private final Options options;
    private final Ladder ladder;
    private final Vertx vertx;
    private final LiveStreams streams;
    private final Origin origin;
    private final EdgeProfile profile;
    private final EdgeCache shield;
    private final RtmpServer rtmp;
    private final SyntheticPublisher publisher;
    private final List<EdgeCache> edges = new ArrayList<>();
    private final PipelineFaults faults;

    private LivePipeline(Options options) throws Exception {
        this.options = options;
        this.ladder = LadderConfig.load(options.ladder());
        this.profile = options.edges() > 0 ? EdgeProfile.load(options.edgeProfile()) : null;
        MemorySegmentStore store = new MemorySegmentStore();
        this.streams = new LiveStreams();
        boolean synthetic = options.source() == Source.SYNTHETIC;
        RtmpIngestOptions ingest = RtmpIngestOptions.of(synthetic ? "127.0.0.1" : options.host(), options.rtmpPort());
        if (options.rtmpKeys().isPresent()) {
            ingest = ingest.withKeysFile(options.rtmpKeys().get());
        }
        ingest = ingest.withTakeOver(options.rtmpTakeOver());
        String syntheticKey = options.stream();
        if (synthetic && ingest.keys().isPresent()) {
            // The keys file names outside publishers; our own gets a key nobody else knows.
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            syntheticKey = HexFormat.of().formatHex(secret);
            ingest = ingest.withKey(syntheticKey, options.stream());
        }
        Vertx vx = Vertx.vertx();
        EdgeCache shieldTier = null;
        RtmpServer ingestServer;
        LivePublishSinks sinks;
        try {
            sinks = new LivePublishSinks(streams, store, ladder, options.windowSegments(), true);
            ingestServer = new RtmpServer(sinks, ingest);
            origin = new Origin(streams, store, List.<MetricsSource>of(ingestServer), OriginOptions.of(options.host(), options.httpPort()));
            await(vx.deployVerticle(origin));
            await(vx.deployVerticle(ingestServer));
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
            throw e;
        }
        this.shield = shieldTier;
        this.rtmp = ingestServer;
        this.vertx = vx;
        this.publisher = synthetic
                ? SyntheticPublisher.start(vx, URI.create("rtmp://127.0.0.1:" + ingestServer.actualPort() + "/live/" + syntheticKey), ladder,
                        RtmpPublisher.Options.defaults(), AbrEncoder::new)
                : null;
        this.faults = new PipelineFaults(origin, edges, publisher, sinks);
    }

    /** The faults a scenario's timeline scripts against this chain's stages (origin, publisher, encoders, edges). */
    public PipelineFaults faults() {
        return faults;
    }

    /** The RTMP ingest's port. */
    public int rtmpPort() {
        return rtmp.actualPort();
    }

    /** What publishes into the ingest. */
    public Source source() {
        return options.source();
    }

    private static void await(io.vertx.core.Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Starts every stage; returns once the ingest, origin and edges listen (the stream goes live a segment after its publish starts). */
    public static LivePipeline start(Options options) throws Exception {
        return new LivePipeline(options);
    }

    public int httpPort() {
        return origin.actualPort();
    }

    public Ladder ladder() {
        return ladder;
    }

    /** The timeline of the pipeline's stream, once its publish has started. */
    public Optional<StreamIndex> index() {
        return streams.find(options.stream());
    }

    /** The synthetic source's RTMP publisher; null with {@link Source#RTMP}. */
    public SyntheticPublisher publisher() {
        return publisher;
    }

    /** The Vert.x instance every stage runs on. */
    Vertx vertx() {
        return vertx;
    }

    /** Each stage's event loop by name: origin, ingest, shield, edge-1…, in that order. */
    Map<String, Context> eventLoops() {
        Map<String, Context> loops = new java.util.LinkedHashMap<>();
        loops.put("origin", origin.eventLoop());
        loops.put("ingest", rtmp.eventLoop());
        if (shield != null) {
            loops.put("shield", shield.eventLoop());
        }
        for (EdgeCache e : edges) {
            loops.put(e.name(), e.eventLoop());
        }
        return loops;
    }

    public RtmpServer rtmp() {
        return rtmp;
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

    /** The profile of the edges, when there are any. */
    public Optional<String> edgeProfile() {
        return Optional.ofNullable(profile).map(EdgeProfile::name);
    }

    /** The origin shield behind the edges, when the profile has one. */
    public Optional<EdgeCache> shield() {
        return Optional.ofNullable(shield);
    }

    /**
     * Waits until the stream has been published to the ingest and every rendition of the ladder has
     * at least {@code segments} segments.
     */
    public boolean awaitSegments(int segments, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int renditions = (ladder.passthrough() ? 1 : ladder.video().size()) + (ladder.audio() == null ? 0 : 1);
        while (System.nanoTime() < deadline) {
            Optional<StreamIndex> index = index();
            if (index.isPresent()) {
                StreamIndex.Snapshot s = index.get().snapshot();
                if (s.isLive() && s.renditions().size() >= renditions
                        && s.renditions().stream().allMatch(r -> r.segments().size() >= segments)) {
                    return true;
                }
            }
            if (publisher != null && publisher.failure() != null) {
                throw new IllegalStateException("the synthetic source's encoder failed", publisher.failure());
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Closes every stage, whatever faults are in force (a suspended server's sockets are closed already). */
    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Vert.x did not close cleanly", e);
        }
    }
}
