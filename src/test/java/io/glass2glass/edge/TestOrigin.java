package io.glass2glass.edge;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scriptable HTTP origin for edge tests: one {@link Reply} per method and target, every request
 * recorded, bodies optionally sent slowly in chunks, conditionals answered with 304, and
 * {@link #stop()} to take it down. Its {@code Date} comes from the clock the edges read, so that
 * apparent ages (RFC 9111 §4.2.3) agree with the edges' virtual time.
 */
final class TestOrigin {

    /**
     * What the origin answers.
     *
     * @param chunks the body is written in this many pieces, {@code chunkIntervalMillis} apart
     * @param delayMillis wait before the head is sent
     * @param withLength send Content-Length (else chunked)
     */
    record Reply(int status, Map<String, String> headers, byte[] body, int chunks, long chunkIntervalMillis,
            long delayMillis, boolean withLength) {

        static Reply ok(byte[] body) {
            return new Reply(200, Map.of(), body, 1, 0, 0, true);
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), ("status " + status + "\n").getBytes(), 1, 0, 0, true);
        }

        Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, chunks, chunkIntervalMillis, delayMillis, withLength);
        }

        Reply cacheControl(String value) {
            return header("Cache-Control", value);
        }

        Reply slowly(int pieces, long intervalMillis) {
            return new Reply(status, headers, body, pieces, intervalMillis, delayMillis, withLength);
        }

        Reply delayed(long millis) {
            return new Reply(status, headers, body, chunks, chunkIntervalMillis, millis, withLength);
        }

        Reply withoutLength() {
            return new Reply(status, headers, body, chunks, chunkIntervalMillis, delayMillis, false);
        }
    }

    /** A request as the origin saw it. */
    record Received(HttpMethod method, String uri, MultiMap headers, byte[] body, long atNanos) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx;
    private final InstantSource clock;
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> lastBodyByteNanos = new ConcurrentHashMap<>();
    private HttpServer server;

    TestOrigin(Vertx vertx, InstantSource clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    int start() {
        server = vertx.createHttpServer();
        server.requestHandler(this::handle);
        EdgeHarness.await(server.listen(0, "127.0.0.1"));
        return server.actualPort();
    }

    int port() {
        return server.actualPort();
    }

    /** Closes the listener and every connection: the edge's next attempt is refused. */
    void stop() {
        EdgeHarness.await(server.close());
    }

    /** What GET (and HEAD) of {@code uri} answer. */
    TestOrigin route(String uri, Reply reply) {
        return route(HttpMethod.GET, uri, reply);
    }

    TestOrigin route(HttpMethod method, String uri, Reply reply) {
        routes.put(method.name() + ' ' + uri, reply);
        return this;
    }

    /** Requests of any method for {@code uri}. */
    int requests(String uri) {
        return received(uri).size();
    }

    List<Received> received(String uri) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received) {
            if (r.uri().equals(uri)) {
                matching.add(r);
            }
        }
        return matching;
    }

    Received last(String uri) {
        List<Received> all = received(uri);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    int totalRequests() {
        return received.size();
    }

    /** When the last body byte of {@code uri} was handed to the socket (System.nanoTime). */
    long lastBodyByteNanos(String uri) {
        return lastBodyByteNanos.getOrDefault(uri, Long.MAX_VALUE);
    }

    private void handle(HttpServerRequest request) {
        long at = System.nanoTime();
        request.body().onSuccess(body -> {
            received.add(new Received(request.method(), request.uri(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.getBytes(), at));
            HttpMethod routeMethod = request.method().equals(HttpMethod.HEAD) ? HttpMethod.GET : request.method();
            Reply reply = routes.get(routeMethod.name() + ' ' + request.uri());
            if (reply == null) {
                reply = Reply.status(404).cacheControl("no-store");
            }
            Reply chosen = reply;
            if (chosen.delayMillis() > 0) {
                vertx.setTimer(chosen.delayMillis(), t -> answer(request, chosen));
            } else {
                answer(request, chosen);
            }
        });
    }

    private void answer(HttpServerRequest request, Reply reply) {
        HttpServerResponse response = request.response();
        response.putHeader(HttpHeaders.DATE, HttpDate.format(clock.millis()));
        reply.headers().forEach(response::putHeader);
        if (notModified(request, reply)) {
            response.setStatusCode(304);
            response.headers().remove(HttpHeaders.CONTENT_TYPE);
            response.end();
            return;
        }
        response.setStatusCode(reply.status());
        boolean head = request.method().equals(HttpMethod.HEAD);
        // A scripted (possibly false) Content-Length is sent as is.
        boolean scriptedLength = reply.headers().containsKey("Content-Length");
        if (reply.withLength() && !scriptedLength) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(reply.body().length));
        } else if (!reply.withLength() && !scriptedLength && !head) {
            response.setChunked(true);
        }
        if (head || reply.body().length == 0) {
            response.end();
            lastBodyByteNanos.put(request.uri(), System.nanoTime());
            return;
        }
        int pieces = Math.max(1, Math.min(reply.chunks(), reply.body().length));
        writePiece(request, reply, 0, pieces);
    }

    private void writePiece(HttpServerRequest request, Reply reply, int index, int pieces) {
        HttpServerResponse response = request.response();
        if (response.closed()) {
            return;
        }
        byte[] body = reply.body();
        int from = (int) ((long) body.length * index / pieces);
        int to = (int) ((long) body.length * (index + 1) / pieces);
        Buffer piece = Buffer.buffer(Arrays.copyOfRange(body, from, to));
        if (index == pieces - 1) {
            response.end(piece);
            lastBodyByteNanos.put(request.uri(), System.nanoTime());
        } else {
            response.write(piece);
            vertx.setTimer(Math.max(1, reply.chunkIntervalMillis()), t -> writePiece(request, reply, index + 1, pieces));
        }
    }

    /** A 304 when the reply's ETag matches If-None-Match, or without that, Last-Modified is not after If-Modified-Since. */
    private static boolean notModified(HttpServerRequest request, Reply reply) {
        if (reply.status() != 200) {
            return false;
        }
        String etag = reply.headers().get("ETag");
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return etag != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("*"));
        }
        String lastModified = reply.headers().get("Last-Modified");
        String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        return lastModified != null && ifModifiedSince != null
                && HttpDate.parseSeconds(lastModified) <= HttpDate.parseSeconds(ifModifiedSince);
    }
}
