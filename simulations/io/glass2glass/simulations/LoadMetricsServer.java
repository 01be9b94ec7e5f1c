package io.glass2glass.simulations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} of the players' JVM on loopback. The JDK's own HTTP server on one thread, not
 * Vert.x: Gatling brings its own Netty into this JVM, and a scrape every few seconds needs no more.
 */
final class LoadMetricsServer implements AutoCloseable {

    /** Prometheus text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private LoadMetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code source} on 127.0.0.1:{@code port} (0 picks a free port). */
    static LoadMetricsServer start(int port, MetricsSource source) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "g2g-load-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, source);
            }
        });
        server.start();
        return new LoadMetricsServer(server, executor);
    }

    private static void answer(HttpExchange exchange, MetricsSource source) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/metrics")) {
            send(exchange, 404, "not found: the load generator serves /metrics only\n", "text/plain; charset=utf-8");
            return;
        }
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "method not allowed\n", "text/plain; charset=utf-8");
            return;
        }
        PrometheusText text = new PrometheusText();
        source.writePrometheus(text);
        send(exchange, 200, text.toString(), CONTENT_TYPE);
    }

    private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
