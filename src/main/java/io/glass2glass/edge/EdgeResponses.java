package io.glass2glass.edge;

import io.glass2glass.http.EntityTags;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * How the edge writes to viewers: stored responses (with ranges, HEAD and the viewer's own
 * conditionals), the head of a response streaming in from upstream, and the edge's own errors.
 */
final class EdgeResponses {

    static final String X_CACHE = "X-Cache";
    static final String TEXT_TYPE = "text/plain; charset=utf-8";
    static final String NO_STORE = "no-store";
    static final String EXPOSED_HEADERS =
            "Content-Length, Content-Type, Content-Range, Cache-Control, Date, Age, ETag, Last-Modified, X-Cache, Via";

    private EdgeResponses() {}

    /**
     * Answers {@code request} from a stored response: 304 when the viewer's own validators match
     * (RFC 9110 §13.1.1, §13.1.3, as RFC 9111 §4.3.2 asks of a cache), 206 or 416 for one byte range of
     * a 200 (RFC 9110 §14.2; GET only, honouring If-Range), the head only for HEAD, else the whole body.
     *
     * @param served counts the body bytes written
     */
    static void serveStored(HttpServerRequest request, CacheEntry entry, CacheResult result, long now, String edgeName,
            LongConsumer served) {
        HttpServerResponse response = request.response();
        head(response, entry.status, entry.headers, entry.ageSeconds(now), result, edgeName);
        boolean bodiless = entry.status == 204 || entry.status == 304 || entry.status < 200;
        if (entry.status == 200) {
            if (!response.headers().contains(HttpHeaders.ACCEPT_RANGES)) {
                response.putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            }
            if (notModified(request, entry.etag(), entry.lastModified())) {
                response.setStatusCode(304).end();
                return;
            }
        }
        long first = 0;
        long last = entry.bodyLength - 1;
        ByteRange range = entry.status == 200 ? requestedRange(request, entry.bodyLength, entry.etag(), entry.lastModified()) : null;
        if (range == ByteRange.UNSATISFIABLE) {
            response.setStatusCode(416)
                    .putHeader(HttpHeaders.CONTENT_RANGE, ByteRange.unsatisfied(entry.bodyLength))
                    .putHeader(HttpHeaders.CONTENT_LENGTH, "0")
                    .end();
            return;
        }
        if (range != null) {
            first = range.first();
            last = range.last();
            response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(entry.bodyLength));
        }
        if (bodiless) {
            response.end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(last - first + 1));
        if (request.method().equals(HttpMethod.HEAD)) {
            response.end();
            return;
        }
        new BodyWrite(response, entry.body, first, last, served).pump();
    }

    /** Status and end-to-end header fields of a cached or fetched answer, with this tier's Age, X-Cache and Via. */
    static void head(HttpServerResponse response, int status, MultiMap headers, long ageSeconds, CacheResult result,
            String edgeName) {
        response.setStatusCode(status);
        MultiMap out = response.headers();
        out.addAll(headers);
        out.set(HttpHeaderNames.VIA, ForwardedHeaders.via(String.join(", ", headers.getAll(HttpHeaderNames.VIA)), edgeName));
        out.set(HttpHeaders.AGE, Long.toString(ageSeconds));
        out.set(X_CACHE, result.header());
    }

    /**
     * The range a GET asks for over {@code total} bytes, {@link ByteRange#UNSATISFIABLE}, or null for
     * the whole representation (no Range, a HEAD, or an If-Range that does not match, RFC 9110 §13.1.5).
     */
    static ByteRange requestedRange(HttpServerRequest request, long total, String etag, String lastModified) {
        String range = request.getHeader(HttpHeaderNames.RANGE);
        if (range == null || !request.method().equals(HttpMethod.GET)) {
            return null;
        }
        String ifRange = request.getHeader(HttpHeaderNames.IF_RANGE);
        if (ifRange != null) {
            String v = ifRange.strip();
            boolean matches = v.startsWith("\"") || v.startsWith("W/")
                    ? etag != null && !etag.startsWith("W/") && v.equals(etag)
                    : lastModified != null && HttpDate.parseSeconds(v) != Long.MIN_VALUE
                            && HttpDate.parseSeconds(v) == HttpDate.parseSeconds(lastModified);
            if (!matches) {
                return null;
            }
        }
        return ByteRange.select(range, total);
    }

    /**
     * Whether the viewer's {@code If-None-Match} (weak comparison, RFC 9110 §13.1.2), or without it its
     * {@code If-Modified-Since} (§13.1.3), says its copy is current.
     */
    static boolean notModified(HttpServerRequest request, String etag, String lastModified) {
        List<String> ifNoneMatch = request.headers().getAll(HttpHeaders.IF_NONE_MATCH);
        if (!ifNoneMatch.isEmpty()) {
            if (etag == null) {
                return false;
            }
            return ifNoneMatch.stream().anyMatch(line -> EntityTags.noneMatchNames(line, etag));
        }
        String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null || lastModified == null) {
            return false;
        }
        long since = HttpDate.parseSeconds(ifModifiedSince);
        long modified = HttpDate.parseSeconds(lastModified);
        return since != Long.MIN_VALUE && modified != Long.MIN_VALUE && modified <= since;
    }

    /** The edge's own answer (an error): CORS like the origin's, never stored, a one-line reason as body. */
    static Future<Void> error(HttpServerRequest request, int status, String reason, long now, String edgeName) {
        HttpServerResponse response = request.response();
        Buffer body = Buffer.buffer(edgeName + ": " + reason + "\n");
        ownHeaders(response, now, edgeName)
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
        return request.method().equals(HttpMethod.HEAD) ? response.end() : response.end(body);
    }

    /**
     * The fields on every answer the edge makes itself (errors, /health, /metrics): CORS (Fetch
     * standard §3.2), Via, and Date from the edge's clock at {@code now} (RFC 9110 §6.6.1).
     */
    static HttpServerResponse ownHeaders(HttpServerResponse response, long now, String edgeName) {
        return response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS)
                .putHeader(HttpHeaders.DATE, HttpDate.format(now))
                .putHeader(HttpHeaderNames.VIA, ForwardedHeaders.via(null, edgeName))
                .putHeader("X-Content-Type-Options", "nosniff");
    }

    /** Writes bytes {@code first..last} of a stored body, as fast as the viewer's connection drains. */
    private static final class BodyWrite {
        private final HttpServerResponse response;
        private final List<Buffer> chunks;
        private final long first;
        private final long last;
        private final LongConsumer served;
        private int index;
        private long offset;

        BodyWrite(HttpServerResponse response, List<Buffer> chunks, long first, long last, LongConsumer served) {
            this.response = response;
            this.chunks = chunks;
            this.first = first;
            this.last = last;
            this.served = served;
        }

        void pump() {
            while (index < chunks.size() && offset <= last) {
                if (response.closed()) {
                    return;
                }
                if (response.writeQueueFull()) {
                    response.drainHandler(v -> pump());
                    return;
                }
                Buffer chunk = chunks.get(index++);
                long start = offset;
                offset += chunk.length();
                if (offset <= first) {
                    continue;
                }
                int from = (int) Math.max(0, first - start);
                int to = (int) (Math.min(chunk.length() - 1, last - start) + 1);
                Buffer slice = from == 0 && to == chunk.length() ? chunk : chunk.slice(from, to);
                response.write(slice);
                served.accept(slice.length());
            }
            response.drainHandler(null);
            if (!response.closed()) {
                response.end();
            }
        }
    }
}
