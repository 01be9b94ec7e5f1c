package io.glass2glass.ingest.rtmp;

import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * RTMP ingest (Adobe RTMP specification 1.0): a TCP server whose connections each run the
 * handshake (§5.2), the chunk stream (§5.3) and the publish command sequence (§7.2), and feed
 * accepted publishers where its {@link PublishSinks} send them.
 */
public final class RtmpServer extends VerticleBase implements MetricsSource {

    private static final System.Logger LOG = System.getLogger(RtmpServer.class.getName());

    private final PublishSinks sinks;
    private final RtmpIngestOptions options;
    private final PublishPolicy policy;
    /** Stream → its publish; written on this verticle's event loop only. */
    private final Map<String, Publish> live = new ConcurrentHashMap<>();
    private final Set<RtmpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> bytesIn = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> mediaIn = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> framesIn = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private NetServer server;
    private volatile ExecutorService packagingPool;

    /**
     * @param sinks where each accepted publish goes
     */
    public RtmpServer(PublishSinks sinks, RtmpIngestOptions options) {
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.options = options;
        this.policy = PublishPolicy.of(options);
    }

    @Override
    public Future<?> start() {
        NetServerOptions o = new NetServerOptions().setHost(options.host()).setPort(options.port())
                .setReadIdleTimeout(options.idleSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS).setTcpNoDelay(true);
        server = vertx.createNetServer(o);
        server.connectHandler(socket -> {
            RtmpConnection c = new RtmpConnection(this, socket, context);
            connections.add(c);
            c.start();
        });
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        connections.forEach(RtmpConnection::close);
        if (packagingPool != null) {
            packagingPool.shutdown(); // queued work (publishes ending) still runs
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The port listened on (the chosen one when the options asked for 0). */
    public int actualPort() {
        return server.actualPort();
    }

    PublishSinks sinks() {
        return sinks;
    }

    RtmpIngestOptions options() {
        return options;
    }

    /** Threads (one per core) that package passthrough publishes, created on first use. */
    synchronized Executor packagingPool() {
        if (packagingPool == null) {
            AtomicInteger n = new AtomicInteger();
            packagingPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "rtmp-package-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return packagingPool;
    }

    PublishPolicy policy() {
        return policy;
    }

    /** A stream's publish: its connection, its pipeline once started, and when it has drained. */
    private static final class Publish {
        final RtmpConnection connection;
        final Promise<Void> released = Promise.promise();
        volatile LiveIngest ingest;

        Publish(RtmpConnection connection) {
            this.connection = connection;
        }
    }

    /**
     * Claims a stream for a connection (on the event loop). Succeeds at once when the stream is free;
     * with take-over, disconnects the current publisher and succeeds once its pipeline has drained
     * (two publishes never package into one timeline at the same time); otherwise null: refused.
     */
    Future<Void> claim(String stream, RtmpConnection connection) {
        Publish current = live.get(stream);
        if (current == null) {
            live.put(stream, new Publish(connection));
            return Future.succeededFuture();
        }
        if (!options.takeOver()) {
            return null;
        }
        current.connection.takenOver();
        return current.released.future().compose(v -> {
            Future<Void> again = claim(stream, connection);
            return again == null ? Future.failedFuture("stream " + stream + " is busy") : again;
        });
    }

    /** The claimed stream's pipeline started. */
    void started(String stream, LiveIngest ingest) {
        Publish p = live.get(stream);
        if (p != null) {
            p.ingest = ingest;
        }
    }

    /** Gives a stream back once its publish has drained (any thread). */
    void release(String stream, RtmpConnection connection) {
        try {
            context.runOnContext(v -> {
                Publish p = live.get(stream);
                if (p != null && p.connection == connection) {
                    live.remove(stream);
                    p.released.complete();
                }
            });
        } catch (RejectedExecutionException closing) {
            // The server's event loop is gone (the pipeline is shutting down): nothing is left to release.
        }
    }

    void closed(RtmpConnection c) {
        connections.remove(c);
    }

    /** A stream's input counters (they outlive its publishes). */
    record StreamCounters(LongAdder bytes, LongAdder media, LongAdder frames) {}

    StreamCounters counters(String stream) {
        return new StreamCounters(bytesIn.computeIfAbsent(stream, s -> new LongAdder()),
                mediaIn.computeIfAbsent(stream, s -> new LongAdder()), framesIn.computeIfAbsent(stream, s -> new LongAdder()));
    }

    void countFailure(String cause) {
        failures.computeIfAbsent(cause, s -> new LongAdder()).increment();
    }

    /** Shortens a stream key for logs: the first three characters and an ellipsis. */
    static String redact(String key) {
        return key.substring(0, Math.min(3, key.length())) + "…";
    }

    @Override
    public void writePrometheus(PrometheusText out) {
        out.family("g2g_rtmp_publishers", "gauge", "RTMP publishers currently publishing");
        out.sample("g2g_rtmp_publishers", live.size());
        out.family("g2g_rtmp_bytes_in_total", "counter", "Bytes received from RTMP publishers after publish");
        bytesIn.forEach((s, v) -> out.sample("g2g_rtmp_bytes_in_total", Map.of("stream", s), v.sum()));
        out.family("g2g_rtmp_media_messages_in_total", "counter", "RTMP audio and video messages received");
        mediaIn.forEach((s, v) -> out.sample("g2g_rtmp_media_messages_in_total", Map.of("stream", s), v.sum()));
        out.family("g2g_rtmp_video_frames_in_total", "counter", "RTMP video messages (one coded frame each) received");
        framesIn.forEach((s, v) -> out.sample("g2g_rtmp_video_frames_in_total", Map.of("stream", s), v.sum()));
        out.family("g2g_rtmp_failures_total", "counter", "RTMP connections closed on an error");
        failures.forEach((c, v) -> out.sample("g2g_rtmp_failures_total", Map.of("cause", c), v.sum()));
        for (Publish p : live.values()) {
            LiveIngest ingest = p.ingest;
            if (ingest != null) {
                ingest.writePrometheus(out);
            }
        }
    }

    static void log(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
    }

    /** The event loop this verticle runs on, once deployed (for {@code StageMeter}'s per-stage figures). */
    public Context eventLoop() {
        return context;
    }
}
