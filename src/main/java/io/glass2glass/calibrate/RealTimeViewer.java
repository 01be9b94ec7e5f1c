package io.glass2glass.calibrate;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.player.Player;
import io.glass2glass.player.PlayerAction;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerEvents;
import io.glass2glass.player.PlayerRendition;
import io.glass2glass.player.PlayerResponse;
import io.glass2glass.qoe.PlayerQoe;
import java.io.IOException;
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
 * simulation drives it (one request at a time, the emulated link waited out by the model), for a
 * calibration or a test that needs a few viewers without forking Gatling.
 */
public final class RealTimeViewer {

    private final Player player;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final CompletableFuture<PlayerQoe> result = new CompletableFuture<>();
    /** Every request made: path and status, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    /** @param events told everything the player reports, then the session's end */
    public RealTimeViewer(String id, PlayerConfig config, PlayerEvents events) {
        this.player = new Player(id, config, new PlayerEvents() {
            @Override
            public void onRequest(ObjectKind kind, int status, long latencyMillis, long bytes, long skew) {
                events.onRequest(kind, status, latencyMillis, bytes, skew);
            }

            @Override
            public void onLiveLatency(long millis) {
                events.onLiveLatency(millis);
            }

            @Override
            public void onStarted(long startupMillis) {
                events.onStarted(startupMillis);
            }

            @Override
            public void onStallBegan(long atMillis) {
                events.onStallBegan(atMillis);
            }

            @Override
            public void onStallEnded(long begunMillis, long endedMillis) {
                events.onStallEnded(begunMillis, endedMillis);
            }

            @Override
            public void onRenditionPlayed(String from, String to, long atMillis) {
                events.onRenditionPlayed(from, to, atMillis);
            }

            @Override
            public void onDiscontinuity(long atMillis) {
                events.onDiscontinuity(atMillis);
            }

            @Override
            public void onEnd(PlayerQoe qoe) {
                events.onEnd(qoe);
                result.complete(qoe);
            }
        }, System.currentTimeMillis());
    }

    public RealTimeViewer(String id, PlayerConfig config) {
        this(id, config, new PlayerEvents() {});
    }

    /** Why the session failed, or null. */
    public String failure() {
        return player.failure();
    }

    /** The video renditions the player found (empty until its manifests are in). */
    public List<PlayerRendition> videoRenditions() {
        return player.videoRenditions();
    }

    /** Starts playing on a daemon thread; the future completes with the QoE when the session ends. */
    public CompletableFuture<PlayerQoe> start() {
        Thread t = new Thread(this::run, "real-time-viewer");
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
        HttpRequest.Builder request = HttpRequest.newBuilder(player.requestUri(f)).timeout(Duration.ofSeconds(10));
        if (f.rangeStart() >= 0) {
            request.header("Range", "bytes=" + f.rangeStart() + "-" + (f.rangeLength() < 0 ? "" : f.rangeStart() + f.rangeLength() - 1));
        }
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            requests.add(f.uri().getPath() + " " + r.statusCode());
            String body = f.wantBody() ? new String(r.body(), StandardCharsets.UTF_8) : null;
            return new PlayerResponse(r.statusCode(), body, r.body().length, started, System.currentTimeMillis());
        } catch (IOException e) {
            requests.add(f.uri().getPath() + " failed");
            return PlayerResponse.failed(started, System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PlayerResponse.failed(started, System.currentTimeMillis());
        }
    }
}
