package io.glass2glass.edge;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.testing.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A {@link TestOrigin} and edges in front of it on one Vert.x instance, with a blocking HTTP/1.1
 * client for the test thread. Origin and edges read one {@link ManualClock}: a test lets lifetimes
 * pass by advancing it, not by sleeping. Close it after each test.
 */
final class EdgeHarness implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final Vertx vertx = Vertx.vertx();
    final ManualClock clock = new ManualClock();
    final TestOrigin origin = new TestOrigin(vertx, clock);
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    EdgeHarness() {
        origin.start();
    }

    URI originUri() {
        return URI.create("http://127.0.0.1:" + origin.port());
    }

    /** An edge named {@code edge-1} in front of the origin. */
    EdgeCache edge(EdgeProfile profile) {
        return edge("edge-1", profile, originUri());
    }

    EdgeCache edge(String name, EdgeProfile profile, URI upstream) {
        return edge(EdgeOptions.of(name, "127.0.0.1", 0, upstream), profile);
    }

    /** An edge with {@code options}, on the harness's clock. */
    EdgeCache edge(EdgeOptions options, EdgeProfile profile) {
        return deploy(new EdgeCache(options, profile, clock));
    }

    EdgeCache deploy(EdgeCache edge) {
        await(vertx.deployVerticle(edge));
        return edge;
    }

    static URI uriOf(EdgeCache edge) {
        return URI.create("http://127.0.0.1:" + edge.actualPort());
    }

    HttpResponse<byte[]> get(EdgeCache edge, String target, String... headers) throws IOException, InterruptedException {
        return send(edge, "GET", target, null, headers);
    }

    HttpResponse<byte[]> head(EdgeCache edge, String target, String... headers) throws IOException, InterruptedException {
        return send(edge, "HEAD", target, null, headers);
    }

    HttpResponse<byte[]> send(EdgeCache edge, String method, String target, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.actualPort() + target))
                .timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static String xCache(HttpResponse<?> response) {
        return header(response, "X-Cache");
    }

    static long age(HttpResponse<?> response) {
        return Long.parseLong(header(response, "Age"));
    }

    /** Deterministic, position-dependent bytes: any misplaced or missing byte changes the content. */
    static byte[] bytes(String seed, int length) {
        byte[] out = new byte[length];
        int h = seed.hashCode();
        for (int i = 0; i < length; i++) {
            h = h * 1_103_515_245 + 12_345;
            out[i] = (byte) (h >>> 16);
        }
        return out;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }

    /**
     * Polls until {@code condition} holds, for at most {@link #TIMEOUT}: for an asynchronous event
     * (a request reaching the origin, a fill being stored), never for a lifetime to pass.
     */
    static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    /** Profiles for tests, starting from "follow the origin, collapse, 1 MiB". */
    static final class Profile {
        private boolean collapse = true;
        private long cacheBytes = 1 << 20;
        private long maxObjectBytes = 1 << 20;
        private final Map<ObjectKind, Long> ttl = new EnumMap<>(ObjectKind.class);
        private long negativeTtl;
        private long swr = -1;
        private long sie = -1;

        Profile collapse(boolean on) {
            collapse = on;
            return this;
        }

        Profile cacheBytes(long bytes) {
            cacheBytes = bytes;
            return this;
        }

        Profile maxObjectBytes(long bytes) {
            maxObjectBytes = bytes;
            return this;
        }

        Profile ttl(ObjectKind objectClass, long seconds) {
            ttl.put(objectClass, seconds);
            return this;
        }

        Profile negativeTtl(long seconds) {
            negativeTtl = seconds;
            return this;
        }

        Profile staleWhileRevalidate(long seconds) {
            swr = seconds;
            return this;
        }

        Profile staleIfError(long seconds) {
            sie = seconds;
            return this;
        }

        EdgeProfile build() {
            return new EdgeProfile("test", "test profile", collapse, cacheBytes, maxObjectBytes, ttl, negativeTtl, swr, sie, false);
        }
    }

    static Profile profile() {
        return new Profile();
    }
}
