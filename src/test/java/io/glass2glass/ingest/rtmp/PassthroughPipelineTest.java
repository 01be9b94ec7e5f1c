package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.encode.LadderConfig;
import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.packager.LivePackager;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.dash.DashManifest;
import io.glass2glass.packager.hls.HlsPlaylists;
import io.glass2glass.rtmp.flv.FlvAudioTagParser;
import io.glass2glass.rtmp.flv.FlvFileReader;
import io.glass2glass.rtmp.flv.FlvTagResult;
import io.glass2glass.rtmp.flv.FlvVideoTagParser;
import io.glass2glass.rtmp.flv.RecordedFlv;
import io.glass2glass.storage.MemorySegmentStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published H.264/AAC (recorded by Debian's ffmpeg, read tag by tag as the RTMP ingest receives
 * them) packaged without re-encoding: times rescaled from the RTMP millisecond clock, the
 * renditions described by the published track, configuration changes refused.
 */
class PassthroughPipelineTest {

    private static final Ladder LADDER = LadderConfig.load("passthrough");
    private static final long WALL_CLOCK_BASE = 1_700_000_000_000_000L;

    @TempDir
    static Path dir;
    /** 640x360 at 30 fps, a keyframe every 2 s, AAC at 44.1 kHz (1024/44.1 ms frames: stamps rounded to the ms). */
    static List<FlvFileReader.Tag> clip;
    /** The same at 320x180: another H.264 configuration. */
    static List<FlvFileReader.Tag> small;

    @BeforeAll
    static void record() throws Exception {
        clip = FlvFileReader.read(RecordedFlv.record(dir.resolve("clip.flv"), 640, 360, 60, 44_100, 7), 64 << 20, 1 << 20).tags();
        small = FlvFileReader.read(RecordedFlv.record(dir.resolve("small.flv"), 320, 180, 60, 44_100, 1), 64 << 20, 1 << 20).tags();
    }

    @Test
    void samplesKeepTheirTimesOnTheTracksClocksAndAudioCountsFrames() {
        Recorder sink = new Recorder(null);
        List<String> ended = new ArrayList<>();
        PassthroughPipeline pipeline = new PassthroughPipeline("t", LADDER, sink, ended::add);
        feed(pipeline, clip, t -> t);
        pipeline.finish();
        assertEquals(List.of(), ended);

        List<MediaSample> video = sink.samples(MediaKind.VIDEO);
        List<Long> videoStamps = stamps(clip, FlvFileReader.VIDEO);
        assertTrue(video.get(0).keyframe(), "video starts at a keyframe");
        assertEquals(videoStamps.size(), video.size(), "every video sample from the first keyframe (the first tag) on");
        for (int i = 0; i < video.size(); i++) {
            MediaSample s = video.get(i);
            assertEquals(90_000, s.timescale());
            assertEquals(videoStamps.get(i) * 90, s.dts(), "video dts " + i + " is the RTMP stamp at 90 kHz");
            assertTrue(s.pts() >= s.dts());
            if (i + 1 < video.size()) {
                assertEquals(video.get(i + 1).dts() - s.dts(), s.duration(), "duration " + i + " reaches the next sample");
            }
            assertTrue(s.duration() >= 2970 && s.duration() <= 3060, "a 30 fps frame on a ms clock: " + s.duration());
        }

        List<MediaSample> audio = sink.samples(MediaKind.AUDIO);
        List<Long> audioStamps = stamps(clip, FlvFileReader.AUDIO);
        assertEquals(audioStamps.size(), audio.size());
        for (int i = 0; i < audio.size(); i++) {
            MediaSample s = audio.get(i);
            assertEquals(44_100, s.timescale());
            assertEquals(audio.get(0).dts() + 1024L * i, s.dts(), "audio frame " + i + " is 1024 samples after the one before");
            assertEquals(1024, s.duration());
            // No drift: after seven seconds the count still agrees with the publisher's rounded ms stamps.
            assertEquals(audioStamps.get(i), s.dts() * 1000.0 / 44_100, 1.0, "frame " + i);
        }
        assertEquals(2, sink.ended.size(), "onEnd for both renditions: " + sink.ended);
    }

