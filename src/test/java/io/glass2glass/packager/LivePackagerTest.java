package io.glass2glass.packager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.encode.AbrEncoder;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.codec.AnnexB;
import io.glass2glass.media.codec.AudioSpecificConfig;
import io.glass2glass.packager.cmaf.Mp4Box;
import io.glass2glass.source.SyntheticSource;
import io.glass2glass.storage.MemorySegmentStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real encoder feeding the real packager (synthetic source, not paced): what lands in the store
 * is parsed back as fMP4 and checked for CMAF alignment across the ladder.
 */
class LivePackagerTest {

    static final Ladder LADDER = new Ladder("test", 30, 1, List.of(Rendition.video("v1", 320, 180, 400),
            Rendition.video("v2", 256, 144, 200), Rendition.video("v3", 160, 90, 100)), Rendition.audio("audio", 64), 48_000, 2,
            "veryfast");
    static final int FRAMES = 30 * 6 + 7; // six whole segments and a partial seventh

    static MemorySegmentStore store;
    static StreamIndex index;

    @BeforeAll
    static void encodeAndPackage() throws Exception {
        store = new MemorySegmentStore();
        index = new StreamIndex("s", LADDER.segmentSeconds(), 4);
        LivePackager packager = new LivePackager(index, store, LADDER.segmentSeconds());
        try (AbrEncoder encoder = new AbrEncoder("s", LADDER, 320, 180, Timescales.VIDEO, packager);
                SyntheticSource source = new SyntheticSource(320, 180, 30, 48_000, 2, false, FRAMES, encoder)) {
            source.start();
            assertTrue(encoder.awaitEnd(60, TimeUnit.SECONDS));
        }
    }

    static byte[] object(String rendition, String name) {
        byte[] b = store.get("s/" + rendition + "/" + name).toCompletableFuture().join();
        assertNotNull(b, rendition + "/" + name + " stored");
        return b;
    }

    @Test
    void everyVideoSegmentStartsWithAnIdrOnEveryRung() {
        for (Rendition r : LADDER.video()) {
            for (StreamIndex.Segment seg : index.snapshot().rendition(r.id()).orElseThrow().segments()) {
                byte[] m4s = object(r.id(), seg.number() + ".m4s");
                List<Mp4Box.TrunSample> samples = Mp4Box.trunSamples(m4s);
                assertTrue(samples.get(0).isSync(), r.id() + " segment " + seg.number() + " starts with a sync sample");
                assertTrue(samples.stream().skip(1).noneMatch(Mp4Box.TrunSample::isSync), "one IDR per segment");
                byte[] first = Mp4Box.sampleData(m4s).get(0);
                assertTrue(AnnexB.splitLengthPrefixed(first).stream().anyMatch(nal -> (nal[0] & 0x1f) == 5),
                        "the first sample holds an IDR slice");
            }
        }
    }

    @Test
    void segmentNStartsAtTheSameTimeOnEveryRung() {
        List<StreamIndex.Segment> reference = index.snapshot().rendition("v1").orElseThrow().segments();
        assertEquals(7, reference.size(), "six whole segments and the flushed remainder");
        for (Rendition r : LADDER.video()) {
            List<StreamIndex.Segment> segs = index.snapshot().rendition(r.id()).orElseThrow().segments();
            assertEquals(reference.size(), segs.size());
            for (int i = 0; i < segs.size(); i++) {
                long tfdt = Mp4Box.tfdt(object(r.id(), segs.get(i).number() + ".m4s"));
                assertEquals(i * 90_000L, tfdt, r.id() + " segment " + i + " starts on the boundary");
                assertEquals(reference.get(i).number(), segs.get(i).number());
            }
        }
    }

    @Test
    void tfdtIsContinuousAndSequenceNumbersGrow() {
        for (String id : List.of("v1", "v2", "v3", "audio")) {
            long expectedTfdt = 0;
            long lastSequence = 0;
            for (StreamIndex.Segment seg : index.snapshot().rendition(id).orElseThrow().segments()) {
                byte[] m4s = object(id, seg.number() + ".m4s");
                assertEquals(expectedTfdt, Mp4Box.tfdt(m4s), id + " segment " + seg.number() + " continues the previous one");
                expectedTfdt += Mp4Box.trunSamples(m4s).stream().mapToLong(Mp4Box.TrunSample::duration).sum();
                long sequence = Mp4Box.sequenceNumber(m4s);
                assertTrue(sequence > lastSequence, "mfhd sequence numbers grow");
                lastSequence = sequence;
                assertEquals(seg.duration(), Mp4Box.trunSamples(m4s).stream().mapToLong(Mp4Box.TrunSample::duration).sum());
                assertEquals(seg.size(), m4s.length);
            }
        }
    }

    @Test
    void audioSegmentsStartAtTheFirstFrameAtOrAfterEachBoundary() {
        for (StreamIndex.Segment seg : index.snapshot().rendition("audio").orElseThrow().segments()) {
            long boundary = seg.number() * 48_000L;
            assertTrue(seg.startTime() >= boundary && seg.startTime() < boundary + 1024,
                    "audio segment " + seg.number() + " starts within one AAC frame after " + boundary + ": " + seg.startTime());
        }
    }

    @Test
    void initSegmentsDescribeEachTrack() {
        for (Rendition r : LADDER.video()) {
            byte[] init = object(r.id(), "init.mp4");
            assertEquals("avc1", Mp4Box.sampleEntryType(init));
            assertEquals(90_000, Mp4Box.timescale(init));
            Mp4Box avcC = Mp4Box.parse(init).find("moov/trak/mdia/minf/stbl/stsd");
            assertNotNull(avcC);
            byte[] config = index.snapshot().rendition(r.id()).orElseThrow().track().decoderConfig();
            assertTrue(indexOf(init, config) > 0, "the avcC from the encoder is in the header");
        }
        byte[] audioInit = object("audio", "init.mp4");
        assertEquals("mp4a", Mp4Box.sampleEntryType(audioInit));
        assertEquals(48_000, Mp4Box.timescale(audioInit));
        AudioSpecificConfig asc = AudioSpecificConfig.parse(index.snapshot().rendition("audio").orElseThrow().track().decoderConfig());
        assertEquals(AudioSpecificConfig.AAC_LC, asc.objectType());
        assertEquals(48_000, asc.samplingFrequency());
        assertEquals(2, asc.channelConfiguration());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
