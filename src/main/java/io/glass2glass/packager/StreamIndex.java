package io.glass2glass.packager;

import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The timeline of one live stream: for every rendition, the segments that exist, oldest first.
 *
 * <p>The packager thread appends; HTTP event loops read an immutable {@link Snapshot} through a
 * volatile field, so manifests are generated without locks.
 *
 * <p>Window (RFC 8216 §6.2.2): a playlist lists the newest {@code windowSegments} segments, which
 * the constructor checks to last at least three target durations. A segment that leaves the
 * playlist stays fetchable for its own duration plus the playlist's duration: with segments
 * produced in real time that is {@code windowSegments + 1} more segments, so
 * {@link #retainedSegments()} keeps {@code 2 * windowSegments + 2} and then evicts.
 */
public final class StreamIndex {

    /**
     * One CMAF segment of one rendition. Times in the track's timescale; stream time 0 = first frame.
     *
     * @param discontinuity the first segment of a publish that resumed the stream: its timeline (and
     *     possibly its encoder) starts afresh (RFC 8216 §4.3.2.3; a new Period in DASH)
     * @param initVersion which CMAF header of the rendition this segment needs (see {@link RenditionTimeline#tracks()})
     */
    public record Segment(
            long number,
            long startTime,
            long duration,
            int timescale,
            long programDateTimeMillis,
            int size,
            boolean discontinuity,
            int initVersion) {

        public Segment(long number, long startTime, long duration, int timescale, long programDateTimeMillis, int size,
                boolean discontinuity) {
            this(number, startTime, duration, timescale, programDateTimeMillis, size, discontinuity, 0);
        }

        /** End of the segment in seconds of stream time. */
        public double endSeconds() {
            return (double) (startTime + duration) / timescale;
        }

        public double durationSeconds() {
            return (double) duration / timescale;
        }

        public double startSeconds() {
            return (double) startTime / timescale;
        }

        /** Bits per second of this segment. */
        public long bitrate() {
            return duration == 0 ? 0 : Math.round(size * 8.0 * timescale / duration);
        }
    }

    /**
     * A rendition and its retained segments, oldest first.
     *
     * @param track the current configuration (the newest of {@code tracks})
     * @param tracks every configuration the rendition has had, by init version: a publisher that
     *     comes back with another configuration gets a new CMAF header instead of overwriting one
     *     that caches may hold as immutable
     * @param evictedDiscontinuities discontinuities among segments no longer retained, so that
     *     EXT-X-DISCONTINUITY-SEQUENCE never decreases (RFC 8216 §6.2.2)
     */
    public record RenditionTimeline(Rendition rendition, TrackInfo track, List<TrackInfo> tracks, List<Segment> segments,
            int windowSegments, long evictedDiscontinuities) {

        /** The configuration a segment of init version {@code version} was written with. */
        public TrackInfo track(int version) {
            return tracks.get(version);
        }

        /** The newest segment, if any. */
        public Optional<Segment> last() {
            return segments.isEmpty() ? Optional.empty() : Optional.of(segments.get(segments.size() - 1));
        }

        /** EXT-X-DISCONTINUITY-SEQUENCE of the current window: every discontinuity before its first segment. */
        public long discontinuitySequence() {
            List<Segment> window = window();
            long left = segments.subList(0, segments.size() - window.size()).stream().filter(Segment::discontinuity).count();
            return evictedDiscontinuities + left;
        }

        /** The segments a playlist lists now: the newest {@code windowSegments}. */
        public List<Segment> window() {
            int from = Math.max(0, segments.size() - windowSegments);
            return segments.subList(from, segments.size());
        }

        /** A retained segment (in the window or recently left it), if any. */
        public Optional<Segment> find(long number) {
            if (segments.isEmpty()) {
                return Optional.empty();
            }
            long first = segments.get(0).number();
            long index = number - first;
            if (index < 0 || index >= segments.size()) {
                return Optional.empty();
            }
            Segment s = segments.get((int) index);
            return s.number() == number ? Optional.of(s) : segments.stream().filter(x -> x.number() == number).findFirst();
        }

        /** Peak bitrate over the retained segments, or the ladder's target before any exist (RFC 8216 §4.4.6.2 BANDWIDTH). */
        public long peakBitrate() {
            long peak = segments.stream().mapToLong(Segment::bitrate).max().orElse(0);
            return peak > 0 ? peak : rendition.bitrateKbps() * 1000L;
        }

        /** Average bitrate over the retained segments (AVERAGE-BANDWIDTH). */
        public long averageBitrate() {
            long bytes = 0;
            long ticks = 0;
            for (Segment s : segments) {
                bytes += s.size();
                ticks += s.duration();
            }
            return ticks == 0 ? rendition.bitrateKbps() * 1000L : Math.round(bytes * 8.0 * track.timescale() / ticks);
        }
    }

    /**
     * What manifests are generated from.
     *
     * @param availabilityStartMillis wall-clock time of stream time 0 (DASH availabilityStartTime)
     * @param segmentSeconds nominal segment duration
     * @param renditions video rungs first (ladder order), then audio; only those whose track is known
     * @param resumes where each publish after the first begins: its first segment number → its
     *     start in seconds of stream time, on a segment boundary (one DASH Period each)
     * @param publishedMillis wall-clock time this snapshot was made: manifests generated from it are
     *     identical, so it is the MPD's publishTime (ISO/IEC 23009-1 §5.3.1.2)
     */
    public record Snapshot(
            String stream,
            long availabilityStartMillis,
            double segmentSeconds,
            int windowSegments,
            List<RenditionTimeline> renditions,
            NavigableMap<Long, Double> resumes,
            long publishedMillis) {

        /** The first number of the publish a segment belongs to, or -1 for the stream's first publish. */
        public long publishOf(long segmentNumber) {
            Long key = resumes.floorKey(segmentNumber);
            return key == null ? -1 : key;
        }

        public Optional<RenditionTimeline> rendition(String id) {
            return renditions.stream().filter(r -> r.rendition().id().equals(id)).findFirst();
        }

        /**
         * EXT-X-TARGETDURATION (RFC 8216 §4.3.3.1): the nominal duration rounded up, or more when a
         * retained segment's duration rounds above it (a passthrough publisher's GOP can be longer
         * than the nominal segment).
         */
        public int targetDurationSeconds() {
            int target = (int) Math.ceil(segmentSeconds - 1e-9);
            for (RenditionTimeline t : renditions) {
                for (Segment segment : t.segments()) {
                    target = Math.max(target, (int) Math.round(segment.durationSeconds()));
                }
            }
            return target;
        }

        /** The number the next publish of this stream starts at: one past the newest segment of any rendition, or -1 if none. */
        public long nextNumber() {
            return renditions.stream().flatMap(t -> t.last().stream()).mapToLong(Segment::number).max().orElse(-2) + 1;
        }

        /** Where the timeline ends: the latest segment end of any rendition in seconds of stream time, 0 if none. */
        public double endSeconds() {
            return renditions.stream().flatMap(t -> t.last().stream()).mapToDouble(Segment::endSeconds).max().orElse(0);
        }

        /** True once every rendition has at least one segment, so every manifest can be served. */
        public boolean isLive() {
            return !renditions.isEmpty() && renditions.stream().noneMatch(r -> r.segments().isEmpty());
        }
    }

    private final String stream;
    private final double segmentSeconds;
    private final int windowSegments;
    private final Map<String, RenditionTimeline> timelines = new LinkedHashMap<>();
    private final TreeMap<Long, Double> resumes = new TreeMap<>();
    private long availabilityStartMillis;
    private volatile Snapshot snapshot;

    public StreamIndex(String stream, double segmentSeconds, int windowSegments) {
        if (windowSegments * segmentSeconds < 3 * Math.ceil(segmentSeconds - 1e-9)) {
            throw new IllegalArgumentException("a live window of " + windowSegments + " segments of " + segmentSeconds
                    + " s is shorter than three target durations (RFC 8216 §6.2.2)");
        }
        this.stream = stream;
        this.segmentSeconds = segmentSeconds;
        this.windowSegments = windowSegments;
        this.snapshot = new Snapshot(stream, 0, segmentSeconds, windowSegments, List.of(), Collections.emptyNavigableMap(),
                System.currentTimeMillis());
    }

    public String stream() {
        return stream;
    }

    public int windowSegments() {
        return windowSegments;
    }

    /** How many segments per rendition are kept fetchable (window plus the grace period of RFC 8216 §6.2.2). */
    public int retainedSegments() {
        return 2 * windowSegments + 2;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Sets the wall-clock time of stream time 0; the first call wins. */
    public synchronized void startedAt(long wallClockMillis) {
        if (availabilityStartMillis == 0) {
            availabilityStartMillis = wallClockMillis;
            publish();
        }
    }

    /**
     * Declares a rendition once its encoder is open and its codec configuration known. A rendition
     * that already exists (the stream's publisher came back) keeps its segments; a configuration
     * that differs from the current one becomes a new init version.
     *
     * @return the init version of {@code track}: 0 for the first configuration
     */
    public synchronized int addTrack(Rendition rendition, TrackInfo track) {
        RenditionTimeline t = timelines.get(rendition.id());
        if (t == null) {
            timelines.put(rendition.id(), new RenditionTimeline(rendition, track, List.of(track), List.of(), windowSegments, 0));
            publish();
            return 0;
        }
        if (sameConfiguration(t.track(), track)) {
            return t.tracks().size() - 1;
        }
        List<TrackInfo> tracks = new ArrayList<>(t.tracks());
        tracks.add(track);
        timelines.put(rendition.id(), new RenditionTimeline(rendition, track, List.copyOf(tracks), t.segments(), windowSegments,
                t.evictedDiscontinuities()));
        publish();
        return tracks.size() - 1;
    }

    private static boolean sameConfiguration(TrackInfo a, TrackInfo b) {
        return a.kind() == b.kind() && a.codecs().equals(b.codecs()) && a.timescale() == b.timescale() && a.width() == b.width()
                && a.height() == b.height() && a.sampleRate() == b.sampleRate() && a.channels() == b.channels()
                && java.util.Arrays.equals(a.decoderConfig(), b.decoderConfig());
    }

    /**
     * Appends a segment and returns those that fell out of retention (their bytes can be deleted).
     *
     * @throws IllegalStateException if the number is not the previous one plus one (HLS media
     *     sequence numbers and DASH $Number$ both count segments; only a discontinuity may skip
     *     ahead), or the rendition was never added
     */
    public synchronized List<Segment> addSegment(String renditionId, Segment segment) {
        RenditionTimeline t = timelines.get(renditionId);
        if (t == null) {
            throw new IllegalStateException("unknown rendition " + renditionId);
        }
        List<Segment> segments = new ArrayList<>(t.segments());
        long expected = segments.isEmpty() ? segment.number() : segments.get(segments.size() - 1).number() + 1;
        if (segment.number() != expected && !(segment.discontinuity() && segment.number() > expected)) {
            throw new IllegalStateException("segment numbers must grow by one: " + segment.number() + " after "
                    + segments.get(segments.size() - 1).number());
        }
        segments.add(segment);
        if (segment.discontinuity()) {
            // Renditions start a publish a frame or two apart (audio frames straddle the boundary):
            // the Period starts at the segment boundary nearest to them.
            double start = Math.rint(segment.startSeconds() / segmentSeconds) * segmentSeconds;
            resumes.merge(segment.number(), start, Math::min);
        }
        List<Segment> evicted = new ArrayList<>();
        long evictedDiscontinuities = t.evictedDiscontinuities();
        while (segments.size() > retainedSegments()) {
            Segment gone = segments.remove(0);
            evicted.add(gone);
            evictedDiscontinuities += gone.discontinuity() ? 1 : 0;
        }
        timelines.put(renditionId, new RenditionTimeline(t.rendition(), t.track(), t.tracks(), List.copyOf(segments), windowSegments,
                evictedDiscontinuities));
        long oldest = timelines.values().stream().filter(x -> x != t).flatMap(x -> x.segments().stream().limit(1))
                .mapToLong(Segment::number).min().orElse(Long.MAX_VALUE);
        oldest = Math.min(oldest, segments.get(0).number());
        Long keep = resumes.floorKey(oldest);
        if (keep != null) {
            resumes.headMap(keep).clear(); // publishes no rendition retains a segment of any more
        }
        publish();
        return evicted;
    }

    private void publish() {
        List<RenditionTimeline> ordered = new ArrayList<>();
        timelines.values().stream().filter(t -> t.rendition().kind() == io.glass2glass.media.MediaKind.VIDEO).forEach(ordered::add);
        timelines.values().stream().filter(t -> t.rendition().kind() != io.glass2glass.media.MediaKind.VIDEO).forEach(ordered::add);
        snapshot = new Snapshot(stream, availabilityStartMillis, segmentSeconds, windowSegments, List.copyOf(ordered),
                Collections.unmodifiableNavigableMap(new TreeMap<>(resumes)), System.currentTimeMillis());
    }
}
