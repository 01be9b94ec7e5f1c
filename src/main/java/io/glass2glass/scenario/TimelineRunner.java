package io.glass2glass.scenario;

import io.glass2glass.report.RunEvents;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Plays a scenario's timeline beside its players: waits for the players' start (the
 * {@code players-start} line the players' JVM writes to {@code events.jsonl}), then begins and ends
 * each event at its time, on a thread of its own, and writes it to {@code events.jsonl} with the
 * times it really began and ended. What an event does is the caller's ({@link Actions}: the
 * pipeline's faults for {@code run}; only the record of it for the players' {@code network} events,
 * which their own JVM applies). Closing ends whatever is still in force, so a run never leaves a
 * fault behind.
 */
public final class TimelineRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TimelineRunner.class.getName());
    static final String SOURCE = "scenario";
    /** How long to wait for the players' JVM to say it started before giving up on the timeline. */
    static final long START_TIMEOUT_MILLIS = 120_000;

    /** What the events do. Called on the runner's thread, never on an event loop. */
    public interface Actions {
        void begin(ScenarioEvent event) throws Exception;

        void end(ScenarioEvent event) throws Exception;
    }

    private final List<ScenarioEvent> timeline;
    private final Actions actions;
    private final RunEvents events;
    private final PrintStream out;
    private final LongSupplier clock;
    private final ScheduledExecutorService thread;
    /** Events begun and not yet ended, with when they began. */
    private final Map<ScenarioEvent, Long> active = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private volatile long startMillis = -1;
    private boolean closed;

    public TimelineRunner(List<ScenarioEvent> timeline, Actions actions, RunEvents events, PrintStream out, LongSupplier clock) {
        this.timeline = List.copyOf(timeline);
        this.actions = actions;
        this.events = events;
        this.out = out;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "g2g-scenario-timeline");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts waiting for the players; returns at once. */
    public TimelineRunner start() {
        long deadline = clock.getAsLong() + START_TIMEOUT_MILLIS;
        thread.execute(() -> awaitPlayers(deadline));
        return this;
    }

    /** Starts the timeline now: the players started at {@code playersStart} (epoch ms). */
    public TimelineRunner startAt(long playersStart) {
        thread.execute(() -> schedule(playersStart));
        return this;
    }

    /** The players' start the timeline counts from, -1 until known. */
    public long startMillis() {
        return startMillis;
    }

    /** Events that could not be carried out, one line each. */
    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    private void awaitPlayers(long deadline) {
        long start = playersStart();
        if (start > 0) {
            schedule(start);
        } else if (clock.getAsLong() > deadline) {
            fail("the players never started; the timeline was not played");
        } else {
            thread.schedule(() -> awaitPlayers(deadline), 50, TimeUnit.MILLISECONDS);
        }
    }

    /** The time of the {@code players-start} line, or -1 while there is none. */
    private long playersStart() {
        if (!Files.isRegularFile(events.file())) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(events.file(), StandardCharsets.UTF_8)) {
                if (line.contains("\"players-start\"")) {
                    try {
                        return new JsonObject(line).getLong("t", -1L);
                    } catch (DecodeException | ClassCastException e) {
                        return -1; // being written; the next poll reads it whole
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read " + events.file() + " yet: " + e);
        }
        return -1;
    }

    private void schedule(long playersStart) {
        startMillis = playersStart;
        long now = clock.getAsLong();
        for (ScenarioEvent e : timeline) {
            long beginIn = Math.max(0, playersStart + e.at().toMillis() - now);
            thread.schedule(() -> begin(e), beginIn, TimeUnit.MILLISECONDS);
            e.end().ifPresent(end -> thread.schedule(() -> end(e), Math.max(0, playersStart + end.toMillis() - now),
                    TimeUnit.MILLISECONDS));
        }
    }

    private void begin(ScenarioEvent e) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        long t = clock.getAsLong();
        try {
            actions.begin(e);
        } catch (Exception ex) {
            fail(e.type().label() + " at " + ScenarioEvent.seconds(e.at()) + " could not begin: " + ex);
            return;
        }
        out.println("  t+" + seconds(t - startMillis) + " " + e.type().label() + ": " + e.describe());
        out.flush();
        if (e.type() == ScenarioEvent.Type.PUBLISHER_RESTART) {
            record(e, t, -1);
            return;
        }
        synchronized (this) {
            active.put(e, t);
        }
    }

    private void end(ScenarioEvent e) {
        Long began;
        synchronized (this) {
            began = active.remove(e);
        }
        if (began == null) {
            return;
        }
        try {
            actions.end(e);
        } catch (Exception ex) {
            fail(e.type().label() + " at " + ScenarioEvent.seconds(e.at()) + " could not end: " + ex);
        }
        long t = clock.getAsLong();
        record(e, began, t);
        out.println("  t+" + seconds(t - startMillis) + " " + e.type().label() + " over");
        out.flush();
    }

    private void record(ScenarioEvent e, long t, long until) {
        try {
            if (until < 0) {
                events.append(t, e.type().label(), SOURCE, e.describe());
            } else {
                events.append(t, until, e.type().label(), SOURCE, e.describe());
            }
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "event " + e.type().label() + " not written to " + events.file() + ": " + ex);
        }
    }

    private synchronized void fail(String why) {
        failures.add(why);
        LOG.log(System.Logger.Level.WARNING, "scenario: " + why);
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fs", Math.max(0, millis) / 1000.0);
    }

    /** Stops the timeline, ending (and recording) every event still in force. */
    @Override
    public void close() {
        List<ScenarioEvent> still;
        synchronized (this) {
            closed = true;
            still = new ArrayList<>(active.keySet());
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ScenarioEvent e : still) {
            end(e);
        }
    }
}
