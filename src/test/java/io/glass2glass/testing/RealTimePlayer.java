package io.glass2glass.testing;

import io.glass2glass.player.Player;
import io.glass2glass.player.PlayerAction;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerEvents;
import io.glass2glass.player.PlayerResponse;
import io.glass2glass.qoe.PlayerQoe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The player model driven in real time over real HTTP on a thread of its own, the way the Gatling
 * simulation drives it, for end-to-end tests that need a viewer without forking Gatling.
 */
public final class RealTimePlayer {

    private final Player player;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CompletableFuture<PlayerQoe> result = new CompletableFuture<>();
    /** Every request made: path and status, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public RealTimePlayer(String id, PlayerConfig config) {
        this.player = new Player(id, config, new PlayerEvents() {
            @Override
            public void onEnd(PlayerQoe qoe) {
                result.complete(qoe);
            }
        }, System.currentTimeMillis());
    }

    /** Starts playing on a daemon thread; the future completes with the QoE when the session ends. */
    public CompletableFuture<PlayerQoe> start() {
        Thread t = new Thread(this::run, "real-time-player");
        t.setDaemon(true);
        t.start();
        return result;
    }

    private void run() {
        try {
            while (!result.isDone()) {
                long now = System.currentTimeMillis();
                PlayerAction action = player.next(now);
                if (action instanceof PlayerAction.Fetch f) {
                    player.onResponse(f, fetch(f), System.currentTimeMillis());
                } else if (action instanceof PlayerAction.Wait w) {
                    Thread.sleep(Math.max(1, Math.min(w.untilMillis() - now, 200)));
                } else {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        if (!result.isDone()) {
            player.stop(System.currentTimeMillis());
        }
    }

    private PlayerResponse fetch(PlayerAction.Fetch f) {
        long started = System.currentTimeMillis();
        HttpRequest.Builder request = HttpRequest.newBuilder(f.uri()).timeout(Duration.ofSeconds(10));
        if (f.rangeStart() >= 0) {
            request.header("Range", "bytes=" + f.rangeStart() + "-" + (f.rangeLength() < 0 ? "" : f.rangeStart() + f.rangeLength() - 1));
        }
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            requests.add(URI.create(f.uri().toString()).getPath() + " " + r.statusCode());
            String body = f.wantBody() ? new String(r.body(), StandardCharsets.UTF_8) : null;
            return new PlayerResponse(r.statusCode(), body, r.body().length, started, System.currentTimeMillis());
        } catch (java.io.IOException e) {
            requests.add(f.uri().getPath() + " failed");
            return PlayerResponse.failed(started, System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PlayerResponse.failed(started, System.currentTimeMillis());
        }
    }
}
