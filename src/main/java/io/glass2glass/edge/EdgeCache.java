package io.glass2glass.edge;

import io.glass2glass.http.LogText;
import io.glass2glass.http.LogThrottle;
import io.glass2glass.http.MalformedRequest;
import io.glass2glass.media.Cmcd;
import io.glass2glass.media.ObjectKind;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A caching reverse proxy tier, the harness's stand-in for a CDN edge or origin shield, in front of
 * any HTTP origin or of another {@code EdgeCache}.
 *
 * <ul>
 *   <li>Cache key: the request target as sent, query included (RFC 9111 §2); HEAD shares GET's entry
 *       and a HEAD miss fetches with GET, so that it fills the cache. One response is kept per key: under
 *       {@code Vary}, a request whose selecting fields differ (§4.1) fetches and replaces it.</li>
 *   <li>Storing and freshness: {@link CachePolicy} (RFC 9111 §3, §4.2), age per §4.2.3 summed across
 *       tiers, validation with the stored {@code ETag}/{@code Last-Modified} (§4.3), stale serving per
 *       RFC 5861, negative caching per the {@link EdgeProfile}.</li>
 *   <li>Request collapsing, streaming to every waiter as the body arrives: {@link Fill}.</li>
 *   <li>Storage bounded in bytes, LRU: {@link CacheStore}; objects above {@code maxObjectBytes} are
 *       streamed through without being stored.</li>
 *   <li>Methods other than GET/HEAD (OPTIONS preflights included) and requests with
 *       {@code Authorization} pass through ({@link PassThrough}); a successful unsafe method invalidates
 *       the target (§4.4). CONNECT and TRACE get 405.</li>
 *   <li>Answers carry {@code X-Cache} (HIT, MISS, COLLAPSED, STALE, REVALIDATED; PASS when passed
 *       through), {@code Age} and {@code Via: 1.1 {name}}; hop-by-hop fields are dropped both ways
 *       (RFC 9110 §7.6.1). The upstream's CORS fields pass through; the edge's own answers (400, 405,
 *       414, 431, 502, 504, 508 for a loop of tiers, {@code /health}, {@code /metrics}) carry
 *       {@code Access-Control-Allow-Origin: *} themselves.</li>
 *   <li>Request directives ({@code Cache-Control: no-cache} from a player) are not honoured, as CDNs
 *       do by default: the point of a shared cache is that one viewer cannot empty it for the others.</li>
 * </ul>
 *
 * <p>One edge can run as several instances, one per event loop ({@link #deploy}), sharing one port,
 * one store, one set of counters and one registry of fills: a fill streams to the waiters of its own
 * event loop as the body arrives, and a miss on another loop waits for it to settle and is then
 * answered from the store (still one upstream request per key). Each fill, waiter and upstream
 * request is confined to its event loop; the store and counters are synchronized. {@link #stats()}
 * and {@link #writePrometheus} may be called from any thread.
 *
 * <p>"Now" for freshness (RFC 9111 §4.2), {@code Age} (§4.2.3, §5.1), {@code Date} (RFC 9110 §6.6.1),
 * the stale windows (RFC 5861) and negative caching is read from an {@link InstantSource}, the system
 * clock unless one is given, so that tests can run lifetimes in virtual time. Connection and upstream
 * timeouts stay on the event loop's real timers.
 */
public final class EdgeCache extends VerticleBase implements MetricsSource {

    private static final System.Logger LOG = System.getLogger(EdgeCache.class.getName());

    /** Upstream connections per edge: enough that a herd of distinct misses does not queue behind a few sockets. */
    static final int UPSTREAM_POOL_SIZE = 256;
    static final int IDLE_TIMEOUT_SECONDS = 60;
    /** Below the 60 s idle timeout of most origins, so that a pooled connection is rarely closed under a request. */
    static final int UPSTREAM_KEEP_ALIVE_SECONDS = 30;
    static final int UPSTREAM_MAX_HEADER_SIZE = 64 * 1024;
    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE";
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final EdgeOptions options;
    private final EdgeProfile profile;
    private final EdgeCounters counters;
    /** Upstream failures, logged a few per 10 s (an outage fails every fill): shared by the instances. */
    private final LogThrottle upstreamFailures;
    private final CmcdTally cmcd;
    private final LogThrottle cmcdErrors;
    private final CachePolicy policy;
    private final CacheStore store;
    private final InstantSource clock;
    /** Fills that misses for their key may join, and background refreshes, one per key, over every instance. */
    private final Map<String, Fill> fills;
    /** The instance whose stop empties the shared store; the others stop with it. */
    private final boolean primary;
    private final List<EdgeCache> siblings = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Misses of this instance that waited for another instance's fill (tests read it). */
    final java.util.concurrent.atomic.AtomicLong waitedAcrossLoops = new java.util.concurrent.atomic.AtomicLong();
    private HttpServer server;
    private HttpClient client;
    /**
     * What the server listens on: the configured port, or for several instances on a free port a
     * negative id, which Vert.x turns into one random port shared by the servers that use it.
     */
    private int listenPort;
    private static final java.util.concurrent.atomic.AtomicInteger SHARED_RANDOM_PORTS = new java.util.concurrent.atomic.AtomicInteger();

    public EdgeCache(EdgeOptions options, EdgeProfile profile) {
        this(options, profile, InstantSource.system());
    }

    /** An edge that reads the time from {@code clock} for everything the class comment lists. */
    public EdgeCache(EdgeOptions options, EdgeProfile profile, InstantSource clock) {
        this.options = options;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.profile = profile;
        this.policy = new CachePolicy(profile);
        this.counters = new EdgeCounters();
        this.upstreamFailures = new LogThrottle(LOG, options.name() + ": upstream failures", 5, 10_000);
        this.cmcdErrors = new LogThrottle(LOG, options.name() + ": malformed CMCD (request served)", 5, 10_000);
        this.cmcd = new CmcdTally();
        this.store = new CacheStore(profile.cacheBytes(), counters);
        this.fills = new ConcurrentHashMap<>();
        this.primary = true;
        this.listenPort = options.port();
    }

    /** Another instance of {@code first}'s edge, sharing its store, counters, fills and listening port. */
    private EdgeCache(EdgeCache first) {
        this.options = first.options;
        this.listenPort = first.listenPort;
        this.profile = first.profile;
        this.policy = first.policy;
        this.counters = first.counters;
        this.upstreamFailures = first.upstreamFailures;
        this.cmcdErrors = first.cmcdErrors;
        this.cmcd = first.cmcd;
        this.store = first.store;
        this.fills = first.fills;
        this.clock = first.clock;
        this.primary = false;
    }

    /**
     * Deploys an edge as {@code instances} verticles on as many event loops, listening on one port
     * (Vert.x shares it and spreads connections over them); returns the first, which reports for all.
     */
    public static Future<EdgeCache> deploy(Vertx vertx, EdgeOptions options, EdgeProfile profile, int instances) {
        return deploy(vertx, options, profile, instances, InstantSource.system());
    }

    /** {@link #deploy(Vertx, EdgeOptions, EdgeProfile, int)} with every instance reading the time from {@code clock}. */
    public static Future<EdgeCache> deploy(Vertx vertx, EdgeOptions options, EdgeProfile profile, int instances,
            InstantSource clock) {
        if (instances < 1 || instances > 64) {
            return Future.failedFuture(new IllegalArgumentException("edge instances must be between 1 and 64: " + instances));
        }
        EdgeCache first = new EdgeCache(options, profile, clock);
        if (options.port() == 0 && instances > 1) {
            first.listenPort = -1 - SHARED_RANDOM_PORTS.getAndIncrement() % 1000;
        }
        Future<?> chain = vertx.deployVerticle(first);
        for (int i = 1; i < instances; i++) {
            chain = chain.compose(id -> {
                EdgeCache sibling = new EdgeCache(first);
                first.siblings.add(sibling);
                return vertx.deployVerticle(sibling);
            });
        }
        return chain.map(id -> first);
    }

    /** How many instances (event loops) serve this edge. */
    public int instances() {
        return 1 + siblings.size();
    }

    /** This instance and its siblings. */
    List<EdgeCache> all() {
        List<EdgeCache> all = new java.util.ArrayList<>(List.of(this));
        all.addAll(siblings);
        return all;
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(new HttpClientOptions()
                        .setName("g2g-edge-" + options.name())
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(UPSTREAM_KEEP_ALIVE_SECONDS)
                        .setPipelining(false)
                        .setDecompressionSupported(false)
                        .setMaxHeaderSize(UPSTREAM_MAX_HEADER_SIZE)
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.upstreamTimeoutMillis()))
                        .setForceSni(true),
                new PoolOptions().setHttp1MaxSize(UPSTREAM_POOL_SIZE));
        return listen(listenPort);
    }

    private Future<HttpServer> listen(int port) {
        server = vertx.createHttpServer(new HttpServerOptions()
                .setMaxInitialLineLength(options.maxInitialLineLength())
                .setMaxHeaderSize(options.maxHeaderSize())
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHandle100ContinueAutomatically(true)
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(false));
        server.requestHandler(this::handle).invalidRequestHandler(this::handleMalformed);
        return server.listen(port, options.host());
    }

    /** The port of a suspended instance, -1 while it listens; written on its context only. */
    private volatile int suspendedPort = -1;

    /**
     * A scripted edge-down: every instance of this edge closes its listening socket and its open
     * connections (Vert.x {@code HttpServer.close()}), so its players get connection refused or reset
     * as from a lost edge; the cache and the counters are kept. {@link #resume()} listens again on the
     * same port. Idempotent; call from any thread.
     */
    public Future<Void> suspend() {
        return Future.all(all().stream().map(EdgeCache::suspendInstance).toList()).mapEmpty();
    }

    /** Ends a {@link #suspend()}. Idempotent; call from any thread. */
    public Future<Void> resume() {
        return Future.all(all().stream().map(EdgeCache::resumeInstance).toList()).mapEmpty();
    }

    /** Whether {@link #suspend()} is in force. */
    public boolean suspended() {
        return suspendedPort >= 0;
    }

    private Future<Void> suspendInstance() {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
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

    private Future<Void> resumeInstance() {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
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

    @Override
    public Future<?> stop() {
        Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
        Future<Void> clientClosed = client == null ? Future.succeededFuture() : client.close();
        return Future.join(serverClosed, clientClosed).onComplete(done -> {
            if (primary) {
                store.clear();
            }
        });
    }

    /** The port listened on, once {@link #start()} has completed (the chosen one when configured with 0). */
    public int actualPort() {
        int suspended = suspendedPort;
        if (suspended >= 0) {
            return suspended;
        }
        if (server == null || server.actualPort() <= 0) {
            throw new IllegalStateException("edge " + options.name() + " is not listening");
        }
        return server.actualPort();
    }

    public EdgeOptions options() {
        return options;
    }

    public EdgeProfile profile() {
        return profile;
    }

    /** A consistent snapshot of the counters. */
    public EdgeStats stats() {
        return counters.snapshot(options.name(), profile.name());
    }

    @Override
    public void writePrometheus(PrometheusText out) {
        EdgeStats.writePrometheus(out, List.of(stats()));
        CmcdTally.writePrometheus(out, Map.of(options.name(), cmcd));
    }

    /** One {@link MetricsSource} for several edges on one {@code /metrics} page (each family written once). */
    public static MetricsSource metricsOf(List<EdgeCache> edges) {
        return out -> {
            EdgeStats.writePrometheus(out, edges.stream().map(EdgeCache::stats).toList());
            Map<String, CmcdTally> cmcd = new LinkedHashMap<>();
            edges.forEach(e -> cmcd.put(e.options.name(), e.cmcd));
            CmcdTally.writePrometheus(out, cmcd);
        };
    }

    // --- routing ------------------------------------------------------------------------------

    private void handle(HttpServerRequest request) {
        EdgeTarget parsed = EdgeTarget.parse(request.uri());
        if (parsed instanceof EdgeTarget.Refusal refusal) {
            reject(request, 400, refusal.reason());
            return;
        }
        EdgeTarget.Valid target = cmcd(request, (EdgeTarget.Valid) parsed);
        HttpMethod method = request.method();
        if (target.path().equals("/health") || target.path().equals("/metrics")) {
            own(request, target);
            return;
        }
        if (method.equals(HttpMethod.CONNECT) || method.equals(HttpMethod.TRACE)) {
            request.response().putHeader(HttpHeaders.ALLOW, ALLOWED_METHODS);
            reject(request, 405, "method " + method.name() + " not allowed");
            return;
        }
        if (ForwardedHeaders.loops(request.headers().getAll(HttpHeaderNames.VIA), options.name())) {
            request.response().setStatusMessage("Loop Detected");
            reject(request, 508, "request already passed through " + options.name() + " (Via): the tiers form a loop");
            return;
        }
        boolean cacheable = (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))
                && !request.headers().contains(HttpHeaders.AUTHORIZATION);
        if (cacheable) {
            lookup(request, target);
        } else {
            new PassThrough(this, request, target).start();
        }
    }

    /**
     * Counts the request's Common Media Client Data (CTA-5004 §2: the {@code CMCD} query argument or the
     * {@code CMCD-*} headers) and returns the target without the argument, which varies per request: a CDN caches
     * and forwards the object, not the report (CloudFront and Akamai drop it from the cache key alike).
     */
    private EdgeTarget.Valid cmcd(HttpServerRequest request, EdgeTarget.Valid target) {
        String text = null;
        int q = target.target().indexOf('?');
        if (q >= 0) {
            text = Cmcd.fromQuery(target.target().substring(q + 1));
        }
        if (text == null) {
            StringBuilder headers = new StringBuilder();
            for (String name : Cmcd.HEADERS) {
                String v = request.headers().get(name);
                if (v != null && !v.isBlank()) {
                    headers.append(headers.length() == 0 ? "" : ",").append(v.trim());
                }
            }
            text = headers.length() == 0 ? null : headers.toString();
        }
        if (text == null) {
            return target;
        }
        try {
            cmcd.record(Cmcd.parse(text));
        } catch (IllegalArgumentException e) {
            cmcd.malformed();
            cmcdErrors.log(Level.INFO, () -> LogText.printable(e.getMessage()));
        }
        String stripped = Cmcd.withoutQueryKey(target.target());
        return stripped.equals(target.target()) ? target : new EdgeTarget.Valid(stripped, target.path());
    }

    /** What this edge's viewers declared through CMCD. */
    public CmcdTally cmcd() {
        return cmcd;
    }

    /** GET or HEAD: fresh hit, stale-while-revalidate, join a fill, or fetch (RFC 9111 §4). */
    private void lookup(HttpServerRequest request, EdgeTarget.Valid target) {
        String key = target.target();
        ObjectKind urlClass = ObjectKind.ofPath(target.path());
        long now = clock.millis();
        CacheEntry entry = store.get(key);
        if (entry != null && !entry.matchesVary(request.headers())) {
            entry = null;
        }
        if (entry != null && entry.isFresh(now)) {
            serveStored(request, entry, CacheResult.HIT);
            return;
        }
        Fill inflight = fills.get(key);
        if (entry != null && entry.usableWhileRevalidating(now)) {
            serveStored(request, entry, CacheResult.STALE);
            if (inflight == null) {
                Fill refresh = new Fill(this, target, urlClass, entry, request);
                if (fills.putIfAbsent(key, refresh) == null) {
                    refresh.start(true);
                }
            }
            return;
        }
        if (profile.collapse() && inflight != null && wait(inflight, request, target)) {
            return;
        }
        Fill fill = new Fill(this, target, urlClass, entry, request);
        if (profile.collapse()) {
            // Claimed atomically: two event loops missing the same key at once still make one upstream request.
            Fill raced = fills.putIfAbsent(key, fill);
            if (raced != null && wait(raced, request, target)) {
                return;
            }
            if (raced != null) {
                fills.put(key, fill);
            }
        }
        fill.join(new Waiter(request, CacheResult.MISS));
        fill.start(profile.collapse());
    }

    /**
     * Waits on a fill for the same key: joins it on this event loop, or, when it runs on another,
     * asks again once it has settled (then most often a fresh hit, answered as COLLAPSED). False when
     * a fill of this loop is no longer joinable.
     */
    private boolean wait(Fill inflight, HttpServerRequest request, EdgeTarget.Valid target) {
        if (inflight.owner() == this) {
            if (!inflight.joinable()) {
                return false;
            }
            inflight.join(new Waiter(request, CacheResult.COLLAPSED));
            return true;
        }
        waitedAcrossLoops.incrementAndGet();
        inflight.onSettled(context, () -> afterFill(request, target));
        return true;
    }

    /** A request that waited for another event loop's fill: served from the store if it was kept, else looked up again. */
    private void afterFill(HttpServerRequest request, EdgeTarget.Valid target) {
        CacheEntry entry = store.get(target.target());
        long now = clock.millis();
        if (entry != null && entry.matchesVary(request.headers()) && entry.isFresh(now)) {
            serveStored(request, entry, CacheResult.COLLAPSED);
        } else {
            lookup(request, target);
        }
    }

    /** {@code /health} and {@code /metrics}: answered by the edge, never forwarded. */
    private void own(HttpServerRequest request, EdgeTarget.Valid target) {
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            request.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD");
            reject(request, 405, "method " + method.name() + " not allowed on " + target.path());
            return;
        }
        boolean health = target.path().equals("/health");
        Buffer body;
        if (health) {
            EdgeStats stats = stats();
            body = new JsonObject()
                    .put("status", "UP")
                    .put("edge", options.name())
                    .put("profile", profile.name())
                    .put("upstream", options.upstream().toString())
                    .put("storedBytes", stats.storedBytes())
                    .put("storedObjects", stats.storedObjects())
                    .toBuffer();
        } else {
            PrometheusText out = new PrometheusText();
            writePrometheus(out);
            body = Buffer.buffer(out.toString());
        }
        HttpServerResponse response = EdgeResponses.ownHeaders(request.response(), clock.millis(), options.name())
                .putHeader(HttpHeaders.CONTENT_TYPE, health ? "application/json" : PROMETHEUS_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, EdgeResponses.NO_STORE)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
        if (method.equals(HttpMethod.HEAD)) {
            response.end();
        } else {
            response.end(body);
        }
    }

    /** Requests Netty's HTTP decoder could not parse: answered so that they carry CORS too, then the connection closes. */
    private void handleMalformed(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        MalformedRequest malformed = MalformedRequest.of(cause, options.maxInitialLineLength(), options.maxHeaderSize());
        int status = malformed.status();
        String reason = malformed.reason();
        String detail = cause == null || cause.getMessage() == null ? "" : " (" + LogText.printable(cause.getMessage()) + ")";
        LOG.log(Level.INFO, () -> options.name() + ": rejected request from " + request.remoteAddress() + ": " + status + " "
                + reason + detail);
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        // The decoder has given up on this connection's byte stream, so nothing after this request can be read.
        EdgeResponses.error(request, status, reason, clock.millis(), options.name()).onComplete(done -> request.connection().close());
    }

    private void reject(HttpServerRequest request, int status, String reason) {
        LOG.log(Level.INFO, () -> options.name() + ": rejected " + request.method().name() + ' ' + LogText.printable(request.uri())
                + " from " + request.remoteAddress() + ": " + status + " " + reason);
        EdgeResponses.error(request, status, reason, clock.millis(), options.name());
    }

    // --- for Fill and PassThrough ----------------------------------------------------------------

    /** The edge's name, e.g. {@code edge-1}. */
    public String name() {
        return options.name();
    }

    /** Where this edge reads "now" (milliseconds since the epoch) for ages, freshness and Date. */
    InstantSource clock() {
        return clock;
    }

    /** Whether a fill or background refresh for {@code key} is in flight (tests wait for it to settle). */
    boolean filling(String key) {
        return fills.containsKey(key);
    }

    LogThrottle upstreamFailures() {
        return upstreamFailures;
    }

    EdgeCounters counters() {
        return counters;
    }

    CachePolicy policy() {
        return policy;
    }

    CacheStore store() {
        return store;
    }

    void register(Fill fill) {
        fills.put(fill.key, fill);
    }

    void unregister(Fill fill) {
        fills.remove(fill.key, fill);
    }

    /** A collapsed request that may not share the response it waited for fetches on its own. */
    void fetchAlone(HttpServerRequest request, EdgeTarget.Valid target, ObjectKind urlClass) {
        Fill fill = new Fill(this, target, urlClass, null, request);
        fill.join(new Waiter(request, CacheResult.MISS));
        fill.start(false);
    }

    /** RFC 9111 §4.4: the stored response and any fill in flight for {@code key} are no longer to be trusted. */
    void invalidate(String key) {
        store.remove(key);
        Fill fill = fills.get(key);
        if (fill != null && fill.owner() == this) {
            fill.invalidate();
        } else if (fill != null) {
            fill.owner().context.runOnContext(v -> fill.invalidate());
        }
    }

    void serveStored(HttpServerRequest request, CacheEntry entry, CacheResult result) {
        counters.request(entry.objectClass, result, entry.key);
        EdgeResponses.serveStored(request, entry, result, clock.millis(), options.name(),
                bytes -> counters.served(entry.objectClass, bytes));
    }

    /** A request to the upstream for {@code target} (prefixed), with the upstream timeout as connect and idle timeout. */
    Future<HttpClientRequest> openUpstream(HttpMethod method, String target, MultiMap headers) {
        String host = options.upstream().getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return client.request(new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(options.upstreamPort())
                .setSsl(options.upstreamTls())
                .setURI(options.upstreamPrefix() + target)
                .setHeaders(headers)
                .setConnectTimeout(options.upstreamTimeoutMillis())
                .setIdleTimeout(options.upstreamTimeoutMillis()));
    }

    /** Whether an upstream failure is a timeout (504) rather than a refused or broken connection (502). */
    static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof ConnectTimeoutException;
    }

    /** The event loop this verticle runs on, once deployed (for {@code StageMeter}'s per-stage figures). */
    public Context eventLoop() {
        return context;
    }
}
