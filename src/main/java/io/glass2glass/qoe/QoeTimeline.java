package io.glass2glass.qoe;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the audience did in each interval of a run, for {@code qoe/timeline.jsonl}: the counters
 * behind the report's charts over time that interval histograms cannot give (players joining,
 * starting and failing, stalls begun and time stalled, who is on which rendition, requests by status).
 * Players report through a {@link Viewer} each, concurrently and without locks; one thread calls
 * {@link #tick(long)} every interval and gets the line to append.
 *
 * <p>Line format (one JSON object per interval, counts within the interval unless said):
 * {@code t} (interval end, epoch ms), {@code intervalMs}, {@code players} ({@code active},
 * {@code playing}, {@code stalled} are gauges at {@code t}; {@code joined}, {@code started},
 * {@code failedToStart}, {@code playbackFailed} counts), {@code stalls} ({@code begun}, {@code seconds}
 * stalled within the interval, CTA-2066 rebuffering), {@code switches}, {@code discontinuities},
 * {@code renditions} (players playing each video rendition at {@code t}), {@code requests} by kind
 * ({@code count}, {@code errors}, {@code bytes}, {@code statuses}; status 0 is no answer), and
 * {@code soFar}, the run's cumulative counts.
 */
public final class QoeTimeline {

    private final LongAdder joined = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder failedToStart = new LongAdder();
    private final LongAdder playbackFailed = new LongAdder();
    private final LongAdder stallsBegun = new LongAdder();
    private final LongAdder stalledMillis = new LongAdder();
    private final LongAdder switches = new LongAdder();
    private final LongAdder discontinuities = new LongAdder();
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong playing = new AtomicLong();
    /** Stalls not yet ended: the viewer, and when its stall began. */
    private final ConcurrentHashMap<Viewer, Long> stalledNow = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> onRendition = new ConcurrentHashMap<>();
    private final Map<ObjectKind, Kind> requests = new EnumMap<>(ObjectKind.class);
    private final long[] soFar = new long[4]; // joined, started, failedToStart, playbackFailed; tick thread only
    private long stallsBegunSoFar; // tick thread, under the lock
    private long stalledMillisSoFar;
    private volatile long intervalStart;

    /** @param startMillis the first interval's start, epoch ms */
    public QoeTimeline(long startMillis) {
        this.intervalStart = startMillis;
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            requests.put(kind, new Kind());
        }
    }

    /** A player joined: its handle for everything it reports. */
    public Viewer join() {
        joined.increment();
        active.incrementAndGet();
        return new Viewer();
    }

    /** Players joined and not yet ended. */
    public long active() {
        return active.get();
    }

    /**
     * What the run's players did so far, live (between intervals too): for a scrape of the load
     * generator's {@code /metrics}.
     */
    public record Totals(long joined, long started, long failedToStart, long playbackFailed, long stallsBegun,
            double stalledSeconds, long active, long playing, long stalledNow) {}

    /** The run's totals now; stall time includes the running part of stalls not yet ended. */
    public synchronized Totals totals(long nowMillis) {
        long stalled = stalledMillisSoFar + stalledMillis.sum();
        for (Long begun : stalledNow.values()) {
            stalled += Math.max(0, nowMillis - Math.max(begun, intervalStart));
        }
        return new Totals(soFar[0] + joined.sum(), soFar[1] + started.sum(), soFar[2] + failedToStart.sum(),
                soFar[3] + playbackFailed.sum(), stallsBegunSoFar + stallsBegun.sum(), stalled / 1000.0,
                active.get(), Math.max(0, playing.get()), stalledNow.size());
    }

    /**
     * Closes the interval that ends at {@code nowMillis} and returns its line. Called by one thread at
     * a time; a value reported while it runs lands in this interval or the next, never in neither.
     */
    public synchronized JsonObject tick(long nowMillis) {
        long start = intervalStart;
        long end = Math.max(nowMillis, start);
        intervalStart = end;
        long stalled = stalledMillis.sumThenReset();
        for (Long begun : stalledNow.values()) {
            stalled += end - Math.max(begun, start); // the part of a running stall inside this interval
        }
        long[] counts = {joined.sumThenReset(), started.sumThenReset(), failedToStart.sumThenReset(), playbackFailed.sumThenReset()};
        for (int i = 0; i < counts.length; i++) {
            soFar[i] += counts[i];
        }
        long begun = stallsBegun.sumThenReset();
        stallsBegunSoFar += begun;
        stalledMillisSoFar += stalled;
        JsonObject renditions = new JsonObject();
        new TreeMap<>(onRendition).forEach((id, n) -> {
            if (n.get() > 0) {
                renditions.put(id, n.get());
            }
        });
        JsonObject byKind = new JsonObject();
        requests.forEach((kind, k) -> {
            long count = k.count.sumThenReset();
            if (count == 0) {
                return;
            }
            JsonObject statuses = new JsonObject();
            new TreeMap<>(k.statuses).forEach((status, n) -> {
                long c = n.sumThenReset();
                if (c > 0) {
                    statuses.put(String.valueOf(status), c);
                }
            });
            byKind.put(kind.label(), new JsonObject().put("count", count).put("errors", k.errors.sumThenReset())
                    .put("bytes", k.bytes.sumThenReset()).put("statuses", statuses));
        });
        return new JsonObject()
                .put("t", end)
                .put("intervalMs", end - start)
                .put("players", new JsonObject()
                        .put("active", active.get())
                        .put("playing", Math.max(0, playing.get()))
                        .put("stalled", stalledNow.size())
                        .put("joined", counts[0])
                        .put("started", counts[1])
                        .put("failedToStart", counts[2])
                        .put("playbackFailed", counts[3]))
                .put("stalls", new JsonObject().put("begun", begun).put("seconds", stalled / 1000.0))
                .put("switches", switches.sumThenReset())
                .put("discontinuities", discontinuities.sumThenReset())
                .put("renditions", renditions)
                .put("requests", byKind)
                .put("soFar", new JsonObject().put("joined", soFar[0]).put("started", soFar[1])
                        .put("failedToStart", soFar[2]).put("playbackFailed", soFar[3]));
    }

    private static final class Kind {
        final LongAdder count = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    }

    /** One player's reports into the timeline; its own state is touched by that player only. */
    public final class Viewer {
        private String rendition;
        private boolean startedPlaying;
        private boolean stalled;
        private boolean ended;

        private Viewer() {}

        public void request(ObjectKind kind, int status, long bytes) {
            Kind k = requests.get(kind);
            if (k == null) {
                return;
            }
            k.count.increment();
            if (status == 0 || status >= 400) {
                k.errors.increment();
            }
            k.bytes.add(Math.max(0, bytes));
            LongAdder n = k.statuses.get(status);
            (n != null ? n : k.statuses.computeIfAbsent(status, s -> new LongAdder())).increment();
        }

        /** The first frame played (CTA-2066 video start). */
        public void started() {
            if (!startedPlaying && !ended) {
                startedPlaying = true;
                started.increment();
                playing.incrementAndGet();
            }
        }

        public void stallBegan(long atMillis) {
            if (stalled || ended) {
                return;
            }
            stalled = true;
            stallsBegun.increment();
            // A player notices a stall when it next runs, which can be after the interval it began in was
            // written: that part lands in this interval, so the intervals still add up to the run's total.
            long start = intervalStart;
            if (atMillis < start) {
                stalledMillis.add(start - atMillis);
            }
            stalledNow.put(this, Math.max(atMillis, start));
            if (startedPlaying) {
                playing.decrementAndGet();
            }
        }

        public void stallEnded(long begunMillis, long endedMillis) {
            if (!stalled) {
                return;
            }
            stalled = false;
            Long begun = stalledNow.remove(this);
            long from = Math.max(begun == null ? begunMillis : begun, intervalStart);
            stalledMillis.add(Math.max(0, endedMillis - from));
            if (startedPlaying && !ended) {
                playing.incrementAndGet();
            }
        }

        public void renditionPlayed(String from, String to) {
            if (ended) {
                return;
            }
            if (rendition != null) {
                onRendition.get(rendition).decrementAndGet();
                switches.increment();
            }
            rendition = to;
            AtomicLong n = onRendition.get(to);
            (n != null ? n : onRendition.computeIfAbsent(to, r -> new AtomicLong())).incrementAndGet();
        }

        public void discontinuity() {
            discontinuities.increment();
        }

        /** The session ended with this outcome; later reports are ignored. */
        public void ended(boolean failedToStartPlaying, boolean failedDuringPlayback, long atMillis) {
            if (ended) {
                return;
            }
            if (stalled) {
                stallEnded(atMillis, atMillis);
            }
            ended = true;
            if (startedPlaying) {
                playing.decrementAndGet();
            }
            if (rendition != null) {
                onRendition.get(rendition).decrementAndGet();
            }
            if (failedToStartPlaying) {
                failedToStart.increment();
            }
            if (failedDuringPlayback) {
                playbackFailed.increment();
            }
            active.decrementAndGet();
        }
    }
}
