package io.glass2glass.cli;

import io.glass2glass.report.RunEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples the pipeline's cumulative counters into {@code edge/timeline.jsonl} every interval while
 * the players run, plus a last line when they end (issue 12, FORMATS.md), and appends a
 * {@code publisher-reconnect} event to {@code events.jsonl} whenever the publisher publishes again.
 * Runs on its own daemon thread, never on an event loop.
 */
final class EdgeTimeline implements AutoCloseable {

    /** Publisher checks are one atomic read: often enough that an event's time is close to the reconnect. */
    private static final long PUBLISHER_CHECK_MS = 500;

    private static final System.Logger LOG = System.getLogger(EdgeTimeline.class.getName());

    private final PipelineCounters counters;
    private final long intervalMs;
    private final Path file;
    private final RunEvents events;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private long publishes;
    private long lastT;
    private boolean closed;

    EdgeTimeline(PipelineCounters counters, long intervalMs, Path runDir, RunEvents events, LongSupplier clock) throws IOException {
        this.counters = counters;
        this.intervalMs = intervalMs;
        this.file = runDir.resolve("edge").resolve("timeline.jsonl");
        this.events = events;
        this.clock = clock;
        Files.createDirectories(file.getParent());
        this.publishes = counters.snapshot().publishes();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "g2g-edge-timeline");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling: a line every interval, the first one interval from now. */
    EdgeTimeline start() {
        lastT = clock.getAsLong();
        timer.scheduleAtFixedRate(this::sampleQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::checkPublisherQuietly, PUBLISHER_CHECK_MS, PUBLISHER_CHECK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Writes one line now (the sampler thread calls it every interval; tests call it directly). */
    synchronized void sample() throws IOException {
        write(false);
    }

    private void write(boolean last) throws IOException {
        if (closed) {
            return;
        }
        PipelineCounters.Snapshot s = counters.snapshot();
        checkPublisher(s.publishes());
        long t = clock.getAsLong();
        // The last line covers only what is left since the one before it.
        long length = last ? Math.max(0, t - lastT) : intervalMs;
        lastT = t;
        JsonObject line = new JsonObject().put("t", t).put("intervalMs", length);
        JsonArray tiers = new JsonArray();
        s.tiers().forEach(tier -> tiers.add(tier.toJson()));
        line.put("tiers", tiers);
        s.shield().ifPresent(sh -> line.put("shield", sh.toJson()));
        line.put("origin", new JsonObject().put("segmentAnswers", s.segmentAnswers()).put("distinctSegments", s.distinctSegments()));
        Files.write(file, (line.encode() + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private synchronized void checkPublisherQuietly() {
        try {
            if (!closed) {
                checkPublisher(counters.snapshot().publishes());
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "events.jsonl: could not append publisher-reconnect", e);
        }
    }

    private void checkPublisher(long now) throws IOException {
        while (publishes < now) {
            publishes++;
            events.append(clock.getAsLong(), "publisher-reconnect", "pipeline", "the synthetic publisher published again (publish " + publishes + ")");
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (Exception e) {
            // A failed line must not end the schedule: the next interval tries again.
            LOG.log(System.Logger.Level.WARNING, "edge/timeline.jsonl: could not write a line", e);
        }
    }

    /** Stops sampling and writes the last line (when the players end). */
    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            write(true);
            closed = true;
        }
    }
}