    @Test
    void theRenditionsAreDescribedByThePublishedTrackAndItsMeasuredBitrate() {
        MemorySegmentStore store = new MemorySegmentStore();
        StreamIndex index = new StreamIndex("t", LADDER.segmentSeconds(), 6);
        Recorder sink = new Recorder(new LivePackager(index, store, LADDER.segmentSeconds()));
        PassthroughPipeline pipeline = new PassthroughPipeline("t", LADDER, sink, reason -> {});
        feed(pipeline, clip, t -> t);

        Rendition video = sink.renditions.get(MediaKind.VIDEO);
        TrackInfo track = sink.tracks.get(MediaKind.VIDEO);
        assertEquals("source", video.id());
        assertEquals(640, video.width());
        assertEquals(360, video.height());
        assertEquals(640, track.width());
        assertEquals(360, track.height());
        assertEquals(30.0, track.frameRate());
        assertEquals(90_000, track.timescale());
        // The first GOP's bytes over its duration: ffmpeg was asked for 800 kb/s.
        assertTrue(video.bitrateKbps() > 200 && video.bitrateKbps() < 3000, "measured " + video.bitrateKbps() + " kb/s");
        Rendition audio = sink.renditions.get(MediaKind.AUDIO);
        assertEquals("audio", audio.id());
        assertTrue(audio.bitrateKbps() > 48 && audio.bitrateKbps() < 200, "measured " + audio.bitrateKbps() + " kb/s");
        assertEquals(44_100, sink.tracks.get(MediaKind.AUDIO).sampleRate());
        pipeline.finish();

        StreamIndex.Snapshot snapshot = index.snapshot();
        StreamIndex.RenditionTimeline source = snapshot.rendition("source").orElseThrow();
        assertTrue(source.segments().size() >= 3, "segments: " + source.segments());
        for (StreamIndex.Segment s : source.segments().subList(0, source.segments().size() - 1)) {
            assertEquals(2.0, s.durationSeconds(), 0.002, "one GOP of 2 s per segment: " + s);
        }
        String m3u8 = HlsPlaylists.multivariant(snapshot);
        Matcher inf = Pattern.compile("#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=(\\d+),RESOLUTION=640x360,"
                + "CODECS=\"(avc1\\.[0-9a-f]{6}),(mp4a\\.40\\.2)\",FRAME-RATE=30\\.000").matcher(m3u8);
        assertTrue(inf.find(), m3u8);
        assertEquals(track.codecs(), inf.group(3));
        long audioPeak = snapshot.rendition("audio").orElseThrow().peakBitrate();
        assertEquals(source.peakBitrate() + audioPeak, Long.parseLong(inf.group(1)), "BANDWIDTH from the real segments");
        String mpd = DashManifest.mpd(snapshot, System.currentTimeMillis(), "http://127.0.0.1/time");
        assertTrue(mpd.contains("id=\"source\" bandwidth=\"" + source.peakBitrate() + "\" width=\"640\" height=\"360\" codecs=\""
                + track.codecs() + "\" frameRate=\"30\""), mpd);
        assertTrue(mpd.contains("audioSamplingRate=\"44100\""), mpd);
    }

    @Test
    void aRepeatedSequenceHeaderIsIgnored() {
        Recorder sink = new Recorder(null);
        List<String> ended = new ArrayList<>();
        PassthroughPipeline pipeline = new PassthroughPipeline("t", LADDER, sink, ended::add);
        List<FlvFileReader.Tag> tags = new ArrayList<>(clip);
        // Publishers resend the sequence headers (e.g. after a network hiccup); byte-identical ones change nothing.
        List<FlvFileReader.Tag> headers = tags.stream().filter(PassthroughPipelineTest::isSequenceHeader).toList();
        tags.addAll(tags.size() / 2, headers);
        feed(pipeline, tags, t -> t);
        pipeline.finish();
        assertEquals(List.of(), ended);
        assertEquals(stamps(clip, FlvFileReader.VIDEO).size(), sink.samples(MediaKind.VIDEO).size());
    }

    @Test
    void aChangedSequenceHeaderEndsThePublishWithAReasonAndKeepsWhatCameBefore() {
        Recorder sink = new Recorder(null);
        List<String> ended = new ArrayList<>();
        PassthroughPipeline pipeline = new PassthroughPipeline("t", LADDER, sink, ended::add);
        int half = clip.size() / 2;
        feed(pipeline, clip.subList(0, half), t -> t);
        int before = sink.samples(MediaKind.VIDEO).size();
        FlvFileReader.Tag otherHeader = small.stream()
                .filter(t -> t.type() == FlvFileReader.VIDEO && isSequenceHeader(t)).findFirst().orElseThrow();
        feed(pipeline, List.of(otherHeader), t -> t);
        feed(pipeline, clip.subList(half, clip.size()), t -> t);
        pipeline.finish();
        assertEquals(1, ended.size(), "the publish is ended once: " + ended);
        assertTrue(ended.get(0).contains("changed its H.264 configuration"), ended.get(0));
        assertTrue(sink.samples(MediaKind.VIDEO).size() <= before + 1, "nothing after the change is packaged");
        assertTrue(before > 60, "what came before was packaged: " + before);
        assertEquals(2, sink.ended.size(), "the renditions still end: " + sink.ended);
    }

