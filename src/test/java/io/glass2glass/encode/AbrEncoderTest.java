package io.glass2glass.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AnnexB;
import io.glass2glass.source.SyntheticSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AbrEncoderTest {

    static final Ladder SMALL = new Ladder("small", 30, 1, List.of(Rendition.video("v1", 320, 180, 400),
            Rendition.video("v2", 256, 144, 200)), Rendition.audio("audio", 64), 48_000, 2, "veryfast");

    /** Collects what the encoder produces, per rendition. */
    static final class CollectingSink implements EncodedMediaSink {
        final Map<String, TrackInfo> tracks = new ConcurrentHashMap<>();
        final Map<String, List<MediaSample>> samples = new ConcurrentHashMap<>();
        final Map<String, Boolean> ended = new ConcurrentHashMap<>();

        @Override
        public void onTrack(Rendition rendition, TrackInfo track) {
            tracks.put(rendition.id(), track);
            samples.put(rendition.id(), new ArrayList<>());
        }

        @Override
        public void onSample(Rendition rendition, MediaSample sample) {
            samples.get(rendition.id()).add(sample);
        }

        @Override
        public void onEnd(Rendition rendition) {
            ended.put(rendition.id(), true);
        }
    }

    static CollectingSink encode(Ladder ladder, int frames) throws InterruptedException {
        CollectingSink sink = new CollectingSink();
        Rendition top = ladder.top();
        try (AbrEncoder encoder = new AbrEncoder("t", ladder, top.width(), top.height(), Timescales.VIDEO, sink);
                SyntheticSource source = new SyntheticSource(top.width(), top.height(), ladder.frameRate(), 48_000, 2, false, frames, encoder)) {
            source.start();
            assertTrue(encoder.awaitEnd(60, TimeUnit.SECONDS), "encoder finished");
            assertNull(encoder.failure());
        }
        return sink;
    }

    @Test
    void everyRungHasAnIdrAtEverySegmentBoundaryAndNowhereElse() throws Exception {
        CollectingSink sink = encode(SMALL, 95);
        for (Rendition r : SMALL.video()) {
            List<MediaSample> video = sink.samples.get(r.id());
            assertEquals(95, video.size(), r.id() + " encodes every frame");
            List<Long> keyPts = video.stream().filter(MediaSample::keyframe).map(MediaSample::pts).sorted().toList();
            assertEquals(List.of(0L, 90_000L, 180_000L, 270_000L), keyPts, r.id() + " IDRs on the 1 s boundaries");
            for (MediaSample s : video) {
                List<byte[]> nals = AnnexB.splitLengthPrefixed(s.data());
                boolean idr = nals.stream().anyMatch(n -> (n[0] & 0x1f) == 5);
                assertEquals(s.keyframe(), idr, "key flag matches an IDR NAL at pts " + s.pts());
            }
        }
    }

    @Test
    void decodeTimesGrowAndSampleDurationsAreOneFrame() throws Exception {
        CollectingSink sink = encode(SMALL, 40);
        List<MediaSample> video = sink.samples.get("v1");
        assertEquals(0, video.get(0).dts(), "first IDR decodes at its presentation time");
        assertEquals(0, video.get(0).pts());
        for (int i = 1; i < video.size(); i++) {
            assertTrue(video.get(i).dts() > video.get(i - 1).dts(), "dts grows");
            assertEquals(3000, video.get(i - 1).duration(), "one frame at 30 fps in 90 kHz");
        }
        assertTrue(video.stream().allMatch(s -> s.captureTimeMicros() > 0), "capture times carried through");
        assertEquals(Boolean.TRUE, sink.ended.get("v1"));
    }

    @Test
    void tracksCarryRealCodecStrings() throws Exception {
        CollectingSink sink = encode(SMALL, 10);
        TrackInfo v = sink.tracks.get("v1");
        assertTrue(v.codecs().startsWith("avc1.64"), "High profile: " + v.codecs());
        assertEquals(320, v.width());
        TrackInfo a = sink.tracks.get("audio");
        assertEquals("mp4a.40.2", a.codecs());
        assertEquals(MediaKind.AUDIO, a.kind());
        List<MediaSample> audio = sink.samples.get("audio");
        assertFalse(audio.isEmpty());
        assertEquals(0, audio.get(0).pts());
        for (int i = 1; i < audio.size(); i++) {
            assertEquals(audio.get(i - 1).pts() + 1024, audio.get(i).pts(), "AAC frames are contiguous");
        }
    }
}
