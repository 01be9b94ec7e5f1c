package io.glass2glass.cli;

import io.glass2glass.report.RunSeries;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console line a run prints every interval while its players play: elapsed of expected time,
 * players active/started/failed, stalled now, start-up p95 so far, live latency p50, edge hit ratio.
 * It reads what the run folder already gets ({@code qoe/timeline.jsonl} from the players' JVM,
 * {@code edge/timeline.jsonl} when edges run here), so it shows exactly what the report will.
 */
final class LiveProgress implements AutoCloseable {

    private static final long POLL_MS = 500;

    private final Path qoeTimeline;
    private final Path edgeTimeline;
    private final long startMillis;
    private final long expectedMillis;
    private final PrintStream out;
    private final ScheduledExecutorService timer;
    private long offset;

    /**
     * @param expectedMillis how long the run should take (ramp plus session), for "elapsed / total"
     */
    LiveProgress(Path runDir, long startMillis, long expectedMillis, PrintStream out) {
        this.qoeTimeline = runDir.resolve(RunSeries.QOE_TIMELINE);
        this.edgeTimeline = runDir.resolve(RunSeries.EDGE_TIMELINE);
        this.startMillis = startMillis;
        this.expectedMillis = expectedMillis;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "g2g-progress");
            t.setDaemon(true);
            return t;
        });
    }

    LiveProgress start() {
        timer.scheduleWithFixedDelay(this::pollQuietly, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (IOException | RuntimeException e) {
            // A progress line is a courtesy: a file read that fails must not stop the run.
        }
    }

    /** Prints a line for every complete timeline line written since the last poll. */
    synchronized void poll() throws IOException {
        if (!Files.isRegularFile(qoeTimeline)) {
            return;
        }
        String fresh;
        try (RandomAccessFile file = new RandomAccessFile(qoeTimeline.toFile(), "r")) {
            if (file.length() <= offset) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(bytes);
            fresh = new String(bytes, StandardCharsets.UTF_8);
        }
        int complete = fresh.lastIndexOf('\n');
        if (complete < 0) {
            return; // half a line: the writer is still at it
        }
        offset += fresh.substring(0, complete + 1).getBytes(StandardCharsets.UTF_8).length;
        Double hit = edgeHitPercent();
        for (String line : fresh.substring(0, complete).split("\n")) {
            try {
                out.println(line(new JsonObject(line), hit));
            } catch (DecodeException | ClassCastException e) {
                // not a timeline line; the report will say so
            }
        }
        out.flush();
    }

    /** One progress line from one timeline line; {@code edgeHit} null when there is no edge here. */
    String line(JsonObject timeline, Double edgeHit) {
        JsonObject players = timeline.getJsonObject("players", new JsonObject());
        JsonObject soFar = timeline.getJsonObject("soFar", new JsonObject());
        long elapsed = Math.max(0, timeline.getLong("t", startMillis) - startMillis);
        StringBuilder b = new StringBuilder("  ").append(clock(elapsed)).append(" / ").append(clock(expectedMillis))
                .append("  ").append(players.getLong("active", 0L)).append(" active, ")
                .append(soFar.getLong("started", 0L)).append(" started, ")
                .append(soFar.getLong("failedToStart", 0L) + soFar.getLong("playbackFailed", 0L)).append(" failed, ")
                .append(players.getLong("stalled", 0L)).append(" stalled now");
        double startup = soFar.getDouble("startupP95Ms", 0.0);
        if (soFar.getLong("started", 0L) > 0) {
            b.append(" · start-up p95 ").append(seconds(startup));
        }
        JsonObject latency = timeline.getJsonObject("liveLatencyMs");
        if (latency != null) {
            b.append(" · latency p50 ").append(seconds(latency.getDouble("p50", 0.0)));
        }
        if (edgeHit != null) {
            b.append(String.format(Locale.ROOT, " · edge hit %.1f %%", edgeHit));
        }
        return b.toString();
    }

    /** The edges' hit ratio so far, from the last line of the edge timeline (cumulative counters). */
    private Double edgeHitPercent() throws IOException {
        if (!Files.isRegularFile(edgeTimeline)) {
            return null;
        }
        List<String> lines = Files.readAllLines(edgeTimeline, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                JsonArray tiers = new JsonObject(lines.get(i)).getJsonArray("tiers", new JsonArray());
                long requests = 0;
                long hits = 0;
                for (int t = 0; t < tiers.size(); t++) {
                    requests += tiers.getJsonObject(t).getLong("requests", 0L);
                    hits += tiers.getJsonObject(t).getLong("servedFromCache", 0L);
                }
                return requests == 0 ? null : 100.0 * hits / requests;
            } catch (DecodeException | ClassCastException e) {
                // a line cut short: try the one before
            }
        }
        return null;
    }

    static String clock(long millis) {
        long s = millis / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }

    /** Stops polling after printing what was written last. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            poll();
        } catch (IOException | RuntimeException e) {
            // as above
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
