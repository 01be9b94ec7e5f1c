package io.glass2glass.bench.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * A thundering herd: {@code N} clients ask a proxy for the same object at the same instant, as
 * when every player of a live event requests the segment that was just announced in the playlist.
 *
 * <p>All N connections are opened first (one per request, so that all N are truly concurrent and
 * connection set-up is not measured); then all N requests are released together, and each one's
 * latency is measured from that common start instant to the response's head (status line and
 * header fields, its first bytes) and to its last byte. Every body is checked byte for byte
 * against the expected object: a proxy that hands a waiter a short, corrupt or mixed-up body fails
 * the herd rather than looking fast.
 */
public final class Herd {

    /** Connections opened at a time: a gentle ramp, so that no listen backlog overflows into SYN retries. */
    private static final int CONNECT_BATCH = 100;
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int MAX_REPORTED_FAILURES = 5;

    private Herd() {}

    /**
     * What a herd saw.
     *
     * @param releaseMicros how long releasing all requests took (the spread of their start instants)
     * @param lastByteMicros latency to the complete, verified body, of the requests that succeeded
     * @param firstByteMicros latency to the response headers, of the requests that succeeded
     * @param xCache the proxies' {@code X-Cache} answers and how often each came back
     * @param failures the first few failures, described
     */
    public record Result(
            int requests,
            int succeeded,
            long releaseMicros,
            Histogram lastByteMicros,
            Histogram firstByteMicros,
            Map<String, Long> xCache,
            List<String> failures) {

        public int failed() {
            return requests - succeeded;
        }

        public double lastByteMillis(double percentile) {
            return lastByteMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        public double firstByteMillis(double percentile) {
            return firstByteMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        public double maxMillis() {
            return lastByteMicros.getMaxValue() / 1000.0;
        }
    }

    /**
     * Runs one herd of {@code requests} GETs of {@code path} on {@code host:port}, expecting
     * {@code expected} as every body, waiting at most {@code timeout} for the last answer.
     */
    public static Result run(Vertx vertx, String host, int port, String path, int requests, byte[] expected, Duration timeout)
            throws InterruptedException {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()));
        List<HttpClientConnection> connections = new ArrayList<>(requests);
        try {
            connect(client, host, port, requests, connections);
            List<HttpClientRequest> pending = new ArrayList<>(requests);
            for (HttpClientConnection connection : connections) {
                pending.add(connection.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(host)
                        .setPort(port)
                        .setURI(path)).await());
            }
            return release(pending, expected, timeout);
        } finally {
            Future.join(connections.stream().map(HttpClientConnection::close).toList()).await();
            client.close().await();
        }
    }

    /** Opens {@code count} connections into {@code connections}, a batch at a time. */
    private static void connect(HttpClientAgent client, String host, int port, int count,
            List<HttpClientConnection> connections) {
        HttpConnectOptions options = new HttpConnectOptions().setHost(host).setPort(port);
        while (connections.size() < count) {
            List<Future<HttpClientConnection>> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(CONNECT_BATCH, count - connections.size()); i++) {
                batch.add(client.connect(options));
            }
            for (Future<HttpClientConnection> connection : batch) {
                connections.add(connection.await());
            }
        }
    }

    private static Result release(List<HttpClientRequest> pending, byte[] expected, Duration timeout)
            throws InterruptedException {
        int n = pending.size();
        long[] firstByte = new long[n];
        long[] lastByte = new long[n];
        AtomicIntegerArray succeeded = new AtomicIntegerArray(n);
        Map<String, LongAdder> xCache = new ConcurrentHashMap<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(n);

        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int index = i;
            HttpClientRequest request = pending.get(i);
            request.response().onComplete(ar -> {
                if (ar.failed()) {
                    failures.add("request " + index + ": " + ar.cause());
                    done.countDown();
                } else {
                    firstByte[index] = System.nanoTime() - start;
                    receive(ar.result(), expected, index, failures, xCache, () -> {
                        lastByte[index] = System.nanoTime() - start;
                        succeeded.set(index, 1);
                    }, done);
                }
            });
            request.end();
        }
        long releaseNanos = System.nanoTime() - start;
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            failures.add(done.getCount() + " of " + n + " requests unanswered after " + timeout.toSeconds() + " s");
        }

        Histogram last = new Histogram(HIGHEST_MICROS, 3);
        Histogram first = new Histogram(HIGHEST_MICROS, 3);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (succeeded.get(i) == 1) {
                ok++;
                last.recordValue(Math.min(HIGHEST_MICROS, lastByte[i] / 1000));
                first.recordValue(Math.min(HIGHEST_MICROS, firstByte[i] / 1000));
            }
        }
        Map<String, Long> cache = new TreeMap<>();
        xCache.forEach((value, count) -> cache.put(value, count.sum()));
        return new Result(n, ok, releaseNanos / 1000, last, first, cache,
                failures.stream().limit(MAX_REPORTED_FAILURES).toList());
    }

    /** Checks one response as its bytes arrive; runs {@code onVerified} when the whole body matched. */
    private static void receive(HttpClientResponse response, byte[] expected, int index, Queue<String> failures,
            Map<String, LongAdder> xCache, Runnable onVerified, CountDownLatch done) {
        String cache = response.getHeader("X-Cache");
        xCache.computeIfAbsent(cache == null ? "(none)" : cache, k -> new LongAdder()).increment();
        boolean ok = response.statusCode() == 200;
        if (!ok) {
            failures.add("request " + index + ": status " + response.statusCode());
        }
        int[] offset = {0};
        boolean[] corrupt = {false};
        response.handler(chunk -> {
            int length = chunk.length();
            if (!corrupt[0] && (offset[0] + length > expected.length
                    || Arrays.mismatch(expected, offset[0], offset[0] + length, chunk.getBytes(), 0, length) >= 0)) {
                corrupt[0] = true;
            }
            offset[0] += length;
        });
        response.exceptionHandler(e -> failures.add("request " + index + ": " + e));
        response.end().onComplete(ar -> {
            if (ar.failed()) {
                failures.add("request " + index + ": body cut short after " + offset[0] + " bytes: " + ar.cause());
            } else if (ok && (corrupt[0] || offset[0] != expected.length)) {
                failures.add("request " + index + ": body of " + offset[0] + " bytes differs from the "
                        + expected.length + " expected");
            } else if (ok) {
                onVerified.run();
            }
            done.countDown();
        });
    }

    /** Formats a result on one line: latencies in ms, X-Cache answers, failures. */
    public static String describe(Result r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%d/%d complete and identical; last byte p50 %.1f ms, p99 %.1f ms, max %.1f ms; first byte p99 %.1f ms; "
                        + "released in %.1f ms; X-Cache %s",
                r.succeeded(), r.requests(), r.lastByteMillis(50), r.lastByteMillis(99), r.maxMillis(),
                r.firstByteMillis(99), r.releaseMicros() / 1000.0, r.xCache()));
        r.failures().forEach(f -> s.append(System.lineSeparator()).append("  failure: ").append(f));
        return s.toString();
    }

    /** {@code java -cp glass2glass.jar io.glass2glass.edge.bench.Herd --url URL [--requests N]}. */
    @Command(name = "herd", mixinStandardHelpOptions = true,
            description = "Fire N simultaneous GETs of one benchmark segment at a proxy and report latencies.")
    static final class Cli implements Callable<Integer> {

        @Option(names = "--url", required = true,
                description = "A benchmark segment through the proxy: http://HOST:PORT/live/bench/seg/{n}.m4s, "
                        + "n never requested before.")
        URI url;

        @Option(names = "--requests", defaultValue = "1000", description = "Simultaneous requests. Default: ${DEFAULT-VALUE}.")
        int requests;

        @Option(names = "--size", defaultValue = "" + BenchSegment.DEFAULT_SIZE,
                description = "The origin's segment size in bytes. Default: ${DEFAULT-VALUE}.")
        int size;

        @Option(names = "--timeout-s", defaultValue = "60",
                description = "Give up after this many seconds. Default: ${DEFAULT-VALUE}.")
        long timeoutSeconds;

        @Override
        public Integer call() throws InterruptedException {
            long number = BenchSegment.number(url.getRawPath());
            if (number < 0 || !"http".equals(url.getScheme())) {
                System.err.println("herd: --url must be http://HOST:PORT/live/bench/seg/{n}.m4s, not " + url);
                return 2;
            }
            Vertx vertx = Vertx.vertx();
            try {
                Result result = run(vertx, url.getHost(), url.getPort() < 0 ? 80 : url.getPort(), url.getRawPath(), requests,
                        BenchSegment.body(number, size), Duration.ofSeconds(timeoutSeconds));
                System.out.println("herd of " + requests + " on " + url + ": " + describe(result));
                return result.failed() == 0 ? 0 : 1;
            } finally {
                vertx.close().await();
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }
}
