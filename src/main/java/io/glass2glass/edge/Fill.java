package io.glass2glass.edge;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One upstream GET for a cache key and the viewers waiting on it: a miss, a revalidation of a stale
 * entry (RFC 9111 §4.3.1, with {@code If-None-Match}/{@code If-Modified-Since}), or a background
 * refresh (RFC 5861 §3).
 *
 * <p>Request collapsing: while the fill is registered with its {@link EdgeCache}, later misses for
 * the key join it instead of going upstream. Every waiter gets the body as it streams in; one that
 * joins late first gets what has arrived so far. While the body is being kept for storage (it fits
 * {@code maxObjectBytes}), each waiter reads it at its own pace from the kept chunks, so a slow viewer
 * delays neither the others nor the cache fill; the kept chunks are what bounds memory. An object
 * that is not kept is streamed through: the upstream response is paused while any waiter's write
 * queue is full and resumed when they have all drained.
 *
 * <p>A response that may not be shared ({@code no-store}, {@code private}, {@code Vary: *}, or a
 * {@code Vary} the waiter's request does not match) goes to the request that caused the fetch only;
 * the others are fetched again one by one, as Varnish does with its waiting list.
 *
 * <p>Lives on the edge's event loop; nothing here blocks.
 */
final class Fill {

    /** Larger upstream bodies are refused (502 before the head is sent, a reset after). */
    static final long MAX_UPSTREAM_BODY_BYTES = 1L << 30;

    private static final System.Logger LOG = System.getLogger(Fill.class.getName());

    private enum State { AWAITING_HEAD, STREAMING, DONE }

    final String key;
    private final EdgeCache edge;
    private final EdgeTarget.Valid target;
    private final ObjectKind urlClass;
    /** The stored response being revalidated or refreshed, served on upstream errors within stale-if-error; may be null. */
    private final CacheEntry stale;
    private final MultiMap clientHeaders;
    private final String clientAddress;
    private final List<Waiter> waiters = new ArrayList<>();

    private State state = State.AWAITING_HEAD;
    private boolean registered;
    /** Requests on other event loops waiting for this fill to settle (then served from the store): context and action. */
    private final List<Map.Entry<Context, Runnable>> remoteWaiters = new ArrayList<>();
    private boolean settled;
    private boolean invalidated;
    private HttpClientRequest upstreamRequest;
    private HttpClientResponse upstream;
    private long requestTimeMillis;
    private long responseTimeMillis;
    private long correctedInitialAgeMillis;
    private int status;
    private MultiMap storedHeaders;
    private long contentLength = -1;
    private CachePolicy.Verdict verdict;
    private ObjectKind objectClass;
    /** The body so far while it is kept for storage and late joiners; null once streaming through. */
    private List<Buffer> chunks;
    private boolean complete;
    private long received;
    private boolean paused;

    /**
     * @param cause the request whose miss starts the fetch: its header fields are forwarded and select
     *     the response under {@code Vary}
     */
    Fill(EdgeCache edge, EdgeTarget.Valid target, ObjectKind urlClass, CacheEntry stale, HttpServerRequest cause) {
        this.edge = edge;
        this.key = target.target();
        this.target = target;
        this.urlClass = urlClass;
        this.stale = stale;
        this.clientHeaders = MultiMap.caseInsensitiveMultiMap().addAll(cause.headers());
        this.clientAddress = cause.remoteAddress() == null ? null : cause.remoteAddress().hostAddress();
    }

    /** The edge instance (event loop) this fill runs on. */
    EdgeCache owner() {
        return edge;
    }

    /**
     * Runs {@code then} on {@code context} once this fill is no longer joinable (stored, refused for
     * storage, failed or invalidated): how a request on another event loop waits for it. Any thread.
     */
    void onSettled(Context context, Runnable then) {
        synchronized (remoteWaiters) {
            if (!settled) {
                remoteWaiters.add(Map.entry(context, then));
                return;
            }
        }
        context.runOnContext(v -> then.run());
    }

    /** Whether a miss for the key may wait on this fill rather than fetch. */
    boolean joinable() {
        return registered;
    }

    /** Sends the upstream request; {@code register} makes the fill joinable until its body is known not to be kept. */
    void start(boolean register) {
        if (register) {
            registered = true;
            edge.register(this);
        }
        MultiMap headers = ForwardedHeaders.fetchRequest(clientHeaders, edge.name(), clientAddress);
        if (stale != null && stale.etag() != null) {
            headers.set(HttpHeaders.IF_NONE_MATCH, stale.etag());
        }
        if (stale != null && stale.lastModified() != null) {
            headers.set(HttpHeaders.IF_MODIFIED_SINCE, stale.lastModified());
        }
        send(headers, true);
    }

    private void send(MultiMap headers, boolean mayRetry) {
        requestTimeMillis = edge.clock().millis();
        edge.openUpstream(HttpMethod.GET, target.target(), headers)
                .compose(request -> {
                    upstreamRequest = request;
                    return request.send();
                })
                .onComplete(sent -> {
                    if (state != State.AWAITING_HEAD) {
                        if (sent.succeeded()) {
                            sent.result().exceptionHandler(e -> { });
                            sent.result().request().reset();
                        }
                    } else if (sent.failed() && mayRetry && sent.cause() instanceof HttpClosedException) {
                        // A pooled connection the upstream closed while idle: the request never reached it,
                        // and a GET may be sent again (RFC 9110 §9.2.2), as CDNs do.
                        send(headers, false);
                    } else if (sent.failed()) {
                        failedBeforeHead(sent.cause());
                    } else {
                        onHead(sent.result());
                    }
                });
    }

    /** Adds a viewer; once the head is known it is answered at once and sent the body received so far. */
    void join(Waiter waiter) {
        waiters.add(waiter);
        waiter.response.closeHandler(v -> detach(waiter));
        waiter.response.exceptionHandler(e -> detach(waiter));
        if (state == State.STREAMING) {
            sendHead(waiter);
            if (!waiter.finished && chunks != null) {
                pump(waiter);
            }
        }
    }

    /** A write to the key succeeded (RFC 9111 §4.4): whatever this fill receives must not be stored. */
    void invalidate() {
        invalidated = true;
        unregister();
    }

    private void onHead(HttpClientResponse response) {
        upstream = response;
        responseTimeMillis = edge.clock().millis();
        status = response.statusCode();
        MultiMap headers = response.headers();
        if (status == 304 && stale != null) {
            revalidated();
            return;
        }
        objectClass = CachePolicy.classOf(urlClass, status);
        edge.counters().originRequest(objectClass);
        if (status >= 500 && stale != null && stale.usableOnError(responseTimeMillis)) {
            response.handler(b -> edge.counters().originBytes(objectClass, b.length()));
            response.exceptionHandler(e -> { });
            edge.upstreamFailures().log(Level.INFO, () -> edge.name() + ": upstream answered " + status + " for " + key + ", serving stale");
            serveStaleToAll();
            return;
        }
        contentLength = contentLength(headers.get(HttpHeaders.CONTENT_LENGTH));
        if (contentLength > MAX_UPSTREAM_BODY_BYTES) {
            LOG.log(Level.WARNING, () -> edge.name() + ": upstream Content-Length " + contentLength + " for " + key
                    + " exceeds " + MAX_UPSTREAM_BODY_BYTES);
            response.exceptionHandler(e -> { });
            response.request().reset();
            failAll(502, "upstream object larger than " + MAX_UPSTREAM_BODY_BYTES + " bytes");
            return;
        }
        verdict = edge.policy().evaluate(urlClass, status, headers, responseTimeMillis);
        storedHeaders = ForwardedHeaders.response(headers);
        if (!storedHeaders.contains(HttpHeaders.DATE)) {
            // RFC 9110 §6.6.1: a recipient with a clock adds the Date an origin left out.
            storedHeaders.set(HttpHeaders.DATE, HttpDate.format(responseTimeMillis));
        }
        correctedInitialAgeMillis = CacheEntry.correctedInitialAgeMillis(headers, requestTimeMillis, responseTimeMillis);
        boolean keep = verdict.storable() && !invalidated
                && (contentLength < 0 || contentLength <= edge.profile().maxObjectBytes());
        chunks = keep ? new ArrayList<>() : null;
        if (!keep) {
            unregister();
        }
        state = State.STREAMING;
        Map<String, String> selecting = CacheEntry.varyValues(verdict.vary(), clientHeaders);
        for (Waiter waiter : List.copyOf(waiters)) {
            if (waiter.result != CacheResult.MISS && (!verdict.shareable()
                    || !selecting.equals(CacheEntry.varyValues(verdict.vary(), waiter.request.headers())))) {
                waiters.remove(waiter);
                edge.fetchAlone(waiter.request, target, urlClass);
            } else {
                sendHead(waiter);
            }
        }
        response.handler(this::onChunk);
        response.endHandler(v -> onEnd());
        response.exceptionHandler(this::onBodyFailure);
        if (waiters.isEmpty() && chunks == null) {
            abort();
        }
    }

    /** A 304 to our conditional request: the stored response is freshened (RFC 9111 §4.3.4) and answers everyone. */
    private void revalidated() {
        upstream.exceptionHandler(e -> { });
        edge.counters().originRequest(stale.objectClass);
        MultiMap merged = stale.headersUpdatedBy(upstream.headers());
        CachePolicy.Verdict updated = edge.policy().evaluate(urlClass, stale.status, merged, responseTimeMillis);
        CacheEntry fresh = stale.freshened(merged, upstream.headers(), requestTimeMillis, responseTimeMillis, updated.freshness());
        if (!invalidated) {
            if (updated.storable() && updated.shareable()) {
                edge.store().put(fresh);
            } else {
                edge.store().remove(key);
            }
        }
        state = State.DONE;
        unregister();
        for (Waiter waiter : List.copyOf(waiters)) {
            waiters.remove(waiter);
            if (waiter.result != CacheResult.MISS && (!updated.shareable() || !fresh.matchesVary(waiter.request.headers()))) {
                edge.fetchAlone(waiter.request, target, urlClass);
            } else if (!waiter.response.closed()) {
                edge.serveStored(waiter.request, fresh, waiter.result == CacheResult.MISS ? CacheResult.REVALIDATED : waiter.result);
            }
        }
    }

    /** Status and header fields for one waiter, with its byte range when the length is known. */
    private void sendHead(Waiter waiter) {
        if (waiter.response.closed()) {
            detach(waiter);
            return;
        }
        long ageSeconds = (correctedInitialAgeMillis + Math.max(0, edge.clock().millis() - responseTimeMillis)) / 1000;
        EdgeResponses.head(waiter.response, status, storedHeaders, ageSeconds, waiter.result, edge.name());
        edge.counters().request(objectClass, waiter.result, key);
        if (status == 204 || status == 304 || status < 200) {
            finish(waiter);
            return;
        }
        if (contentLength >= 0) {
            long length = contentLength;
            ByteRange range = status == 200 ? EdgeResponses.requestedRange(waiter.request, contentLength,
                    storedHeaders.get(HttpHeaders.ETAG), storedHeaders.get(HttpHeaders.LAST_MODIFIED)) : null;
            if (range == ByteRange.UNSATISFIABLE) {
                waiter.response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, ByteRange.unsatisfied(contentLength));
                length = 0;
                waiter.last = -1;
            } else if (range != null) {
                waiter.response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(contentLength));
                waiter.first = range.first();
                waiter.last = range.last();
                length = range.length();
            }
            waiter.response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
            if (length == 0 && range != null) {
                finish(waiter);
                return;
            }
        } else if (!waiter.head) {
            waiter.response.setChunked(true);
        }
        if (waiter.head) {
            finish(waiter);
        }
    }

    private void onChunk(Buffer chunk) {
        if (state != State.STREAMING) {
            return;
        }
        received += chunk.length();
        edge.counters().originBytes(objectClass, chunk.length());
        if (received > MAX_UPSTREAM_BODY_BYTES) {
            onBodyFailure(new IllegalStateException("upstream body longer than " + MAX_UPSTREAM_BODY_BYTES + " bytes"));
            upstream.request().reset();
            return;
        }
        if (chunks != null) {
            chunks.add(chunk);
            if (received <= edge.profile().maxObjectBytes()) {
                if (received == contentLength) {
                    // Complete by its framing: stored before the last bytes go out, so that a viewer
                    // who has the whole body and asks again finds it stored.
                    onEnd();
                    return;
                }
                for (Waiter waiter : List.copyOf(waiters)) {
                    pump(waiter);
                }
                return;
            }
            streamThrough();
        } else {
            for (Waiter waiter : List.copyOf(waiters)) {
                write(waiter, chunk);
            }
        }
        pauseIfBacklogged();
        if (waiters.isEmpty()) {
            abort();
        }
    }

    /** The body outgrew {@code maxObjectBytes}: everyone gets what was kept, then chunks go straight through. */
    private void streamThrough() {
        for (Waiter waiter : List.copyOf(waiters)) {
            while (!waiter.finished && waiter.nextChunk < chunks.size()) {
                write(waiter, chunks.get(waiter.nextChunk++));
            }
        }
        chunks = null;
        unregister();
        LOG.log(Level.DEBUG, () -> edge.name() + ": " + key + " is larger than maxObjectBytes, streamed without storing");
    }

    private void onEnd() {
        if (state != State.STREAMING) {
            return;
        }
        state = State.DONE;
        complete = true;
        if (chunks != null && !invalidated) {
            edge.store().put(new CacheEntry(key, objectClass, status, storedHeaders, chunks, received,
                    CacheEntry.varyValues(verdict.vary(), clientHeaders), responseTimeMillis, correctedInitialAgeMillis,
                    verdict.freshness()));
        }
        unregister();
        for (Waiter waiter : List.copyOf(waiters)) {
            if (chunks != null) {
                pump(waiter);
            } else {
                finish(waiter);
            }
        }
    }

    /** Writes the kept chunks a waiter has not had yet, until its write queue is full. */
    private void pump(Waiter waiter) {
        while (!waiter.finished && waiter.nextChunk < chunks.size()) {
            if (waiter.response.closed()) {
                detach(waiter);
                return;
            }
            if (waiter.response.writeQueueFull()) {
                waiter.response.drainHandler(v -> onDrain(waiter));
                return;
            }
            write(waiter, chunks.get(waiter.nextChunk++));
        }
        if (!waiter.finished && complete && waiter.nextChunk == chunks.size()) {
            finish(waiter);
        }
    }

    /** Writes the part of {@code chunk} inside the waiter's range; ends the waiter once its range is done. */
    private void write(Waiter waiter, Buffer chunk) {
        long start = waiter.position;
        waiter.position += chunk.length();
        if (waiter.position > waiter.first && start <= waiter.last) {
            int from = (int) Math.max(0, waiter.first - start);
            int to = (int) (Math.min(chunk.length() - 1, waiter.last - start) + 1);
            Buffer slice = from == 0 && to == chunk.length() ? chunk : chunk.slice(from, to);
            waiter.response.write(slice);
            edge.counters().served(objectClass, slice.length());
        }
        if (waiter.position > waiter.last) {
            finish(waiter);
        }
    }

    private void onDrain(Waiter waiter) {
        if (waiter.finished) {
            return;
        }
        if (chunks != null) {
            pump(waiter);
        } else {
            resumeIfDrained();
        }
    }

    /** Streaming through: stop reading upstream while any waiter cannot take more. */
    private void pauseIfBacklogged() {
        if (paused || chunks != null || state != State.STREAMING) {
            return;
        }
        for (Waiter waiter : waiters) {
            if (waiter.response.writeQueueFull()) {
                paused = true;
                waiter.response.drainHandler(v -> onDrain(waiter));
            }
        }
        if (paused) {
            upstream.pause();
        }
    }

    private void resumeIfDrained() {
        if (!paused || state != State.STREAMING) {
            return;
        }
        for (Waiter waiter : waiters) {
            if (waiter.response.writeQueueFull()) {
                return;
            }
        }
        paused = false;
        upstream.resume();
    }

    /** The waiter has all it will get: end its response (the head already carries the length). */
    private void finish(Waiter waiter) {
        if (waiter.finished) {
            return;
        }
        waiter.finished = true;
        waiters.remove(waiter);
        if (!waiter.response.ended() && !waiter.response.closed()) {
            waiter.response.drainHandler(null);
            waiter.response.end();
        }
        afterWaiterLeft();
    }

    /** The viewer went away. */
    private void detach(Waiter waiter) {
        if (waiter.finished) {
            return;
        }
        waiter.finished = true;
        waiters.remove(waiter);
        afterWaiterLeft();
    }

    private void afterWaiterLeft() {
        if (state == State.STREAMING && chunks == null && waiters.isEmpty()) {
            abort();
        } else {
            resumeIfDrained();
        }
    }

    /** The upstream failed mid-body: the heads are out, so each viewer's connection is reset, and nothing is stored. */
    private void onBodyFailure(Throwable cause) {
        if (state != State.STREAMING) {
            return;
        }
        state = State.DONE;
        unregister();
        edge.upstreamFailures().log(Level.INFO, () -> edge.name() + ": upstream failed after " + received + " body bytes of " + key + ": " + cause);
        for (Waiter waiter : List.copyOf(waiters)) {
            waiter.finished = true;
            waiter.response.reset();
        }
        waiters.clear();
    }

    /** No answer at all: stale-if-error (RFC 5861 §4) when the stored response allows, else 504 on a timeout, 502 otherwise. */
    private void failedBeforeHead(Throwable cause) {
        state = State.DONE;
        unregister();
        edge.counters().originRequest(ObjectKind.ERROR);
        boolean timeout = EdgeCache.isTimeout(cause);
        if (stale != null && stale.usableOnError(edge.clock().millis())) {
            edge.upstreamFailures().log(Level.INFO, () -> edge.name() + ": upstream failed for " + key + " (" + cause + "), serving stale");
            serveStaleToAll();
            return;
        }
        edge.upstreamFailures().log(Level.INFO, () -> edge.name() + ": upstream failed for " + key + ": " + cause);
        failAll(timeout ? 504 : 502, timeout ? "upstream timed out" : "upstream connection failed");
    }

    private void serveStaleToAll() {
        state = State.DONE;
        unregister();
        for (Waiter waiter : List.copyOf(waiters)) {
            if (!waiter.response.closed()) {
                edge.serveStored(waiter.request, stale, CacheResult.STALE);
            }
        }
        waiters.clear();
    }

    private void failAll(int errorStatus, String reason) {
        state = State.DONE;
        unregister();
        for (Waiter waiter : List.copyOf(waiters)) {
            if (!waiter.response.closed()) {
                edge.counters().request(ObjectKind.ERROR, waiter.result, key);
                EdgeResponses.error(waiter.request, errorStatus, reason, edge.clock().millis(), edge.name());
            }
        }
        waiters.clear();
    }

    private void abort() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        unregister();
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }

    private void unregister() {
        if (registered) {
            registered = false;
            edge.unregister(this);
            List<Map.Entry<Context, Runnable>> waiting;
            synchronized (remoteWaiters) {
                settled = true;
                waiting = List.copyOf(remoteWaiters);
                remoteWaiters.clear();
            }
            waiting.forEach(w -> w.getKey().runOnContext(v -> w.getValue().run()));
        }
    }

    /** A Content-Length of digits only (RFC 9110 §8.6), or -1; Vert.x has already refused conflicting values. */
    private static long contentLength(String value) {
        if (value == null) {
            return -1;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 18) {
            return v.isEmpty() ? -1 : Long.MAX_VALUE;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(v);
    }
}
