package io.glass2glass.pipeline;

import io.glass2glass.edge.EdgeCache;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.source.SyntheticPublisher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Faults a scenario's timeline scripts against the running chain, each acting on the real stage:
 * the origin's sockets and answers, the RTMP publisher's connection, the encoders, an edge's
 * sockets. Called from ordinary threads, never an event loop (each call waits for the stage, and
 * is refused there); each returns once the change is in force and logs one INFO line. Setting a
 * fault that is in force again changes nothing.
 */
public final class PipelineFaults {

    private static final System.Logger LOG = System.getLogger(PipelineFaults.class.getName());
    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(15);

    private final Origin origin;
    private final List<EdgeCache> edges;
    private final SyntheticPublisher publisher;
    private final LivePublishSinks sinks;
    /** In the order they began; guarded by itself. */
    private final Set<String> active = new LinkedHashSet<>();
    /** Publishes counted when the last publisher-restart dropped the connection; -1 when none is pending. */
    private volatile long publishesAtRestart = -1;

    PipelineFaults(Origin origin, List<EdgeCache> edges, SyntheticPublisher publisher, LivePublishSinks sinks) {
        this.origin = origin;
        this.edges = List.copyOf(edges);
        this.publisher = publisher;
        this.sinks = sinks;
    }

    /**
     * On: the origin's listening socket and open connections close (connection refused or reset for
     * players and edges; the edges serve what stale-if-error allows, RFC 5861 §4). Off: it listens
     * again on the same port, with every stream, stored segment and counter as before.
     */
    public synchronized void originOutage(boolean on) {
        notOnEventLoop();
        await(on ? origin.suspend() : origin.resume(), "origin-outage");
        mark("origin-outage", on, "origin port " + origin.actualPort() + (on ? " closed" : " listening again"));
    }

    /** On: every origin request but {@code /metrics} is answered 503 with {@code Retry-After: 1}, {@code no-store}. Off: served as usual. */
    public synchronized void originErrors(boolean on) {
        origin.failRequests(on);
        mark("origin-errors", on, on ? "the origin answers 503" : "the origin answers as usual");
    }

    /**
     * The synthetic publisher's TCP connection drops now, as a crashed encoder's would (no
     * {@code FCUnpublish}), and it publishes again after {@code gap} (0: its usual first retry, 1 s).
     * The ingest continues the stream's timeline after an EXT-X-DISCONTINUITY.
     *
     * @throws IllegalStateException when the pipeline takes outside publishers only ({@link LivePipeline.Source#RTMP})
     */
    public synchronized void publisherRestart(Duration gap) {
        Objects.requireNonNull(gap, "gap");
        if (publisher == null) {
            throw new IllegalStateException("publisher-restart needs the synthetic source; this pipeline takes outside RTMP publishers");
        }
        notOnEventLoop();
        long before = publisher.publishes();
        publisher.restart(gap);
        publishesAtRestart = before;
        LOG.log(Level.INFO, "fault publisher-restart: the RTMP connection dropped; publishing again in "
                + (gap.isZero() ? "the usual 1000" : Long.toString(gap.toMillis())) + " ms");
    }

    /**
     * On: nothing published reaches the encoders, which are drained (their segment in progress
     * completes), so the playlists stop growing while the RTMP publish stays up. Off: a fresh
     * encoder starts at the next keyframe, after an EXT-X-DISCONTINUITY (why: {@link LivePublishSinks#stall}).
     */
    public synchronized void encoderStall(boolean on) {
        notOnEventLoop();
        try {
            if (!sinks.stall(on, STAGE_TIMEOUT)) {
                LOG.log(Level.WARNING, "encoder-stall: an encoder did not drain within " + STAGE_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the encoders drained", e);
        }
        mark("encoder-stall", on, on ? "no frame reaches the encoders" : "encoders start again at the next keyframe");
    }

    /**
     * Edge {@code index} (0-based, as in {@link LivePipeline#edges()}) closes its listening socket and
     * open connections (down), or listens again on the same port (up), its cache kept. The other
     * edges keep serving.
     *
     * @throws IllegalArgumentException for an index out of range
     */
    public synchronized void edgeDown(int index, boolean down) {
        if (index < 0 || index >= edges.size()) {
            throw new IllegalArgumentException("edge-down: no edge " + index + " (the pipeline has " + edges.size() + ", from 0)");
        }
        notOnEventLoop();
        EdgeCache edge = edges.get(index);
        await(down ? edge.suspend() : edge.resume(), "edge-down:" + index);
        mark("edge-down:" + index, down, edge.options().name() + " port " + edge.actualPort() + (down ? " closed" : " listening again"));
    }

    /** The faults in force now, e.g. {@code origin-outage}, {@code edge-down:0}; {@code publisher-restart} until the publisher is back. */
    public List<String> active() {
        List<String> now;
        synchronized (active) {
            now = new ArrayList<>(active);
        }
        long before = publishesAtRestart;
        if (before >= 0) {
            if (publisher.publishes() > before && publisher.isPublishing()) {
                publishesAtRestart = -1;
            } else {
                now.add("publisher-restart");
            }
        }
        return now;
    }

    private void mark(String fault, boolean on, String what) {
        boolean changed;
        synchronized (active) {
            changed = on ? active.add(fault) : active.remove(fault);
        }
        LOG.log(Level.INFO, "fault " + fault + (on ? " on" : " off") + ": " + what + (changed ? "" : " (it already was)"));
    }

    /** Each fault waits for its stage: on an event loop that would wait for itself. */
    private static void notOnEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("pipeline faults block until in force: call them from an ordinary thread, not an event loop");
        }
    }

    private static void await(Future<?> f, String fault) {
        try {
            f.toCompletionStage().toCompletableFuture().get(STAGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(fault + ": interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(fault + ": not applied: " + e.getMessage(), e);
        }
    }
}