    @Test
    void timesKeepGrowingAcrossTheWrapOfThe32BitRtmpClock() {
        Recorder sink = new Recorder(null);
        PassthroughPipeline pipeline = new PassthroughPipeline("t", LADDER, sink, reason -> {});
        long start = (1L << 32) - 3000; // the clock wraps three seconds into the clip
        feed(pipeline, clip, t -> (t + start) & 0xFFFF_FFFFL);
        pipeline.finish();
        for (MediaKind kind : MediaKind.values()) {
            List<MediaSample> samples = sink.samples(kind);
            for (int i = 1; i < samples.size(); i++) {
                long step = samples.get(i).dts() - samples.get(i - 1).dts();
                assertTrue(step > 0 && step <= samples.get(i).timescale() / 20, kind + " step " + i + ": " + step);
            }
        }
        assertEquals(start * 90, sink.samples(MediaKind.VIDEO).get(0).dts());
    }

    @Test
    void aClockThatJumpsBackIsMadeToKeepGoingForward() {
        Recorder sink = new Recorder(null);
        PassthroughPipeline pipeline = new PassthroughPipeline("t", LADDER, sink, reason -> {});
        // Three seconds in, the publisher's clock restarts at 0 (some encoders do on a source switch).
        feed(pipeline, clip, t -> t < 3000 ? t : t - 3000);
        pipeline.finish();
        for (MediaKind kind : MediaKind.values()) {
            List<MediaSample> samples = sink.samples(kind);
            for (int i = 1; i < samples.size(); i++) {
                assertTrue(samples.get(i).dts() > samples.get(i - 1).dts(), kind + " sample " + i);
            }
        }
    }

    /** Feeds FLV tags as {@link LiveIngest} does: through the tag parsers, with the RTMP timestamp mapped by {@code time}. */
    private static void feed(PassthroughPipeline pipeline, List<FlvFileReader.Tag> tags, LongUnaryOperator time) {
        FlvVideoTagParser videoParser = new FlvVideoTagParser();
        FlvAudioTagParser audioParser = new FlvAudioTagParser();
        for (FlvFileReader.Tag tag : tags) {
            long t = time.applyAsLong(tag.timestampMillis());
            FlvTagResult r = switch (tag.type()) {
                case FlvFileReader.VIDEO -> videoParser.parse(tag.body(), t, WALL_CLOCK_BASE);
                case FlvFileReader.AUDIO -> audioParser.parse(tag.body(), t, WALL_CLOCK_BASE);
                default -> null;
            };
            if (r instanceof FlvTagResult.SequenceHeader h) {
                pipeline.onTrack(h.track());
            } else if (r instanceof FlvTagResult.Sample s) {
                pipeline.onSample(s.sample());
            }
        }
    }

    private static boolean isSequenceHeader(FlvFileReader.Tag t) {
        return (t.type() == FlvFileReader.VIDEO || t.type() == FlvFileReader.AUDIO) && t.body().length > 1 && t.body()[1] == 0;
    }

    /** RTMP stamps of a kind's media tags (AVCPacketType/AACPacketType 1: no sequence header, no end of sequence). */
    private static List<Long> stamps(List<FlvFileReader.Tag> tags, int type) {
        return tags.stream().filter(t -> t.type() == type && t.body().length > 1 && t.body()[1] == 1)
                .map(FlvFileReader.Tag::timestampMillis).toList();
    }

    /** Records what the pipeline hands on, and passes it to the packager when there is one. */
    private static final class Recorder implements EncodedMediaSink {
        final EncodedMediaSink next;
        final Map<MediaKind, Rendition> renditions = new ConcurrentHashMap<>();
        final Map<MediaKind, TrackInfo> tracks = new ConcurrentHashMap<>();
        final List<MediaSample> samples = new ArrayList<>();
        final List<String> ended = new ArrayList<>();

        Recorder(EncodedMediaSink next) {
            this.next = next;
        }

        @Override
        public void onTrack(Rendition rendition, TrackInfo track) {
            assertTrue(renditions.put(rendition.kind(), rendition) == null, "one onTrack per rendition");
            tracks.put(rendition.kind(), track);
            if (next != null) {
                next.onTrack(rendition, track);
            }
        }

        @Override
        public void onSample(Rendition rendition, MediaSample sample) {
            assertEquals(renditions.get(sample.kind()), rendition, "a sample after its track");
            samples.add(sample);
            if (next != null) {
                next.onSample(rendition, sample);
            }
        }

        @Override
        public void onEnd(Rendition rendition) {
            ended.add(rendition.id());
            if (next != null) {
                next.onEnd(rendition);
            }
        }

        List<MediaSample> samples(MediaKind kind) {
            return samples.stream().filter(s -> s.kind() == kind).toList();
        }
    }
}
