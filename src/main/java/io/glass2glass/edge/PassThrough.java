package io.glass2glass.edge;

import io.glass2glass.media.ObjectKind;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.lang.System.Logger.Level;

/**
 * A request forwarded without the cache: methods other than GET and HEAD (OPTIONS preflights
 * included) and requests carrying {@code Authorization} (RFC 9111 §3.5). The request body and the
 * response stream through with back-pressure in both directions. A 2xx or 3xx answer to an unsafe
 * method invalidates the stored response for the target (RFC 9111 §4.4).
 */
final class PassThrough {

    private static final System.Logger LOG = System.getLogger(PassThrough.class.getName());

    private final EdgeCache edge;
    private final HttpServerRequest request;
    private final EdgeTarget.Valid target;
    private final ObjectKind urlClass;
    private HttpClientRequest upstreamRequest;
    private ObjectKind objectClass;

    PassThrough(EdgeCache edge, HttpServerRequest request, EdgeTarget.Valid target) {
        this.edge = edge;
        this.request = request;
        this.target = target;
        this.urlClass = ObjectKind.ofPath(target.path());
    }

    void start() {
        boolean hasBody = request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || (request.headers().contains(HttpHeaders.CONTENT_LENGTH) && !"0".equals(request.getHeader(HttpHeaders.CONTENT_LENGTH)));
        if (hasBody) {
            // The body waits in the connection until the upstream request can take it.
            request.pause();
        }
        String clientAddress = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        MultiMap headers = ForwardedHeaders.passRequest(request.headers(), edge.name(), clientAddress);
        request.response().closeHandler(v -> {
            if (upstreamRequest != null && !request.response().ended()) {
                upstreamRequest.reset();
            }
        });
        request.response().exceptionHandler(e -> { });
        edge.openUpstream(request.method(), target.target(), headers)
                .compose(upstream -> {
                    upstreamRequest = upstream;
                    return hasBody ? upstream.send(request) : upstream.send();
                })
                .onComplete(sent -> {
                    if (sent.succeeded()) {
                        respond(sent.result());
                    } else {
                        failed(sent.cause());
                    }
                });
    }

    private void respond(HttpClientResponse upstream) {
        int status = upstream.statusCode();
        objectClass = CachePolicy.classOf(urlClass, status);
        edge.counters().originRequest(objectClass);
        HttpMethod method = request.method();
        boolean unsafe = !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD) && !method.equals(HttpMethod.OPTIONS);
        if (unsafe && status >= 200 && status < 400) {
            edge.invalidate(target.target());
        }
        HttpServerResponse response = request.response();
        if (response.closed()) {
            upstream.request().reset();
            return;
        }
        edge.counters().request(objectClass, CacheResult.PASS, target.target());
        MultiMap headers = ForwardedHeaders.response(upstream.headers());
        response.setStatusCode(status);
        response.headers().addAll(headers)
                .set(HttpHeaderNames.VIA, ForwardedHeaders.via(String.join(", ", headers.getAll(HttpHeaderNames.VIA)), edge.name()))
                .set(EdgeResponses.X_CACHE, CacheResult.PASS.header());
        String age = upstream.getHeader(HttpHeaders.AGE);
        if (age != null) {
            response.putHeader(HttpHeaders.AGE, age);
        }
        String length = upstream.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean bodiless = method.equals(HttpMethod.HEAD) || status == 204 || status == 304 || status < 200;
        if (length != null) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else if (!bodiless) {
            response.setChunked(true);
        }
        upstream.handler(chunk -> {
            edge.counters().originBytes(objectClass, chunk.length());
            if (response.closed()) {
                return;
            }
            response.write(chunk);
            edge.counters().served(objectClass, chunk.length());
            if (response.writeQueueFull()) {
                upstream.pause();
                response.drainHandler(v -> upstream.resume());
            }
        });
        upstream.endHandler(v -> {
            if (!response.closed()) {
                response.end();
            }
        });
        upstream.exceptionHandler(e -> {
            LOG.log(Level.INFO, () -> edge.name() + ": upstream failed while passing " + method.name() + ' ' + target.target()
                    + " through: " + e);
            response.reset();
        });
    }

    private void failed(Throwable cause) {
        edge.counters().originRequest(ObjectKind.ERROR);
        if (request.response().closed()) {
            return;
        }
        boolean timeout = EdgeCache.isTimeout(cause);
        LOG.log(Level.INFO, () -> edge.name() + ": upstream failed for " + request.method().name() + ' ' + target.target() + ": " + cause);
        edge.counters().request(ObjectKind.ERROR, CacheResult.PASS, target.target());
        EdgeResponses.error(request, timeout ? 504 : 502, timeout ? "upstream timed out" : "upstream connection failed",
                edge.clock().millis(), edge.name());
    }
}
