package io.glass2glass.packager.origin;

import io.glass2glass.http.EntityTags;
import io.glass2glass.http.LogText;
import io.glass2glass.http.MalformedRequest;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.ObjectKind;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.dash.DashManifest;
import io.glass2glass.packager.hls.HlsPlaylists;
import io.glass2glass.storage.SegmentStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The HTTP/1.1 origin: HLS playlists and the DASH MPD generated per request from the
 * {@link StreamIndex} snapshots, CMAF headers and segments read from the {@link SegmentStore},
 * under the URL contract of DESIGN.md, plus {@code /time}, {@code /health} and {@code /metrics}.
 *
 * <p>Caching (RFC 9111 §5.2.2): manifests live for half a segment, CMAF objects never change under
 * their URL ({@code immutable}, RFC 8246), every error is {@code no-store} so that a segment asked
 * for just before it exists is not remembered as missing. Every response, errors included, carries
 * the CORS headers a web player needs (Fetch standard §3.2).
 *
 * <p>Deploy one instance per event loop if needed; pass them one {@link OriginMetrics}.
 */
public final class Origin extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(Origin.class.getName());

    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    static final String EXPOSED_HEADERS =
            "Content-Length, Content-Type, Cache-Control, Date, Age, ETag, Last-Modified, X-Cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_STORE = "no-store";
    static final String HLS_TYPE = "application/vnd.apple.mpegurl";
    static final String DASH_TYPE = "application/dash+xml";
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String TEXT_TYPE = "text/plain; charset=utf-8";
    static final String JSON_TYPE = "application/json";
    static final String PREFLIGHT_MAX_AGE = "86400";

    /** IMF-fixdate (RFC 9110 §5.6.7); {@code RFC_1123_DATE_TIME} would drop the day's leading zero. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A Host header safe to put into an MPD: a DNS name or IP literal and an optional port. */
    private static final Pattern HOST_HEADER =
            Pattern.compile("(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(?::[0-9]{1,5})?");

    /** A list of header names (RFC 9110 §5.6.2 tokens) that is safe to reflect. */
    private static final Pattern HEADER_NAMES =
            Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:[ \\t]*,[ \\t]*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*");

    private static final int MAX_REFLECTED_HEADERS_LENGTH = 1024;
    private static final int MAX_CACHED_MANIFESTS = 1024;

    private final LiveStreams streams;
    private final SegmentStore store;
    private final OriginOptions options;
    private final OriginMetrics metrics;
    private final List<MetricsSource> metricsSources;
    /** Last manifest per stream (and rendition); used only on this verticle's event loop. */
    private final Map<String, Manifest> manifests = new HashMap<>();
    private HttpServer server;

    /**
     * @param extraMetrics written after the origin's own families on {@code /metrics} (the encoder's speed, …)
     */
    public Origin(LiveStreams streams, SegmentStore store, List<MetricsSource> extraMetrics, OriginOptions options) {
        this(streams, store, extraMetrics, options, new OriginMetrics());
    }

    /** As above, counting requests into {@code metrics}, which several instances may share. */
    public Origin(
            LiveStreams streams,
            SegmentStore store,
            List<MetricsSource> extraMetrics,
            OriginOptions options,
            OriginMetrics metrics) {
        this.streams = streams;
        this.store = store;
        this.options = options;
        this.metrics = metrics;
        List<MetricsSource> sources = new ArrayList<>();
        sources.add(metrics);
        sources.add(new LiveStreamMetrics(streams));
        sources.addAll(extraMetrics);
        this.metricsSources = List.copyOf(sources);
    }

    @Override
    public Future<?> start() {
        return listen(options.port());
    }

    private Future<HttpServer> listen(int port) {
        server = vertx.createHttpServer(new HttpServerOptions()
                .setMaxInitialLineLength(options.maxInitialLineLength())
                .setMaxHeaderSize(options.maxHeaderSize())
                .setIdleTimeout(options.idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(false));
        server.requestHandler(this::handle).invalidRequestHandler(this::handleMalformed);
        return server.listen(port, options.host());
    }

    /** The port of a suspended origin, -1 while it listens; written on this verticle's context only. */
    private volatile int suspendedPort = -1;
    /** A scripted origin-errors fault is in force: every request but {@code /metrics} is answered 503. */
    private volatile boolean failing;

    /**
     * A scripted origin outage: closes the listening socket and every open connection (Vert.x
     * {@code HttpServer.close()}), so clients and edges get connection refused or reset as from a
     * crashed origin; {@link #resume()} listens again on the same port. Streams, store and metrics
     * stay as they are. Idempotent; call from any thread.
     */
    public Future<Void> suspend() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (suspendedPort >= 0 || server == null) {
                done.complete();
                return;
            }
            suspendedPort = server.actualPort();
            server.close().onComplete(ar -> done.complete());
        });
        return done.future();
    }

    /** Ends a {@link #suspend()}: a new server on the port the origin had. Idempotent; call from any thread. */
    public Future<Void> resume() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (suspendedPort < 0) {
                done.complete();
                return;
            }
            listen(suspendedPort).onComplete(ar -> {
                if (ar.succeeded()) {
                    suspendedPort = -1;
                }
                done.handle(ar.mapEmpty());
            });
        });
        return done.future();
    }

    /**
     * A scripted origin-errors fault: while on, every request is answered {@code 503} with
     * {@code Retry-After: 1} (RFC 9110 §15.6.4, §10.2.3) and {@code no-store}, so that no cache keeps
     * the error, and counted as {@code g2g_origin_fault_responses_total}. {@code /metrics} still
     * answers, so that the fault can be watched while it lasts.
     */
    public void failRequests(boolean on) {
        failing = on;
    }

    /** Whether {@link #suspend()} is in force. */
    public boolean suspended() {
        return suspendedPort >= 0;
    }

    /** Whether {@link #failRequests(boolean)} is on. */
    public boolean failing() {
        return failing;
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The port listened on, once {@link #start()} has completed (the chosen one when configured with 0). */
    public int actualPort() {
        int suspended = suspendedPort;
        if (suspended >= 0) {
            return suspended;
        }
        if (server == null || server.actualPort() <= 0) {
            throw new IllegalStateException("origin is not listening");
        }
        return server.actualPort();
    }

    public OriginMetrics metrics() {
        return metrics;
    }

    public OriginOptions options() {
        return options;
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        commonHeaders(response);
        OriginPath path = OriginPath.parse(request.uri());
        if (failing && !(path instanceof OriginPath.Metrics)) {
            metrics.faultResponse();
            response.putHeader(HttpHeaders.RETRY_AFTER, "1");
            error(request, path instanceof OriginPath.Invalid ? RequestKind.Endpoint.INVALID : path.kind(), 503,
                    "service unavailable (scripted origin-errors fault)");
            return;
        }
        if (path instanceof OriginPath.Invalid invalid) {
            reject(request, RequestKind.Endpoint.INVALID, 400, invalid.reason());
            return;
        }
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD) && !method.equals(HttpMethod.OPTIONS)) {
            response.putHeader(HttpHeaders.ALLOW, ALLOWED_METHODS);
            reject(request, path.kind(), 405, "method " + method.name() + " not allowed");
            return;
        }
        if (path instanceof OriginPath.NoRoute) {
            error(request, path.kind(), 404, "not found");
            return;
        }
        if (method.equals(HttpMethod.OPTIONS)) {
            preflight(request, path);
            return;
        }
        try {
            route(request, path);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed to answer " + describe(request), e);
            error(request, path.kind(), 500, "internal error");
        }
    }

    private void route(HttpServerRequest request, OriginPath path) {
        if (path instanceof OriginPath.Multivariant p) {
            multivariant(request, p);
        } else if (path instanceof OriginPath.MediaPlaylist p) {
            mediaPlaylist(request, p);
        } else if (path instanceof OriginPath.Mpd p) {
            mpd(request, p);
        } else if (path instanceof OriginPath.Init p) {
            init(request, p);
        } else if (path instanceof OriginPath.Segment p) {
            segment(request, p);
        } else if (path instanceof OriginPath.Time) {
            send(request, RequestKind.of(ObjectKind.TIME), 200, TEXT_TYPE, NO_STORE,
                    Buffer.buffer(DashManifest.isoTime(System.currentTimeMillis())));
        } else if (path instanceof OriginPath.Health) {
            send(request, RequestKind.Endpoint.HEALTH, 200, JSON_TYPE, NO_STORE, Buffer.buffer(health().encode()));
        } else if (path instanceof OriginPath.Metrics) {
            send(request, RequestKind.Endpoint.METRICS, 200, PROMETHEUS_TYPE, NO_STORE, Buffer.buffer(prometheus()));
        } else {
            throw new IllegalStateException("unrouted " + path);
        }
    }

    private void multivariant(HttpServerRequest request, OriginPath.Multivariant path) {
        StreamIndex.Snapshot snapshot = liveSnapshot(request, path.kind(), path.stream());
        if (snapshot != null) {
            sendManifest(request, path.kind(), HLS_TYPE, snapshot, "m3u8 " + path.stream(), "",
                    () -> HlsPlaylists.multivariant(snapshot));
        }
    }

    private void mediaPlaylist(HttpServerRequest request, OriginPath.MediaPlaylist path) {
        StreamIndex.Snapshot snapshot = liveSnapshot(request, path.kind(), path.stream());
        if (snapshot == null) {
            return;
        }
        if (snapshot.rendition(path.rendition()).isEmpty()) {
            error(request, path.kind(), 404, "unknown rendition");
            return;
        }
        sendManifest(request, path.kind(), HLS_TYPE, snapshot, "m3u8 " + path.stream() + ' ' + path.rendition(), "",
                () -> HlsPlaylists.media(snapshot, path.rendition()).orElseThrow());
    }

    private void mpd(HttpServerRequest request, OriginPath.Mpd path) {
        StreamIndex.Snapshot snapshot = liveSnapshot(request, path.kind(), path.stream());
        if (snapshot != null) {
            // publishTime is when the timeline last changed, so an unchanged MPD is byte-identical and revalidates with 304.
            String utcTiming = utcTimingUrl(request);
            sendManifest(request, path.kind(), DASH_TYPE, snapshot, "mpd " + path.stream(), utcTiming,
                    () -> DashManifest.mpd(snapshot, snapshot.publishedMillis(), utcTiming));
        }
    }

    private void init(HttpServerRequest request, OriginPath.Init path) {
        StreamIndex.RenditionTimeline timeline = timeline(request, path.kind(), path.stream(), path.rendition());
        if (timeline != null) {
            serveObject(request, path.kind(), path.storeKey(), mp4Type(timeline),
                    path.stream() + '-' + path.rendition() + "-init" + (path.version() == 0 ? "" : "-" + path.version()), 0,
                    "init segment not available");
        }
    }

    private void segment(HttpServerRequest request, OriginPath.Segment path) {
        StreamIndex.RenditionTimeline timeline = timeline(request, path.kind(), path.stream(), path.rendition());
        if (timeline == null) {
            return;
        }
        StreamIndex.Segment segment = timeline.find(path.number()).orElse(null);
        if (segment == null) {
            error(request, path.kind(), 404, "segment not available");
            return;
        }
        long completedMillis = segment.programDateTimeMillis() > 0
                ? segment.programDateTimeMillis() + Math.round(segment.durationSeconds() * 1000)
                : 0;
        serveObject(request, path.kind(), path.storeKey(), mp4Type(timeline),
                path.stream() + '-' + path.rendition() + '-' + path.number(), completedMillis, "segment not available");
    }

    /**
     * Answers with a stored CMAF object. A store whose I/O blocks completes elsewhere; the answer is
     * written back on the request's own context.
     */
    private void serveObject(
            HttpServerRequest request,
            RequestKind kind,
            String key,
            String contentType,
            String entityTag,
            long lastModifiedMillis,
            String missingReason) {
        Future.fromCompletionStage(store.get(key), vertx.getOrCreateContext()).onComplete(read -> {
            if (read.failed()) {
                LOG.log(Level.WARNING, "segment store failed to read " + key, read.cause());
                error(request, kind, 500, "storage error");
            } else if (read.result() == null) {
                error(request, kind, 404, missingReason);
            } else {
                byte[] bytes = read.result();
                HttpServerResponse response = request.response();
                // Strong validator (RFC 9110 §8.8.3): a number is never reused for other bytes within a stream.
                response.putHeader(HttpHeaders.ETAG, '"' + entityTag + '-' + bytes.length + '"');
                if (lastModifiedMillis > 0) {
                    response.putHeader(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(Instant.ofEpochMilli(lastModifiedMillis)));
                }
                if (kind.equals(RequestKind.of(ObjectKind.SEGMENT)) && !request.method().equals(HttpMethod.HEAD)) {
                    metrics.segmentServed(key);
                }
                send(request, kind, 200, contentType, IMMUTABLE, Buffer.buffer(bytes));
            }
        });
    }

    /** The stream's snapshot once it is live, or null after answering 404. */
    private StreamIndex.Snapshot liveSnapshot(HttpServerRequest request, RequestKind kind, String stream) {
        StreamIndex index = streams.find(stream).orElse(null);
        if (index == null) {
            error(request, kind, 404, "unknown stream");
            return null;
        }
        StreamIndex.Snapshot snapshot = index.snapshot();
        if (!snapshot.isLive()) {
            error(request, kind, 404, "stream not live yet");
            return null;
        }
        return snapshot;
    }

    /** The rendition's timeline once its track exists, or null after answering 404. */
    private StreamIndex.RenditionTimeline timeline(HttpServerRequest request, RequestKind kind, String stream, String rendition) {
        StreamIndex index = streams.find(stream).orElse(null);
        if (index == null) {
            error(request, kind, 404, "unknown stream");
            return null;
        }
        StreamIndex.RenditionTimeline timeline = index.snapshot().rendition(rendition).orElse(null);
        if (timeline == null) {
            error(request, kind, 404, "unknown rendition");
        }
        return timeline;
    }

    private void preflight(HttpServerRequest request, OriginPath path) {
        String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        boolean reflect = requested != null
                && requested.length() <= MAX_REFLECTED_HEADERS_LENGTH
                && HEADER_NAMES.matcher(requested.strip()).matches();
        request.response()
                .setStatusCode(204)
                .putHeader(HttpHeaders.ALLOW, ALLOWED_METHODS)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, reflect ? requested.strip() : "*")
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        metrics.record(path.kind(), 204, 0);
        request.response().end();
    }

    /** Requests Netty's HTTP decoder could not parse: answered here so that they carry CORS too, then the connection closes. */
    private void handleMalformed(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        MalformedRequest malformed = MalformedRequest.of(cause, options.maxInitialLineLength(), options.maxHeaderSize());
        int status = malformed.status();
        String reason = malformed.reason();
        String detail = cause == null || cause.getMessage() == null ? "" : " (" + LogText.printable(cause.getMessage()) + ")";
        LOG.log(Level.INFO, () -> "rejected request from " + request.remoteAddress() + ": " + status + " " + reason + detail);
        HttpServerResponse response = request.response();
        commonHeaders(response);
        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        // The decoder has given up on this connection's byte stream, so nothing after this request can be read.
        error(request, RequestKind.Endpoint.INVALID, status, reason).onComplete(done -> request.connection().close());
    }

    private void commonHeaders(HttpServerResponse response) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS)
                .putHeader(HttpHeaders.DATE, HTTP_DATE.format(Instant.now()))
                .putHeader("X-Content-Type-Options", "nosniff");
    }

    private void reject(HttpServerRequest request, RequestKind kind, int status, String reason) {
        LOG.log(Level.INFO, () -> "rejected " + describe(request) + ": " + status + " " + reason);
        error(request, kind, status, reason);
    }

    private Future<Void> error(HttpServerRequest request, RequestKind kind, int status, String reason) {
        return send(request, kind, status, TEXT_TYPE, NO_STORE, Buffer.buffer(reason + "\n"));
    }

    /**
     * A playlist or MPD with a strong entity tag derived from its bytes, so that an edge holding it can
     * revalidate with If-None-Match and get a 304 while it has not changed. The text and tag are made
     * once per snapshot (immutable) and {@code variant} (what else the text depends on), not per request.
     */
    private void sendManifest(HttpServerRequest request, RequestKind kind, String contentType, StreamIndex.Snapshot snapshot,
            String key, String variant, Supplier<String> text) {
        Manifest manifest = manifests.get(key);
        if (manifest == null || manifest.snapshot() != snapshot || !manifest.variant().equals(variant)) {
            byte[] bytes = text.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            manifest = new Manifest(snapshot, variant, bytes, contentTag(bytes));
            if (manifests.size() >= MAX_CACHED_MANIFESTS) {
                manifests.clear(); // ended streams' entries would otherwise stay
            }
            manifests.put(key, manifest);
        }
        request.response().putHeader(HttpHeaders.ETAG, manifest.etag());
        send(request, kind, 200, contentType, manifestCacheControl(snapshot), Buffer.buffer(manifest.bytes()));
    }

    /** A manifest as made from one snapshot. */
    private record Manifest(StreamIndex.Snapshot snapshot, String variant, byte[] bytes, String etag) {}

    /** {@code "p-{first 96 bits of SHA-256}-{length}"}: equal tags mean equal bytes (RFC 9110 §8.8.3 strong validator). */
    static String contentTag(byte[] bytes) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"p-" + java.util.HexFormat.of().formatHex(digest, 0, 12) + "-" + bytes.length + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    /**
     * RFC 9110 §13.1.2: If-None-Match names the entity tag this 200 would carry (weak comparison, or
     * {@code *}): the answer is 304 with its validators and caching fields, and no body.
     */
    private static boolean notModified(HttpServerRequest request, HttpServerResponse response) {
        String tag = response.headers().get(HttpHeaders.ETAG);
        String condition = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (tag == null || condition == null || condition.length() > 8192) {
            return false;
        }
        return EntityTags.noneMatchNames(condition, tag);
    }

    private Future<Void> send(
            HttpServerRequest request, RequestKind kind, int status, String contentType, String cacheControl, Buffer body) {
        if (status == 200 && notModified(request, request.response())) {
            metrics.record(kind, 304, 0);
            return request.response().setStatusCode(304).putHeader(HttpHeaders.CACHE_CONTROL, cacheControl).end();
        }
        HttpServerResponse response = request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
        boolean head = request.method().equals(HttpMethod.HEAD);
        metrics.record(kind, status, head ? 0 : body.length());
        return head ? response.end() : response.end(body);
    }

    private JsonObject health() {
        JsonArray list = new JsonArray();
        streams.all().stream()
                .map(StreamIndex::snapshot)
                .sorted(Comparator.comparing(StreamIndex.Snapshot::stream))
                .forEach(snapshot -> {
                    JsonObject segments = new JsonObject();
                    snapshot.renditions().forEach(t -> segments.put(t.rendition().id(), t.segments().size()));
                    list.add(new JsonObject()
                            .put("name", snapshot.stream())
                            .put("live", snapshot.isLive())
                            .put("segments", segments));
                });
        return new JsonObject().put("status", "UP").put("streams", list);
    }

    private String prometheus() {
        PrometheusText out = new PrometheusText();
        for (MetricsSource source : metricsSources) {
            source.writePrometheus(out);
        }
        return out.toString();
    }

    /** Half a segment: a player reloading every target duration never sees a playlist older than that (RFC 8216 §6.3.4). */
    private static String manifestCacheControl(StreamIndex.Snapshot snapshot) {
        return "public, max-age=" + Math.max(1, (long) Math.floor(snapshot.segmentSeconds() / 2));
    }

    private static String mp4Type(StreamIndex.RenditionTimeline timeline) {
        return timeline.track().kind() == MediaKind.AUDIO ? "audio/mp4" : "video/mp4";
    }

    /** Where the MPD's UTCTiming points: the configured URL, else this origin's /time under the name the player used. */
    private String utcTimingUrl(HttpServerRequest request) {
        if (options.utcTimingUrl() != null) {
            return options.utcTimingUrl();
        }
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && HOST_HEADER.matcher(host).matches() ? "http://" + host + "/time" : "/time";
    }

    private static String describe(HttpServerRequest request) {
        return request.method().name() + ' ' + LogText.printable(request.uri()) + " from " + request.remoteAddress();
    }

    /** The event loop this verticle runs on, once deployed (for {@code StageMeter}'s per-stage figures). */
    public Context eventLoop() {
        return context;
    }
}
