package io.glass2glass.calibrate;

import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerEvents;
import io.glass2glass.player.PlayerRendition;
import io.glass2glass.player.network.NetworkProfile;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Plays one calibration case: {@code viewers} real players, each in a Chromium window whose link DevTools
 * emulates step by step from the network profile, and as many model players over the same profile, all
 * at the same time on the same stream, for {@code duration}.
 */
public final class Calibration {

    /** How often the emulated link is brought in line with the profile's step in force. */
    private static final long LINK_TICK_MILLIS = 100;

    private final DevToolsBrowser browser;
    private final PlayerPages pages;
    private final Function<RealPlayer, String> versions;

    public Calibration(DevToolsBrowser browser, PlayerPages pages, Function<RealPlayer, String> versions) {
        this.browser = browser;
        this.pages = pages;
        this.versions = versions;
    }

    /**
     * @param model the model's configuration for this player over this link (its session is set to {@code duration} here)
     */
    public CalibrationCase play(RealPlayer player, URI stream, NetworkProfile link, int viewers, Duration duration,
            PlayerConfig model, String modelName) throws IOException, InterruptedException {
        List<DevToolsBrowser.Tab> tabs = new ArrayList<>();
        List<Thread> links = new ArrayList<>();
        List<CompletableFuture<ViewerResult>> modelled = new ArrayList<>();
        try {
            for (int i = 0; i < viewers; i++) {
                tabs.add(browser.open(pages.url(player)));
            }
            for (DevToolsBrowser.Tab tab : tabs) {
                awaitReady(tab);
            }
            long sessionMillis = duration.toMillis();
            for (int i = 0; i < viewers; i++) {
                DevToolsBrowser.Tab tab = tabs.get(i);
                long start = System.currentTimeMillis();
                tab.emulate(kbps(link, 0), link.latencyAt(0));
                tab.evaluate("window.__g2gStart(" + quote(player.id()) + ", " + quote(stream.toString()) + ")");
                links.add(followLink(tab, link, start, sessionMillis));
                modelled.add(model("model-" + player.id() + "-" + i, model.withNetwork(link).withSessionMillis(sessionMillis)));
            }
            Thread.sleep(sessionMillis);
            List<ViewerResult> real = new ArrayList<>();
            for (DevToolsBrowser.Tab tab : tabs) {
                real.add(realResult(tab.evaluate("window.__g2gResult()")));
            }
            List<ViewerResult> models = new ArrayList<>();
            for (CompletableFuture<ViewerResult> m : modelled) {
                try {
                    models.add(m.get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    models.add(new ViewerResult(-1, Double.NaN, 0, 0, 0, 0, 0, "model: " + e, -1));
                }
            }
            return new CalibrationCase(player, versions.apply(player), link.name(), modelName, real, models);
        } finally {
            links.forEach(Thread::interrupt);
            tabs.forEach(DevToolsBrowser.Tab::close);
        }
    }

    private static void awaitReady(DevToolsBrowser.Tab tab) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (Boolean.TRUE.equals(tab.evaluate("typeof window.__g2gStart === 'function' && document.readyState === 'complete'"))) {
                    return;
                }
            } catch (IOException e) {
                // the page is still navigating
            }
            Thread.sleep(100);
        }
        throw new IOException("the viewer page did not load within 20 s");
    }

    /** Keeps the window's emulated link on the profile's step in force, from {@code start}. */
    private static Thread followLink(DevToolsBrowser.Tab tab, NetworkProfile link, long start, long sessionMillis) {
        Thread t = new Thread(() -> {
            long kbps = kbps(link, 0);
            long latency = link.latencyAt(0);
            try {
                while (!Thread.currentThread().isInterrupted() && System.currentTimeMillis() - start < sessionMillis) {
                    Thread.sleep(LINK_TICK_MILLIS);
                    long offset = System.currentTimeMillis() - start;
                    long k = kbps(link, offset);
                    long l = link.latencyAt(offset);
                    if (k != kbps || l != latency) {
                        tab.emulate(k, l);
                        kbps = k;
                        latency = l;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the window closed at the end of the case
            }
        }, "calibration-link");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** DevTools' throughput for the step in force: 0 for no shaping. */
    private static long kbps(NetworkProfile link, long offset) {
        return link.isUnlimited() ? 0 : link.bandwidthKbpsAt(offset);
    }

    private static CompletableFuture<ViewerResult> model(String id, PlayerConfig config) {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        String[] rendered = new String[2];
        PlayerEvents events = new PlayerEvents() {
            @Override
            public void onLiveLatency(long millis) {
                latencies.add(millis);
            }

            @Override
            public void onRenditionPlayed(String from, String to, long atMillis) {
                synchronized (rendered) {
                    if (rendered[0] == null) {
                        rendered[0] = to;
                    }
                    rendered[1] = to;
                }
            }
        };
        RealTimeViewer viewer = new RealTimeViewer(id, config, events);
        return viewer.start().thenApply(qoe -> {
            Map<String, Integer> heights = new HashMap<>();
            for (PlayerRendition r : viewer.videoRenditions()) {
                heights.put(r.id(), r.height());
            }
            double latency;
            synchronized (latencies) {
                latency = CalibrationCase.median(latencies.stream().mapToDouble(Long::doubleValue).toArray());
            }
            synchronized (rendered) {
                return new ViewerResult(qoe.started() ? qoe.startupMillis() : -1, latency, qoe.rebufferCount(), qoe.rebufferMillis(),
                        qoe.switches(), rendered[0] == null ? 0 : heights.getOrDefault(rendered[0], 0),
                        rendered[1] == null ? 0 : heights.getOrDefault(rendered[1], 0),
                        qoe.started() && !qoe.playbackFailed() ? null : "model: " + (qoe.started() ? "playback failed" : "did not start")
                                + (viewer.failure() == null ? "" : " (" + viewer.failure() + ")") + "; last requests "
                                + viewer.requests.subList(Math.max(0, viewer.requests.size() - 4), viewer.requests.size()), -1);
            }
        });
    }

    private static ViewerResult realResult(Object value) {
        if (!(value instanceof JsonObject r)) {
            return new ViewerResult(-1, Double.NaN, 0, 0, 0, 0, 0, "the page gave no result", -1);
        }
        double latency = CalibrationCase.median(r.getJsonArray("latencyMs", new JsonArray()).stream()
                .mapToDouble(v -> ((Number) v).doubleValue()).toArray());
        JsonArray heights = r.getJsonArray("heights", new JsonArray());
        JsonArray errors = r.getJsonArray("errors", new JsonArray());
        boolean started = r.getBoolean("started", false);
        return new ViewerResult(started ? r.getLong("startupMs", -1L) : -1, latency, r.getInteger("stalls", 0), r.getLong("stallMs", 0L),
                r.getInteger("renderedSwitches", 0), heights.isEmpty() ? 0 : heights.getInteger(0), r.getInteger("height", 0),
                errors.isEmpty() ? (started ? null : "did not start") : errors.getString(0),
                started ? r.getLong("clientStartMs", -1L) : -1, r.getJsonArray("requests", new JsonArray()),
                new JsonObject().put("downlinkMbps", r.getValue("downlinkMbps")).put("estimateAtStartKbps", r.getValue("estimateAtStartKbps")));
    }

    private static String quote(String s) {
        return Json.encode(s);
    }
}
