package io.glass2glass.packager;

import io.glass2glass.encode.EncodedMediaSink;
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
 */
public final class LivePackager implements EncodedMediaSink {

    private static final System.Logger LOG = System.getLogger(LivePackager.class.getName());
    private static final int TRACK_ID = 1;

    private final StreamIndex index;
    private final SegmentStore store;
    private final double segmentSeconds;
    private final ConcurrentHashMap<String, Segmenter> segmenters = new ConcurrentHashMap<>();

    public LivePackager(StreamIndex index, SegmentStore store, double segmentSeconds) {
        this.index = index;
        this.store = store;
        this.segmentSeconds = segmentSeconds;
    }

    public StreamIndex index() {
        return index;
    }

    /** Object key of a rendition's CMAF header. */
    public static String initKey(String stream, String rendition) {
        return stream + "/" + rendition + "/init.mp4";
    }

    /** Object key of a CMAF segment. */
    public static String segmentKey(String stream, String rendition, long number) {
        return stream + "/" + rendition + "/" + number + ".m4s";
    }

    @Override
    public void onTrack(Rendition rendition, TrackInfo track) {
        store.put(initKey(index.stream(), rendition.id()), CmafWriter.header(track, TRACK_ID)).toCompletableFuture().join();
        segmenters.put(rendition.id(), new Segmenter(rendition, track));
        index.addTrack(rendition, track);
    }

    @Override
    public void onSample(Rendition rendition, MediaSample sample) {
        Segmenter s = segmenters.get(rendition.id());
        if (s == null) {
            throw new IllegalStateException("sample for " + rendition.id() + " before its track");
        }
        s.add(sample);
    }

    @Override
    public void onEnd(Rendition rendition) {
        Segmenter s = segmenters.get(rendition.id());
        if (s != null) {
            s.flush();
        }
    }

    /** One rendition's open segment. Only that rendition's encoder thread touches it. */
    private final class Segmenter {
        private final Rendition rendition;
        private final TrackInfo track;
        private final long segmentTicks;
        private final List<MediaSample> samples = new ArrayList<>();
        private long number = -1;
        private long lastNumber = -1;
        private long nextBoundary;

        Segmenter(Rendition rendition, TrackInfo track) {
            this.rendition = rendition;
            this.track = track;
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
                number = lastNumber < 0 ? sample.pts() / segmentTicks : lastNumber + 1;
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
            StreamIndex.Segment segment = new StreamIndex.Segment(number, first.dts(), duration, track.timescale(), pdt,
                    bytes.length, false);
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
