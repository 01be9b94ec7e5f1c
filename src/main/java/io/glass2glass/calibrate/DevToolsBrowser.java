package io.glass2glass.calibrate;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol (CDP), with no WebDriver in
 * between: a window per viewer ({@code Target.createTarget}, flat sessions), its link emulated with
 * {@code Network.emulateNetworkConditions}, its page read with {@code Runtime.evaluate}.
 *
 * <p>Chromium is started with background throttling off, so a window that is not in front plays
 * its video and runs its timers like the one that is.
 */
public final class DevToolsBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private DevToolsBrowser(Process process, Path profile, URI endpoint) throws IOException {
        this.process = process;
        this.profile = profile;
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(endpoint, new Listener()).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot open the DevTools socket " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Whether Debian's chromium is installed (scripts/install-test-deps.sh installs it). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    /** Starts headless Chromium on a free DevTools port and connects to it. */
    public static DevToolsBrowser launch() throws IOException {
        if (!available()) {
            throw new IOException(CHROMIUM + " is not installed; scripts/install-test-deps.sh installs it (Debian's chromium)");
        }
        Path profile = Files.createTempDirectory("g2g-chromium-");
        List<String> command = List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required", "--disable-background-networking", "--disable-component-update",
                "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
                "--disable-renderer-backgrounding", "--disable-features=BackgroundVideoTrackOptimization,MediaSessionService",
                "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(URI.create(m.group(1)));
                    } else if (!endpoint.isDone()) {
                        synchronized (seen) {
                            seen.add(line);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended; the wait below reports it
            }
            endpoint.completeExceptionally(new IOException("chromium exited before listening"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new DevToolsBrowser(process, profile, endpoint.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            deleteTree(profile);
            String tail;
            synchronized (seen) {
                tail = String.join("\n", seen.subList(Math.max(0, seen.size() - 5), seen.size()));
            }
            throw new IOException("chromium did not start its DevTools endpoint: " + e.getMessage() + (tail.isEmpty() ? "" : "\n" + tail), e);
        }
    }

    /** A new window showing {@code url}, with a CDP session attached to it. */
    public Tab open(String url) throws IOException {
        JsonObject created = command(null, "Target.createTarget", new JsonObject().put("url", "about:blank").put("newWindow", true));
        String targetId = created.getString("targetId");
        JsonObject attached = command(null, "Target.attachToTarget", new JsonObject().put("targetId", targetId).put("flatten", true));
        Tab tab = new Tab(targetId, attached.getString("sessionId"));
        tab.send("Page.enable", new JsonObject());
        tab.send("Network.enable", new JsonObject());
        // Each viewer is a device of its own: nothing from another window's cache (DevTools throttling skips cache hits).
        tab.send("Network.setCacheDisabled", new JsonObject().put("cacheDisabled", true));
        tab.send("Runtime.enable", new JsonObject());
        tab.send("Page.navigate", new JsonObject().put("url", url));
        return tab;
    }

    /** One window: CDP commands go to its session. */
    public final class Tab implements AutoCloseable {
        private final String targetId;
        private final String sessionId;

        private Tab(String targetId, String sessionId) {
            this.targetId = targetId;
            this.sessionId = sessionId;
        }

        public JsonObject send(String method, JsonObject params) throws IOException {
            return command(sessionId, method, params);
        }

        /**
         * Sets the window's link the way DevTools' network panel does: {@code latencyMillis} added to each
         * request, throughput in both directions capped at {@code kbps} (0 with latency 0: no shaping; 0
         * with latency: offline).
         */
        public void emulate(long kbps, long latencyMillis) throws IOException {
            boolean unlimited = kbps <= 0 && latencyMillis <= 0;
            boolean offline = kbps <= 0 && !unlimited;
            double bytesPerSecond = unlimited ? -1 : kbps * 1000 / 8.0;
            send("Network.emulateNetworkConditions", new JsonObject().put("offline", offline)
                    .put("latency", unlimited ? 0 : latencyMillis).put("downloadThroughput", offline ? 0 : bytesPerSecond)
                    .put("uploadThroughput", offline ? 0 : bytesPerSecond));
        }

        /** The value of {@code expression} in the page (JSON-compatible values only), or null. */
        public Object evaluate(String expression) throws IOException {
            JsonObject r = send("Runtime.evaluate", new JsonObject().put("expression", expression).put("returnByValue", true)
                    .put("awaitPromise", true));
            if (r.containsKey("exceptionDetails")) {
                JsonObject ex = r.getJsonObject("exceptionDetails");
                JsonObject thrown = ex.getJsonObject("exception", new JsonObject());
                throw new IOException("the page threw: " + thrown.getString("description", ex.getString("text", ex.encode())));
            }
            return r.getJsonObject("result", new JsonObject()).getValue("value");
        }

        @Override
        public void close() {
            try {
                command(null, "Target.closeTarget", new JsonObject().put("targetId", targetId));
            } catch (IOException ignored) {
                // the browser is going away anyway
            }
        }
    }

    private JsonObject command(String sessionId, String method, JsonObject params) throws IOException {
        long id = ids.incrementAndGet();
        JsonObject message = new JsonObject().put("id", id).put("method", method).put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) {
                socket.sendText(message.encode(), true).get(10, TimeUnit.SECONDS);
            }
            JsonObject reply = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.containsKey("error")) {
                throw new IOException(method + ": " + reply.getJsonObject("error").getString("message", reply.encode()));
            }
            return reply.getJsonObject("result", new JsonObject());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(method + ": no answer from chromium (" + e + ")", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Collects a message's fragments and hands answers to the command that waits for them; events are not needed. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                try {
                    JsonObject message = new JsonObject(whole);
                    Long id = message.getLong("id");
                    CompletableFuture<JsonObject> waiting = id == null ? null : pending.get(id);
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } catch (RuntimeException ignored) {
                    // not JSON: CDP never sends that; nothing waits on it
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind
        }
    }
}
