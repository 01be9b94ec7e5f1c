package io.glass2glass.packager;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.packager.cmaf.CmafWriter;
import io.glass2glass.storage.SegmentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cuts each rendition's samples into CMAF segments at the ladder's segment boundaries, stores the
 * bytes once (both HLS and DASH serve them) and appends them to the stream's timeline.
 *
 * <p>Segment <i>n</i> holds the samples whose presentation starts in [n·d, (n+1)·d): a video
 * segment starts at the IDR the encoder placed on the boundary, an audio segment at the first AAC
 * frame at or after it (ISO/IEC 23000-19 §7.3.3: one CMAF fragment per segment, one track each).
 *
 * <p>A packager packages one publish. When the stream's index already has segments (its publisher
 * came back), every rendition continues at the same next number with a discontinuity, so media
 * sequence numbers only grow and stay aligned across renditions. At the end of a publish the
 * renditions' unfinished segments are flushed up to the same number, so the next publish starts
 * aligned too.
 */
public final class LivePackager implements EncodedMediaSink {

    private static final System.Logger LOG = System.getLogger(LivePackager.class.getName());
    private static final int TRACK_ID = 1;

    private final StreamIndex index;
    private final SegmentStore store;
    private final double segmentSeconds;
    private final ConcurrentHashMap<String, Segmenter> segmenters = new ConcurrentHashMap<>();
    private final java.util.Set<String> ended = new java.util.HashSet<>();
    /** First number of this publish when it resumes an existing timeline, else -1. */
    private final long resumeNumber;

    public LivePackager(StreamIndex index, SegmentStore store, double segmentSeconds) {
        this.index = index;
        this.store = store;
        this.segmentSeconds = segmentSeconds;
        this.resumeNumber = index.snapshot().nextNumber();
    }

    public StreamIndex index() {
        return index;
    }

    /** Object key of a rendition's first CMAF header. */
    public static String initKey(String stream, String rendition) {
        return initKey(stream, rendition, 0);
    }

    /** Object key of a rendition's CMAF header of one init version. */
    public static String initKey(String stream, String rendition, int version) {
        return stream + "/" + rendition + "/" + initName(version);
    }

    /** The header's file name, relative to the rendition: {@code init.mp4}, then {@code init-1.mp4}, ... */
    public static String initName(int version) {
        return version == 0 ? "init.mp4" : "init-" + version + ".mp4";
    }

    /** Object key of a CMAF segment. */
    public static String segmentKey(String stream, String rendition, long number) {
        return stream + "/" + rendition + "/" + number + ".m4s";
    }

    @Override
    public void onTrack(Rendition rendition, TrackInfo track) {
        // A new version is listed only once a segment refers to it, so storing after addTrack is safe.
        int version = index.addTrack(rendition, track);
        store.put(initKey(index.stream(), rendition.id(), version), CmafWriter.header(track, TRACK_ID)).toCompletableFuture().join();
        segmenters.put(rendition.id(), new Segmenter(rendition, track, version));
    }

    @Override
    public void onSample(Rendition rendition, MediaSample sample) {
        Segmenter s = segmenters.get(rendition.id());
        if (s == null) {
            throw new IllegalStateException("sample for " + rendition.id() + " before its track");
        }
        s.add(sample);
    }

    /**
     * Ends one rendition. Once every rendition has ended, each unfinished segment is flushed if its
     * number is not past the lowest number any rendition reached, and dropped otherwise: the
     * renditions then end on the same number. Each segmenter is handed over here by its own thread.
     */
    @Override
    public synchronized void onEnd(Rendition rendition) {
        if (!segmenters.containsKey(rendition.id()) || !ended.add(rendition.id()) || ended.size() < segmenters.size()) {
            return;
        }
        long last = Long.MAX_VALUE;
        for (Segmenter s : segmenters.values()) {
            long reached = s.samples.isEmpty() ? s.lastNumber : s.number;
            if (reached >= 0) {
                last = Math.min(last, reached);
            }
        }
        for (Segmenter s : segmenters.values()) {
            if (!s.samples.isEmpty() && s.number <= last) {
                s.flush();
            } else if (!s.samples.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, () -> index.stream() + "/" + s.rendition.id() + ": unfinished segment "
                        + s.number + " dropped to end aligned");
                s.samples.clear();
            }
        }
    }

    /** One rendition's open segment. Only that rendition's encoder thread touches it. */
    private final class Segmenter {
        private final Rendition rendition;
        private final TrackInfo track;
        private final int initVersion;
        private final long segmentTicks;
        private final List<MediaSample> samples = new ArrayList<>();
        private long number = -1;
        private long lastNumber = -1;
        private long nextBoundary;

        Segmenter(Rendition rendition, TrackInfo track, int initVersion) {
            this.rendition = rendition;
            this.track = track;
            this.initVersion = initVersion;
            this.segmentTicks = Math.round(segmentSeconds * track.timescale());
        }

        void add(MediaSample sample) {
            if (sample.timescale() != track.timescale()) {
                throw new IllegalArgumentException(rendition.id() + ": sample timescale " + sample.timescale()
                        + " differs from the track's " + track.timescale());
            }
            if (number < 0 && sample.captureTimeMicros() > 0) {
                index.startedAt(sample.captureTimeMicros() / 1000 - sample.pts() * 1000 / sample.timescale());
            }
            boolean canStart = rendition.kind() == MediaKind.AUDIO || sample.keyframe();
            if (number >= 0 && canStart && sample.pts() >= nextBoundary) {
                flush();
            }
            if (number < 0) {
                if (!canStart) {
                    return; // a segment must begin with a sync sample
                }
                // Numbers count segments (HLS media sequence, DASH $Number$); the boundary follows media time.
                number = lastNumber >= 0 ? lastNumber + 1 : resumeNumber >= 0 ? resumeNumber : sample.pts() / segmentTicks;
                nextBoundary = (Math.floorDiv(sample.pts(), segmentTicks) + 1) * segmentTicks;
            }
            samples.add(sample);
        }

        void flush() {
            if (samples.isEmpty()) {
                return;
            }
            MediaSample first = samples.get(0);
            long duration = samples.stream().mapToLong(MediaSample::duration).sum();
            byte[] bytes = CmafWriter.segment(track, TRACK_ID, number + 1, first.dts(), List.copyOf(samples));
            long ast = index.snapshot().availabilityStartMillis();
            long pdt = ast + first.dts() * 1000 / track.timescale();
            boolean discontinuity = lastNumber < 0 && resumeNumber >= 0;
            StreamIndex.Segment segment = new StreamIndex.Segment(number, first.dts(), duration, track.timescale(), pdt,
                    bytes.length, discontinuity, initVersion);
            String stream = index.stream();
            store.put(segmentKey(stream, rendition.id(), number), bytes).toCompletableFuture().join();
            for (StreamIndex.Segment gone : index.addSegment(rendition.id(), segment)) {
                store.delete(segmentKey(stream, rendition.id(), gone.number()));
            }
            LOG.log(System.Logger.Level.DEBUG, () -> stream + "/" + rendition.id() + " segment " + segment.number());
            lastNumber = number;
            number = -1;
            samples.clear();
        }
    }
}
