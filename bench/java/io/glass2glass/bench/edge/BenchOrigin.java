package io.glass2glass.bench.edge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The origin of the edge benchmark: serves {@code /live/bench/seg/{n}.m4s} (see {@link BenchSegment})
 * as a long-lived CMAF segment ({@code Cache-Control: public, max-age=86400}, a strong ETag), and
 * counts the requests it receives per path, so that a benchmark can tell how many of a herd's
 * requests a proxy let through.
 *
 * <p>The body is not sent at once: the headers go out immediately and the body follows in
 * {@code chunks} equal writes spread evenly over {@code spreadMillis}, the last one at
 * {@code spreadMillis}. That models a segment still being produced (a low-latency packager) or
 * fetched from a distant origin: a proxy that streams the first response to the requests waiting on
 * it answers them as the bytes arrive, one that waits for the complete object answers them later.
 *
 * <p>Control paths (not counted): {@code GET /counts} answers the counts as a JSON object
 * {@code {"path": requests, ...}}, {@code DELETE /counts} resets them, {@code GET /health} says
 * {@code ok}. Anything else is a 404 (counted).
 */
public final class BenchOrigin extends VerticleBase {

    static final String SEGMENT_TYPE = "video/mp4";
    static final String SEGMENT_CACHE_CONTROL = "public, max-age=86400";
    static final String COUNTS = "/counts";
    static final String HEALTH = "/health";

    /** Where to listen, and the shape of each segment response. */
    public record Options(String host, int port, int size, int chunks, long spreadMillis) {
        public Options {
            if (size < 0 || chunks < 1 || spreadMillis < 0) {
                throw new IllegalArgumentException("need size >= 0, chunks >= 1, spread >= 0");
            }
        }
    }

    private final Options options;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private HttpServer server;

    public BenchOrigin(Options options) {
        this.options = options;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false));
        server.requestHandler(this::handle);
        return server.listen(options.port(), options.host());
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The port listened on, once started (the chosen one when configured with 0). */
    public int actualPort() {
        return server.actualPort();
    }

    /** Requests received for {@code path} since start or the last reset. */
    public long count(String path) {
        LongAdder adder = counts.get(path);
        return adder == null ? 0 : adder.sum();
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        String path = request.path();
        HttpMethod method = request.method();
        if (COUNTS.equals(path)) {
            counts(request);
            return;
        }
        if (HEALTH.equals(path)) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("ok\n");
            return;
        }
        counts.computeIfAbsent(path, p -> new LongAdder()).increment();
        long number = BenchSegment.number(path);
        if (number < 0) {
            response.setStatusCode(404).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
        } else if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD").end();
        } else {
            segment(request, number);
        }
    }

    private void counts(HttpServerRequest request) {
        HttpServerResponse response = request.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (request.method().equals(HttpMethod.DELETE)) {
            counts.clear();
            response.setStatusCode(204).end();
        } else if (request.method().equals(HttpMethod.GET)) {
            JsonObject json = new JsonObject();
            new TreeMap<>(counts).forEach((path, adder) -> json.put(path, adder.sum()));
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json.encode());
        } else {
            response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, DELETE").end();
        }
    }

    private void segment(HttpServerRequest request, long number) {
        int size = options.size();
        String etag = BenchSegment.etag(number, size);
        HttpServerResponse response = request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, SEGMENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, SEGMENT_CACHE_CONTROL)
                .putHeader(HttpHeaders.ETAG, etag);
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(size));
        if (request.method().equals(HttpMethod.HEAD)) {
            response.end();
            return;
        }
        Buffer body = Buffer.buffer(BenchSegment.body(number, size));
        if (options.spreadMillis() == 0) {
            response.end(body);
            return;
        }
        response.writeHead();
        new ChunkedBody(response, body, System.nanoTime()).next(0);
    }

    /** Writes one response's body in {@code chunks} parts at even deadlines measured from {@code startNanos}. */
    private final class ChunkedBody {
        private final HttpServerResponse response;
        private final Buffer body;
        private final long startNanos;
        private long timer = -1;
        private boolean closed;

        ChunkedBody(HttpServerResponse response, Buffer body, long startNanos) {
            this.response = response;
            this.body = body;
            this.startNanos = startNanos;
            response.closeHandler(v -> {
                closed = true;
                vertx.cancelTimer(timer);
            });
        }

        /** Schedules chunk {@code k} at its deadline, measured from the start so that delays do not add up. */
        void next(int k) {
            long deadlineNanos = startNanos + (k + 1) * options.spreadMillis() * 1_000_000L / options.chunks();
            long delayMillis = Math.max(1, (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000);
            timer = vertx.setTimer(delayMillis, id -> write(k));
        }

        private void write(int k) {
            if (closed) {
                return;
            }
            int from = (int) ((long) body.length() * k / options.chunks());
            int to = (int) ((long) body.length() * (k + 1) / options.chunks());
            if (k + 1 == options.chunks()) {
                response.end(body.slice(from, to));
            } else {
                response.write(body.slice(from, to));
                next(k + 1);
            }
        }
    }

    /** {@code java -cp glass2glass.jar io.glass2glass.edge.bench.BenchOrigin [options]}: runs until killed. */
    @Command(name = "bench-origin", mixinStandardHelpOptions = true,
            description = "Origin of the edge benchmark: /live/bench/seg/{n}.m4s, request counts at /counts.")
    static final class Cli implements Callable<Integer> {

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind. Default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--size", defaultValue = "" + BenchSegment.DEFAULT_SIZE,
                description = "Segment size in bytes. Default: ${DEFAULT-VALUE}.")
        int size;

        @Option(names = "--chunks", defaultValue = "10", description = "Writes per segment body. Default: ${DEFAULT-VALUE}.")
        int chunks;

        @Option(names = "--spread-ms", defaultValue = "400",
                description = "Time from the headers to the last chunk, in ms (0: the whole body at once). "
                        + "Default: ${DEFAULT-VALUE}.")
        long spreadMillis;

        @Override
        public Integer call() throws InterruptedException {
            Vertx vertx = Vertx.vertx();
            BenchOrigin origin = new BenchOrigin(new Options(host, port, size, chunks, spreadMillis));
            vertx.deployVerticle(origin).await();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                vertx.close().await();
                stopped.countDown();
            }, "bench-origin-shutdown"));
            System.out.printf("bench origin: http://%s:%d/live/bench/seg/{n}.m4s (%d bytes in %d chunks over %d ms), "
                    + "counts at %s%n", host, origin.actualPort(), size, chunks, spreadMillis, COUNTS);
            System.out.flush();
            stopped.await();
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }
}
