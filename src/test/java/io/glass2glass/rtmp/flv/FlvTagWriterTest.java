package io.glass2glass.rtmp.flv;

import static io.glass2glass.rtmp.flv.FlvTagTable.AAC_FRAME_HEX;
import static io.glass2glass.rtmp.flv.FlvTagTable.BASELINE_AVCC_2_BYTE_LENGTHS_HEX;
import static io.glass2glass.rtmp.flv.FlvTagTable.BASELINE_AVCC_HEX;
import static io.glass2glass.rtmp.flv.FlvTagTable.HIGH_AVCC_HEX;
import static io.glass2glass.rtmp.flv.FlvTagTable.IDR_NALU_HEX;
import static io.glass2glass.rtmp.flv.FlvTagTable.SEI_AND_SLICE_HEX;
import static io.glass2glass.rtmp.flv.FlvTagTable.WALL_CLOCK_BASE_MICROS;
import static io.glass2glass.rtmp.flv.FlvTagTable.assertMatches;
import static io.glass2glass.rtmp.flv.FlvTagTable.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FlvTagWriter} from a table of (name, value written, exact tag bytes, RTMP timestamp, what the
 * parsers read back): every row must produce its bytes, and {@link FlvVideoTagParser} /
 * {@link FlvAudioTagParser} must read the value back (FLV spec v10.1, Annex E.4.2/E.4.3).
 */
class FlvTagWriterTest {

    private static final TrackInfo HIGH_720P = TrackInfo.video("avc1.64001f", 90_000, 1280, 720, 30, bytes(HIGH_AVCC_HEX));
    private static final TrackInfo BASELINE = TrackInfo.video("avc1.42c00d", 90_000, 320, 240, 30, bytes(BASELINE_AVCC_HEX));
    private static final TrackInfo AAC_48K_STEREO = TrackInfo.audio("mp4a.40.2", 48_000, 2, bytes("1190"));
    private static final TrackInfo AAC_44K_MONO = TrackInfo.audio("mp4a.40.2", 44_100, 1, bytes("1208"));

    /** One row: what is written, the bytes expected, and what parsing them at {@code timestampMillis} gives. */
    record WriteCase(String name, Supplier<byte[]> write, String expectedHex, long timestampMillis, FlvTagResult readBack) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<WriteCase> videoCases() {
        return List.of(
                new WriteCase("AVC sequence header, x264 High 3.1", () -> FlvTagWriter.avcSequenceHeader(HIGH_720P),
                        "17 00 000000" + HIGH_AVCC_HEX, 0,
                        new FlvTagResult.SequenceHeader(bytes(HIGH_AVCC_HEX), TrackInfo.video("avc1.64001f", 1000, 0, 0, 0, bytes(HIGH_AVCC_HEX)))),
                new WriteCase("AVC sequence header, Constrained Baseline without trailer", () -> FlvTagWriter.avcSequenceHeader(BASELINE),
                        "17 00 000000" + BASELINE_AVCC_HEX, 0,
                        new FlvTagResult.SequenceHeader(bytes(BASELINE_AVCC_HEX), TrackInfo.video("avc1.42c00d", 1000, 0, 0, 0, bytes(BASELINE_AVCC_HEX)))),
                new WriteCase("90 kHz keyframe, pts 80 ms after dts",
                        () -> FlvTagWriter.avcNalUnits(video(3_600, 10_800, 90_000, true, IDR_NALU_HEX)),
                        "17 01 000050" + IDR_NALU_HEX, 40, sample(40, 120, true, IDR_NALU_HEX)),
                new WriteCase("90 kHz inter frame, SEI and slice, pts 40 ms after dts",
                        () -> FlvTagWriter.avcNalUnits(video(7_200, 10_800, 90_000, false, SEI_AND_SLICE_HEX)),
                        "27 01 000028" + SEI_AND_SLICE_HEX, 80, sample(80, 120, false, SEI_AND_SLICE_HEX)),
                new WriteCase("29.97 fps times: dts 33.37 ms and pts 66.73 ms round to 33 and 67",
                        () -> FlvTagWriter.avcNalUnits(video(3_003, 6_006, 90_000, false, SEI_AND_SLICE_HEX)),
                        "27 01 000022" + SEI_AND_SLICE_HEX, 33, sample(33, 67, false, SEI_AND_SLICE_HEX)),
                new WriteCase("negative composition offset -40 ms", () -> FlvTagWriter.avcNalUnits(true, -40, bytes(IDR_NALU_HEX)),
                        "17 01 ffffd8" + IDR_NALU_HEX, 1000, sample(1000, 960, true, IDR_NALU_HEX)),
                new WriteCase("largest composition offset", () -> FlvTagWriter.avcNalUnits(true, 8_388_607, bytes(IDR_NALU_HEX)),
                        "17 01 7fffff" + IDR_NALU_HEX, 0, sample(0, 8_388_607, true, IDR_NALU_HEX)),
                new WriteCase("millisecond sample at the top of the RTMP clock",
                        () -> FlvTagWriter.avcNalUnits(video(4_294_967_295L, 4_294_967_295L, 1000, false, SEI_AND_SLICE_HEX)),
                        "27 01 000000" + SEI_AND_SLICE_HEX, 4_294_967_295L, sample(4_294_967_295L, 4_294_967_295L, false, SEI_AND_SLICE_HEX)),
                new WriteCase("end of sequence", FlvTagWriter::avcEndOfSequence, "17 02 000000", 5000, new FlvTagResult.EndOfSequence()));
    }

