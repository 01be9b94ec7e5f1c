package io.glass2glass.calibrate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Serves the calibration viewer page on loopback, one per real player: {@code /{player}/} is the page and
 * {@code /{player}/player.js} that player's script from the npm install. Anything else is 404.
 */
public final class PlayerPages implements AutoCloseable {

    private final HttpServer server;
    private final int port;

    private PlayerPages(HttpServer server) {
        this.server = server;
        this.port = server.actualPort();
    }

    /** Starts serving the players installed in {@code playersDir}; fails when one is missing. */
    public static PlayerPages start(Vertx vertx, Path playersDir) throws Exception {
        String page;
        try (InputStream in = PlayerPages.class.getResourceAsStream("player.html")) {
            if (in == null) {
                throw new IOException("player.html is missing from the jar");
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("src=\"/lib/player.js\"", "src=\"player.js\"");
        }
        Map<RealPlayer, String> scripts = new EnumMap<>(RealPlayer.class);
        for (RealPlayer p : RealPlayer.values()) {
            scripts.put(p, p.script(playersDir).toString());
        }
        String html = page;
        HttpServer server = vertx.createHttpServer().requestHandler(request -> answer(request, html, scripts));
        return new PlayerPages(server.listen(0, "127.0.0.1").await());
    }

    private static void answer(HttpServerRequest request, String html, Map<RealPlayer, String> scripts) {
        if (request.method() != HttpMethod.GET) {
            request.response().setStatusCode(405).end();
            return;
        }
        String path = request.path();
        for (Map.Entry<RealPlayer, String> e : scripts.entrySet()) {
            String base = "/" + e.getKey().id() + "/";
            if (path.equals(base)) {
                request.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store").end(html);
                return;
            }
            if (path.equals(base + "player.js")) {
                request.response().putHeader("Content-Type", "text/javascript").sendFile(e.getValue());
                return;
            }
        }
        request.response().setStatusCode(404).end();
    }

    /** The page of {@code player}. */
    public String url(RealPlayer player) {
        return "http://127.0.0.1:" + port + "/" + player.id() + "/";
    }

    @Override
    public void close() {
        Future<Void> closed = server.close();
        try {
            closed.await();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
