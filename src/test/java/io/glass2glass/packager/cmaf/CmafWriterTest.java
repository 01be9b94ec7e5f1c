package io.glass2glass.packager.cmaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AudioSpecificConfig;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import io.glass2glass.media.codec.H264Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CmafWriterTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int TRACK_ID = 1;
    private static final byte[] AVCC = AvcDecoderConfigurationRecord.fromParameterSets(List.of(H264Fixtures.HIGH_SPS), List.of(H264Fixtures.HIGH_PPS));
    private static final TrackInfo VIDEO = TrackInfo.video("avc1.64001f", 90_000, 1280, 720, 30, AVCC);
    private static final TrackInfo AUDIO = TrackInfo.audio("mp4a.40.2", 48_000, 2, AudioSpecificConfig.aacLc(48_000, 2).bytes());

    @Test
    void videoHeaderHasCmafBoxTree() {
        assertEquals("""
                ftyp
                moov
                  mvhd
                  trak
                    tkhd
                    mdia
                      mdhd
                      hdlr
                      minf
                        vmhd
                        dinf
                          dref
                            url\s
                        stbl
                          stsd
                            avc1
                              avcC
                          stts
                          stsc
                          stsz
                          stco
                  mvex
                    trex
                """, Mp4Box.parse(CmafWriter.header(VIDEO, TRACK_ID)).outline());
    }

    @Test
    void audioHeaderHasCmafBoxTree() {
        assertEquals("""
                ftyp
                moov
                  mvhd
                  trak
                    tkhd
                    mdia
                      mdhd
                      hdlr
                      minf
                        smhd
                        dinf
                          dref
                            url\s
                        stbl
                          stsd
                            mp4a
                              esds
                          stts
                          stsc
                          stsz
                          stco
                  mvex
                    trex
                """, Mp4Box.parse(CmafWriter.header(AUDIO, TRACK_ID)).outline());
    }

    @Test
    void headerDeclaresCmafBrand() {
        Mp4Box ftyp = Mp4Box.parse(CmafWriter.header(VIDEO, TRACK_ID)).find("ftyp");

        List<String> compatible = new ArrayList<>();
        for (int at = 8; at < ftyp.payloadSize(); at += 4) {
            compatible.add(ftyp.fourCc(at));
        }
        assertEquals("iso6", ftyp.fourCc(0));
        assertTrue(compatible.contains("cmfc"), compatible::toString);
        assertTrue(compatible.contains("iso6"), compatible::toString);
    }

    @Test
    void headerCarriesTrackIdTimescalesAndHandler() {
        byte[] init = CmafWriter.header(VIDEO, 3);
        Mp4Box moov = Mp4Box.parse(init).find("moov");

        Mp4Box mvhd = moov.find("mvhd");
        assertEquals(0, mvhd.version());
        assertEquals(1000, mvhd.u32(12));
        assertEquals(0, mvhd.u32(16));
        assertEquals(4, mvhd.u32(96), "next_track_ID");

        Mp4Box tkhd = moov.find("trak/tkhd");
        assertEquals(3, tkhd.flags());
        assertEquals(3, tkhd.u32(12), "track_ID");
        assertEquals(0, tkhd.u16(36), "video volume");
        assertEquals(1280L << 16, tkhd.u32(76));
        assertEquals(720L << 16, tkhd.u32(80));

        Mp4Box mdhd = moov.find("trak/mdia/mdhd");
        assertEquals(90_000, mdhd.u32(12));
        assertEquals(0x55C4, mdhd.u16(20), "language und");
        assertEquals(90_000, Mp4Box.timescale(init));

        assertEquals("vide", moov.find("trak/mdia/hdlr").fourCc(8));
        assertEquals(1, moov.find("trak/mdia/minf/vmhd").flags());
        assertEquals(1, moov.find("trak/mdia/minf/dinf/dref/url ").flags(), "media in the same file");

        Mp4Box trex = moov.find("mvex/trex");
        assertEquals(3, trex.u32(4), "track_ID");
        assertEquals(1, trex.u32(8), "default_sample_description_index");
    }

    @Test
    void headerHasEmptySampleTables() {
        Mp4Box stbl = Mp4Box.parse(CmafWriter.header(VIDEO, TRACK_ID)).find("moov/trak/mdia/minf/stbl");

        assertEquals(1, stbl.find("stsd").u32(4), "one sample entry");
        assertEquals(0, stbl.find("stts").u32(4));
        assertEquals(0, stbl.find("stsc").u32(4));
        assertEquals(0, stbl.find("stsz").u32(4), "sample_size");
        assertEquals(0, stbl.find("stsz").u32(8), "sample_count");
        assertEquals(0, stbl.find("stco").u32(4));
    }

    @Test
    void videoSampleEntryCopiesAvcCAndDimensions() {
        byte[] init = CmafWriter.header(VIDEO, TRACK_ID);
        Mp4Box avc1 = Mp4Box.parse(init).find("moov/trak/mdia/minf/stbl/stsd/avc1");

        assertEquals("avc1", Mp4Box.sampleEntryType(init));
        assertEquals(1, avc1.u16(6), "data_reference_index");
        assertEquals(1280, avc1.u16(24));
        assertEquals(720, avc1.u16(26));
        assertEquals(0x00480000, avc1.u32(28), "72 dpi");
        assertEquals(0x00480000, avc1.u32(32), "72 dpi");
        assertEquals(1, avc1.u16(40), "frame_count");
        assertEquals(0x0018, avc1.u16(74), "depth");
        assertEquals(0xFFFF, avc1.u16(76), "pre_defined -1");
        assertArrayEquals(AVCC, avc1.find("avcC").payload());
    }

    @Test
    void audioSampleEntryCarriesEsdsWithAudioSpecificConfig() {
        byte[] init = CmafWriter.header(AUDIO, TRACK_ID);
        Mp4Box moov = Mp4Box.parse(init).find("moov");
        Mp4Box mp4a = moov.find("trak/mdia/minf/stbl/stsd/mp4a");

        assertEquals("soun", moov.find("trak/mdia/hdlr").fourCc(8));
        assertEquals(0x0100, moov.find("trak/tkhd").u16(36), "audio volume");
        assertEquals(48_000, Mp4Box.timescale(init));
        assertEquals("mp4a", Mp4Box.sampleEntryType(init));
        assertEquals(1, mp4a.u16(6), "data_reference_index");
        assertEquals(2, mp4a.u16(16), "channelcount");
        assertEquals(16, mp4a.u16(18), "samplesize");
        assertEquals(48_000L << 16, mp4a.u32(24), "samplerate");
        assertEquals("00000000" // version, flags
                        + "0319" + "0000" + "00" // ES_Descriptor: ES_ID, flags
                        + "0411" + "40" + "15" + "000600" + "00000000" + "00000000" // DecoderConfigDescriptor
                        + "0502" + "1190" // DecoderSpecificInfo: AudioSpecificConfig
                        + "060102", // SLConfigDescriptor predefined 2
                HEX.formatHex(mp4a.find("esds").payload()));
    }

    @Test
    void segmentHasStypMoofMdatTree() {
        assertEquals("""
                styp
                moof
                  mfhd
                  traf
                    tfhd
                    tfdt
                    trun
                mdat
                """, Mp4Box.parse(CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, videoSamples())).outline());
    }

    @Test
    void segmentDeclaresSegmentBrands() {
        Mp4Box styp = Mp4Box.parse(CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, videoSamples())).find("styp");

        assertEquals("msdh", styp.fourCc(0));
        assertEquals("msdh", styp.fourCc(8));
        assertEquals("cmfs", styp.fourCc(12));
    }

    @Test
    void fragmentHeaderCarriesTrackIdBaseAndDecodeTime() {
        long baseMediaDecodeTime = (1L << 33) + 5; // beyond 32 bits: tfdt must be version 1
        byte[] segment = CmafWriter.segment(VIDEO, 7, 42, baseMediaDecodeTime, videoSamples());
        Mp4Box traf = Mp4Box.parse(segment).find("moof/traf");

        assertEquals(0x020000, traf.find("tfhd").flags(), "default-base-is-moof only");
        assertEquals(7, traf.find("tfhd").u32(4));
        assertEquals(1, traf.find("tfdt").version());
        assertEquals(baseMediaDecodeTime, Mp4Box.tfdt(segment));
        assertEquals(42, Mp4Box.sequenceNumber(segment));
    }

    @Test
    void sequenceNumbersUpToUnsigned32BitsAreWritten() {
        assertEquals(0xFFFFFFFFL, Mp4Box.sequenceNumber(CmafWriter.segment(VIDEO, TRACK_ID, 0xFFFFFFFFL, 0, videoSamples())));
        assertEquals(0, Mp4Box.sequenceNumber(CmafWriter.segment(VIDEO, TRACK_ID, 0, 0, videoSamples())));
    }

    @Test
    void dataOffsetPointsAtFirstSampleData() {
        List<MediaSample> samples = videoSamples();
        byte[] segment = CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, samples);
        Mp4Box root = Mp4Box.parse(segment);
        int moofStart = root.find("moof").offset();
        int dataOffset = Mp4Box.dataOffset(segment);
        byte[] first = samples.get(0).data();

        assertEquals(root.find("mdat").payloadOffset(), moofStart + dataOffset);
        assertArrayEquals(first, Arrays.copyOfRange(segment, moofStart + dataOffset, moofStart + dataOffset + first.length));
    }

    @Test
    void mdatHoldsSamplesInOrder() {
        List<MediaSample> samples = videoSamples();
        byte[] segment = CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, samples);

        List<byte[]> data = Mp4Box.sampleData(segment);
        assertEquals(samples.size(), data.size());
        for (int i = 0; i < samples.size(); i++) {
            assertArrayEquals(samples.get(i).data(), data.get(i), "sample " + i);
        }
        Mp4Box mdat = Mp4Box.parse(segment).find("mdat");
        assertEquals(samples.stream().mapToInt(s -> s.data().length).sum(), mdat.payloadSize());
        assertEquals(segment.length, mdat.offset() + mdat.size(), "mdat ends the segment");
    }

    @Test
    void trunRoundTripsDurationsSizesAndCompositionOffsets() {
        List<MediaSample> samples = videoSamples();
        byte[] segment = CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, samples);
        Mp4Box trun = Mp4Box.parse(segment).find("moof/traf/trun");

        assertEquals(1, trun.version(), "signed composition offsets");
        assertEquals(0xF01, trun.flags());
        List<Mp4Box.TrunSample> written = Mp4Box.trunSamples(segment);
        assertEquals(samples.size(), written.size());
        for (int i = 0; i < samples.size(); i++) {
            MediaSample sample = samples.get(i);
            Mp4Box.TrunSample read = written.get(i);
            assertEquals(sample.duration(), read.duration(), "duration " + i);
            assertEquals(sample.data().length, read.size(), "size " + i);
            assertEquals(sample.compositionOffset(), read.compositionOffset(), "composition offset " + i);
        }
        assertEquals(-3000, written.get(2).compositionOffset());
    }

    @Test
    void videoSyncSamplesDependOnNothingAndOthersAreNonSync() {
        List<Mp4Box.TrunSample> written = Mp4Box.trunSamples(CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, videoSamples()));

        assertEquals(0x02000000, written.get(0).flags());
        assertTrue(written.get(0).isSync());
        assertEquals(2, written.get(0).dependsOn());
        for (Mp4Box.TrunSample sample : written.subList(1, written.size())) {
            assertEquals(0x01010000, sample.flags());
            assertFalse(sample.isSync());
            assertEquals(1, sample.dependsOn());
        }
    }

    @Test
    void audioSamplesAreAllSync() {
        List<MediaSample> samples = List.of(
                audioSample(0, false, 300), audioSample(1024, false, 280), audioSample(2048, true, 310));
        byte[] segment = CmafWriter.segment(AUDIO, 2, 9, 0, samples);

        List<Mp4Box.TrunSample> written = Mp4Box.trunSamples(segment);
        assertEquals(3, written.size());
        for (Mp4Box.TrunSample sample : written) {
            assertTrue(sample.isSync());
            assertEquals(0x02000000, sample.flags());
            assertEquals(1024, sample.duration());
            assertEquals(0, sample.compositionOffset());
        }
        assertEquals(samples.get(0).data().length, Mp4Box.sampleData(segment).get(0).length);
    }

    @Test
    void rejectsEmptyFragment() {
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, List.of()));
    }

    @Test
    void rejectsSamplesOfAnotherKind() {
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.segment(AUDIO, TRACK_ID, 1, 0, videoSamples()));
        assertThrows(IllegalArgumentException.class,
                () -> CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, List.of(audioSample(0, true, 10))));
    }

    @Test
    void rejectsSamplesInAnotherTimescale() {
        MediaSample millis = new MediaSample(MediaKind.VIDEO, 0, 0, 33, 1000, true, new byte[8], 0);

        assertThrows(IllegalArgumentException.class, () -> CmafWriter.segment(VIDEO, TRACK_ID, 1, 0, List.of(millis)));
    }

    @Test
    void rejectsOutOfRangeHeaderFields() {
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.segment(VIDEO, TRACK_ID, -1, 0, videoSamples()));
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.segment(VIDEO, TRACK_ID, 1L << 32, 0, videoSamples()));
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.segment(VIDEO, TRACK_ID, 1, -1, videoSamples()));
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.segment(VIDEO, 0, 1, 0, videoSamples()));
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.header(VIDEO, 0));
    }

    /** IDR then P, B, P frames at 30 fps in 90 kHz: pts - dts is 6000, 9000, -3000, 0. */
    private static List<MediaSample> videoSamples() {
        return List.of(
                videoSample(0, 6000, true, 400),
                videoSample(3000, 12000, false, 120),
                videoSample(6000, 3000, false, 60),
                videoSample(9000, 9000, false, 90));
    }

    private static MediaSample videoSample(long dts, long pts, boolean keyframe, int size) {
        byte[] data = new byte[size];
        int length = size - 4;
        data[0] = (byte) (length >>> 24);
        data[1] = (byte) (length >>> 16);
        data[2] = (byte) (length >>> 8);
        data[3] = (byte) length;
        data[4] = (byte) (keyframe ? 0x65 : 0x41);
        for (int i = 5; i < size; i++) {
            data[i] = (byte) (dts / 3000 * 31 + i);
        }
        return new MediaSample(MediaKind.VIDEO, dts, pts, 3000, 90_000, keyframe, data, 0);
    }

    private static MediaSample audioSample(long dts, boolean keyframe, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (dts / 1024 * 17 + i);
        }
        return new MediaSample(MediaKind.AUDIO, dts, dts, 1024, 48_000, keyframe, data, 0);
    }
}
