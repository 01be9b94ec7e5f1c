package io.glass2glass.pipeline;

import io.glass2glass.encode.TranscodePipeline;
import io.glass2glass.ingest.rtmp.PassthroughPipeline;
import io.glass2glass.ingest.rtmp.PublishSinks;
import io.glass2glass.ingest.rtmp.StreamResume;
import io.glass2glass.media.IngestPipeline;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.packager.LivePackager;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.storage.SegmentStore;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the reference chain sends each publish the ingest accepts: the ladder encoded from it (or,
 * with a passthrough ladder, its own H.264/AAC packaged) into the stream's {@link StreamIndex} and
 * the segment store. A stream already in {@link LiveStreams} (its publisher came back) keeps its
 * index, so the new publish continues the timeline after a discontinuity instead of replacing what
 * players are watching.
 *
 * <p>Made {@linkplain #stallable stallable} (as {@link LivePipeline} makes it), every publish's
 * pipeline sits behind a gate that a scripted encoder stall closes: see {@link #stall}.
 */
public final class LivePublishSinks implements PublishSinks {

    private static final System.Logger LOG = System.getLogger(LivePublishSinks.class.getName());

    private final LiveStreams streams;
    private final SegmentStore store;
    private final Ladder ladder;
    private final int windowSegments;
    private final boolean stallable;
    private volatile boolean stalled;
    /** The gates of the publishes running now. */
    private final Set<Gate> gates = ConcurrentHashMap.newKeySet();

    /** @param windowSegments segments listed in each live playlist of a new stream */
    public LivePublishSinks(LiveStreams streams, SegmentStore store, Ladder ladder, int windowSegments) {
        this(streams, store, ladder, windowSegments, false);
    }

    /** @param stallable whether {@link #stall} may act on the publishes (each pipeline then sits behind a gate) */
    LivePublishSinks(LiveStreams streams, SegmentStore store, Ladder ladder, int windowSegments, boolean stallable) {
        if (windowSegments < 1) {
            throw new IllegalArgumentException("the playlist window needs at least one segment: " + windowSegments);
        }
        this.streams = streams;
        this.store = store;
        this.ladder = ladder;
        this.windowSegments = windowSegments;
        this.stallable = stallable;
    }

    @Override
    public Sink open(String stream, Consumer<String> endPublish) {
        StreamIndex index = streams.find(stream).orElseGet(() -> {
            StreamIndex created = new StreamIndex(stream, ladder.segmentSeconds(), windowSegments);
            streams.add(created);
            return created;
        });
        LivePackager packager = new LivePackager(index, store, ladder.segmentSeconds());
        boolean encodes = !ladder.passthrough();
        Supplier<IngestPipeline> pipeline;
        if (stallable) {
            pipeline = () -> new Gate(stream, packager, () -> new LivePackager(index, store, ladder.segmentSeconds()),
                    p -> pipeline(stream, p, endPublish));
        } else {
            pipeline = () -> pipeline(stream, packager, endPublish);
        }
        return new Sink(pipeline, encodes, resume(index.snapshot()));
    }

    private IngestPipeline pipeline(String stream, LivePackager packager, Consumer<String> endPublish) {
        return ladder.passthrough() ? new PassthroughPipeline(stream, ladder, packager, endPublish)
                : new TranscodePipeline(stream, ladder, packager);
    }

    /** Where a publish continues a stream's timeline: after its last published segment, if it has one. */
    static StreamResume resume(StreamIndex.Snapshot s) {
        if (s.nextNumber() < 0) {
            return StreamResume.NEW;
        }
        return new StreamResume(true, Math.round(s.segmentSeconds() * 1000), s.availabilityStartMillis(),
                (long) Math.ceil(s.endSeconds() * 1000 - 1e-6));
    }

    /**
     * A scripted encoder stall. On: nothing published reaches an encoder any more, and each running
     * encoder is drained and closed (its segment in progress is flushed, the renditions ending on the
     * same number as at the end of a publish), so the playlists stop growing while the RTMP publish
     * stays connected and keeps being read. Off: each publish opens a fresh encoder and packager at
     * its next video keyframe, i.e. from the live point.
     *
     * <p>Why a discontinuity and not continuous timestamps: the frames of the stall are lost, so the
     * media after it is later by the stall's length. Shifting it back to close the gap would put
     * media time behind the wall clock, and EXT-X-PROGRAM-DATE-TIME and the DASH availability times
     * (ISO/IEC 23009-1 §5.3.9.5.3) would lie by that much; keeping its true time opens a gap in the
     * timestamps, which RFC 8216 §3 allows only after EXT-X-DISCONTINUITY (§4.3.2.3). So the new
     * packager resumes the stream's timeline as a returning publisher does ({@link LivePackager}:
     * the next media sequence number, a discontinuity, a fresh CMAF header), every segment before
     * and after being whole.
     *
     * @return whether every running publish had drained (on) within {@code timeout}; off returns at once
     * @throws IllegalStateException when these sinks were not made stallable
     */
    boolean stall(boolean on, Duration timeout) throws InterruptedException {
        if (!stallable) {
            throw new IllegalStateException("these publish sinks were not made stallable");
        }
        stalled = on;
        if (!on) {
            return true;
        }
        List<CompletableFuture<Void>> drained = gates.stream().map(Gate::drainWanted).toList();
        try {
            CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Whether a stall is in force. */
    boolean stalled() {
        return stalled;
    }

    /**
     * One publish's pipeline behind the stall: passes everything through while the chain is not
     * stalled; when it is, drains and drops its pipeline and drops what arrives; afterwards opens a new
     * packager and pipeline at the first video keyframe, replaying the sequence headers. Used on the
     * publish's worker thread only, but for {@link #drainWanted} and the metrics reader.
     */
    private final class Gate implements IngestPipeline, MetricsSource {

        private final String stream;
        private final Supplier<LivePackager> packagers;
        private final java.util.function.Function<LivePackager, IngestPipeline> pipelines;
        /** The latest sequence header of each kind, for a pipeline opened after a stall. */
        private final Map<MediaKind, TrackInfo> tracks = new EnumMap<>(MediaKind.class);
        private final AtomicReference<CompletableFuture<Void>> drainWanted = new AtomicReference<>();
        private volatile IngestPipeline running;
        /** Media time (µs) of the keyframe a pipeline reopened at: earlier audio is dropped, so every rendition starts together. */
        private long reopenedAtMicros = Long.MIN_VALUE;

        Gate(String stream, LivePackager first, Supplier<LivePackager> packagers,
                java.util.function.Function<LivePackager, IngestPipeline> pipelines) {
            this.stream = stream;
            this.packagers = packagers;
            this.pipelines = pipelines;
            // Not stalled: the pipeline opens now, as it would without a gate (the packager made when the publish was accepted).
            this.running = stalled ? null : pipelines.apply(first);
            gates.add(this);
        }

        /** A future the worker completes once it has seen the stall (drained its pipeline, or had none). */
        CompletableFuture<Void> drainWanted() {
            CompletableFuture<Void> f = new CompletableFuture<>();
            CompletableFuture<Void> older = drainWanted.getAndSet(f);
            if (older != null) {
                older.complete(null);
            }
            if (!gates.contains(this)) {
                f.complete(null); // closed meanwhile
            }
            return f;
        }

        @Override
        public void onTrack(TrackInfo track) throws InterruptedException {
            tracks.put(track.kind(), track);
            if (stalled) {
                drain();
                return;
            }
            IngestPipeline p = running;
            if (p != null) {
                p.onTrack(track);
            }
        }

        @Override
        public void onSample(MediaSample sample) throws InterruptedException {
            if (stalled) {
                drain();
                return;
            }
            IngestPipeline p = running;
            if (p == null) {
                // A decoder must start at an IDR (ISO/IEC 14496-10 §8.2.1), and so must a CMAF video segment.
                boolean video = sample.kind() == MediaKind.VIDEO;
                if (!(video && sample.keyframe()) && tracks.containsKey(MediaKind.VIDEO)) {
                    return;
                }
                p = reopen(micros(sample));
            }
            if (sample.kind() == MediaKind.AUDIO && micros(sample) < reopenedAtMicros) {
                return;
            }
            p.onSample(sample);
        }

        private IngestPipeline reopen(long atMicros) throws InterruptedException {
            IngestPipeline p = pipelines.apply(packagers.get());
            running = p;
            reopenedAtMicros = atMicros;
            for (TrackInfo t : tracks.values()) {
                p.onTrack(t);
            }
            LOG.log(System.Logger.Level.DEBUG, () -> stream + ": encoder stall over, a new encoder starts at " + atMicros / 1000 + " ms");
            return p;
        }

        /** Stalled: the running pipeline (if any) is flushed into the packager and closed. */
        private void drain() throws InterruptedException {
            IngestPipeline p = running;
            if (p != null) {
                running = null;
                try {
                    p.finish();
                } finally {
                    p.close();
                }
                LOG.log(System.Logger.Level.DEBUG, () -> stream + ": encoder stalled, its output flushed");
            }
            acknowledge();
        }

        private void acknowledge() {
            CompletableFuture<Void> f = drainWanted.getAndSet(null);
            if (f != null) {
                f.complete(null);
            }
        }

        @Override
        public void finish() throws InterruptedException {
            IngestPipeline p = running;
            if (p != null) {
                p.finish();
            }
        }

        @Override
        public void close() {
            gates.remove(this);
            IngestPipeline p = running;
            running = null;
            try {
                if (p != null) {
                    p.close();
                }
            } finally {
                acknowledge();
            }
        }

        @Override
        public void writePrometheus(PrometheusText out) {
            if (running instanceof MetricsSource m) {
                m.writePrometheus(out);
            }
        }

        private static long micros(MediaSample s) {
            return s.pts() * 1_000_000L / s.timescale();
        }
    }
}