    static List<WriteCase> audioCases() {
        return List.of(
                new WriteCase("AAC sequence header, 48 kHz stereo", () -> FlvTagWriter.aacSequenceHeader(AAC_48K_STEREO), "af 00 1190", 0,
                        new FlvTagResult.SequenceHeader(bytes("1190"), AAC_48K_STEREO)),
                new WriteCase("AAC sequence header, 44.1 kHz mono keeps the fixed AAC flags 0xAF",
                        () -> FlvTagWriter.aacSequenceHeader(AAC_44K_MONO), "af 00 1208", 0,
                        new FlvTagResult.SequenceHeader(bytes("1208"), AAC_44K_MONO)),
                new WriteCase("raw AAC frame from a 48 kHz sample at 1024 ticks (21.33 ms)",
                        () -> FlvTagWriter.aacRaw(new MediaSample(MediaKind.AUDIO, 1024, 1024, 1024, 48_000, true, bytes(AAC_FRAME_HEX), 0)),
                        "af 01" + AAC_FRAME_HEX, 21,
                        new FlvTagResult.Sample(new MediaSample(MediaKind.AUDIO, 21, 21, 0, 1000, true, bytes(AAC_FRAME_HEX),
                                WALL_CLOCK_BASE_MICROS + 21_000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videoCases")
    void videoTagIsWrittenExactlyAndParsesBack(WriteCase c) {
        byte[] tag = c.write().get();
        assertArrayEquals(bytes(c.expectedHex()), tag, c.name());
        assertMatches(c.readBack(), new FlvVideoTagParser().parse(tag, c.timestampMillis(), WALL_CLOCK_BASE_MICROS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("audioCases")
    void audioTagIsWrittenExactlyAndParsesBack(WriteCase c) {
        byte[] tag = c.write().get();
        assertArrayEquals(bytes(c.expectedHex()), tag, c.name());
        assertMatches(c.readBack(), new FlvAudioTagParser().parse(tag, c.timestampMillis(), WALL_CLOCK_BASE_MICROS));
    }

    /** One row: a value the writer refuses and a fragment of its reason. */
    record RefusedCase(String name, Runnable write, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<RefusedCase> refusedCases() {
        return List.of(
                new RefusedCase("avcC with 2-byte NAL unit lengths",
                        () -> FlvTagWriter.avcSequenceHeader(TrackInfo.video("avc1.42c00d", 1000, 0, 0, 0, bytes(BASELINE_AVCC_2_BYTE_LENGTHS_HEX))),
                        "2-byte NAL unit lengths"),
                new RefusedCase("audio track as AVC sequence header", () -> FlvTagWriter.avcSequenceHeader(AAC_48K_STEREO), "not an H.264"),
                new RefusedCase("HEVC track", () -> FlvTagWriter.avcSequenceHeader(TrackInfo.video("hvc1.1.6.L93.B0", 1000, 0, 0, 0, new byte[23])),
                        "not an H.264"),
                new RefusedCase("video track as AAC sequence header", () -> FlvTagWriter.aacSequenceHeader(HIGH_720P), "not an AAC"),
                new RefusedCase("video sample as AAC frame", () -> FlvTagWriter.aacRaw(video(0, 0, 1000, true, IDR_NALU_HEX)), "not an audio"),
                new RefusedCase("composition offset beyond SI24", () -> FlvTagWriter.avcNalUnits(true, 8_388_608, bytes(IDR_NALU_HEX)), "SI24"),
                new RefusedCase("sample whose pts is 3 hours after its dts",
                        () -> FlvTagWriter.avcNalUnits(video(0, 90_000L * 10_800, 90_000, true, IDR_NALU_HEX)), "SI24"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCases")
    void valuesFlvCannotCarryAreRefusedWithAReason(RefusedCase c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.write()::run);
        assertTrue(e.getMessage().contains(c.reason()), e.getMessage());
    }

    record MillisCase(long ticks, int timescale, long millis) {
    }

    static List<MillisCase> millisCases() {
        return List.of(
                new MillisCase(0, 90_000, 0),
                new MillisCase(3_003, 90_000, 33),
                new MillisCase(6_006, 90_000, 67),
                new MillisCase(45, 90_000, 1), // exactly half a millisecond rounds up
                new MillisCase(44, 90_000, 0),
                new MillisCase(-45, 90_000, 0),
                new MillisCase(1024, 48_000, 21),
                new MillisCase(2048, 48_000, 43),
                new MillisCase(1024, 44_100, 23),
                new MillisCase(4_294_967_296L, 1000, 4_294_967_296L),
                new MillisCase(90_000L * 86_400 * 60, 90_000, 86_400_000L * 60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("millisCases")
    void ticksBecomeRoundedMilliseconds(MillisCase c) {
        assertEquals(c.millis(), FlvTagWriter.millis(c.ticks(), c.timescale()));
    }

    private static MediaSample video(long dts, long pts, int timescale, boolean key, String dataHex) {
        return new MediaSample(MediaKind.VIDEO, dts, pts, 0, timescale, key, bytes(dataHex), 0);
    }

    private static FlvTagResult sample(long dts, long pts, boolean key, String dataHex) {
        return new FlvTagResult.Sample(new MediaSample(MediaKind.VIDEO, dts, pts, 0, 1000, key, bytes(dataHex),
                WALL_CLOCK_BASE_MICROS + pts * 1000));
    }
}
