package io.glass2glass.rtmp.flv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.H264Fixtures;
import java.util.HexFormat;
import java.util.List;

/**
 * The tables of (name, tag body, RTMP timestamp, expected result) that drive the FLV video and
 * audio tag parser tests and seed their fuzz test (FLV specification v10.1, Annex E.4.2/E.4.3;
 * Enhanced RTMP v1/v2). Tag bodies are hand-assembled hex; the AVC sequence header is built from
 * the parameter sets libx264 wrote ({@link H264Fixtures}) the way ffmpeg's FLV muxer lays it out.
 * For {@code Ignored}, {@code Unsupported} and {@code Malformed} rows the expected reason is a
 * fragment the actual reason must contain.
 */
final class FlvTagTable {

    private static final HexFormat HEX = HexFormat.of();

    /** Wall-clock time of RTMP timestamp 0 in every row: 2023-11-14T22:13:20Z in µs. */
    static final long WALL_CLOCK_BASE_MICROS = 1_700_000_000_000_000L;

    /** avcC of the 1280x720 High profile x264 stream: 4-byte lengths, High-profile 4:2:0 8-bit trailer. */
    static final String HIGH_AVCC_HEX = hex(
            "01 64 00 1f ff",
            "e1 001a", HEX.formatHex(H264Fixtures.HIGH_SPS),
            "01 0006", HEX.formatHex(H264Fixtures.HIGH_PPS),
            "fd f8 f8 00");

    /** avcC of the 320x240 Constrained Baseline x264 stream, without a trailer. */
    static final String BASELINE_AVCC_HEX = hex(
            "01 42 c0 0d ff",
            "e1 0018", HEX.formatHex(H264Fixtures.BASELINE_SPS),
            "01 0005", HEX.formatHex(H264Fixtures.BASELINE_PPS));

    /** The same Baseline avcC announcing 2-byte NAL unit lengths (lengthSizeMinusOne 1). */
    static final String BASELINE_AVCC_2_BYTE_LENGTHS_HEX = "0142c00dfd" + BASELINE_AVCC_HEX.substring(10);

    /** An IDR slice NAL unit (type 5) after its 4-byte length. */
    static final String IDR_NALU_HEX = hex("00000005", "6588840033");
    /** An SEI then a non-IDR slice (type 1), each after its 4-byte length. */
    static final String SEI_AND_SLICE_HEX = hex("00000005", HEX.formatHex(H264Fixtures.SEI), "00000004", "419a246c");

    /** One raw AAC-LC frame, as ffmpeg's aac encoder writes a silent stereo frame. */
    static final String AAC_FRAME_HEX = "211004608c1c";

    /** One row of a table. */
    record TagCase(String name, byte[] payload, long timestampMillis, FlvTagResult expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private FlvTagTable() {
    }

    static List<TagCase> videoCases() {
        byte[] highAvcC = bytes(HIGH_AVCC_HEX);
        byte[] baselineAvcC = bytes(BASELINE_AVCC_HEX);
        return List.of(
                row("AVC sequence header, x264 High 3.1 as ffmpeg sends it", "17 00 000000" + HIGH_AVCC_HEX, 0,
                        new FlvTagResult.SequenceHeader(highAvcC, TrackInfo.video("avc1.64001f", 1000, 0, 0, 0, highAvcC))),
                row("AVC sequence header, x264 Constrained Baseline 1.3 without trailer", "17 00 000000" + BASELINE_AVCC_HEX, 0,
                        new FlvTagResult.SequenceHeader(baselineAvcC, TrackInfo.video("avc1.42c00d", 1000, 0, 0, 0, baselineAvcC))),
                row("keyframe with positive composition offset +80 ms", "17 01 000050" + IDR_NALU_HEX, 40,
                        video(40, 120, true, IDR_NALU_HEX)),
                row("keyframe with negative composition offset -40 ms", "17 01 ffffd8" + IDR_NALU_HEX, 1000,
                        video(1000, 960, true, IDR_NALU_HEX)),
                row("keyframe with the largest composition offset", "17 01 7fffff" + IDR_NALU_HEX, 0,
                        video(0, 8_388_607, true, IDR_NALU_HEX)),
                row("inter frame with SEI and slice", "27 01 000028" + SEI_AND_SLICE_HEX, 80,
                        video(80, 120, false, SEI_AND_SLICE_HEX)),
                row("disposable inter frame", "37 01 000000" + SEI_AND_SLICE_HEX, 4_294_967_295L,
                        video(4_294_967_295L, 4_294_967_295L, false, SEI_AND_SLICE_HEX)),
                row("end of sequence", "17 02 000000", 5000, new FlvTagResult.EndOfSequence()),
                row("NALU tag without NAL units", "27 01 000000", 0, new FlvTagResult.Ignored("without NAL units")),
                row("video info/command frame", "57 00", 0, new FlvTagResult.Ignored("info/command")),
                row("Enhanced RTMP HEVC sequence start", "90 68766331 0102030405", 0,
                        new FlvTagResult.Unsupported("Enhanced RTMP hvc1 (HEVC) is not supported; publish H.264")),
                row("Enhanced RTMP HEVC coded frames", "91 68766331 000000 00000002 2601", 0,
                        new FlvTagResult.Unsupported("hvc1 (HEVC)")),
                row("Enhanced RTMP AV1 sequence start", "90 61763031 81000c00", 0,
                        new FlvTagResult.Unsupported("Enhanced RTMP av01 (AV1) is not supported")),
                row("Enhanced RTMP VP9 coded frames", "a3 76703039 8249834200", 0,
                        new FlvTagResult.Unsupported("vp09 (VP9)")),
                row("Enhanced RTMP unprintable FourCC", "90 00010203", 0,
                        new FlvTagResult.Unsupported("0x00010203")),
                row("Enhanced RTMP multitrack", "96 00 68766331", 0, new FlvTagResult.Unsupported("multitrack")),
                row("Enhanced RTMP command frame", "d0 68766331 00", 0, new FlvTagResult.Ignored("command")),
                row("codec id 2 (Sorenson H.263)", "22 000084001f", 0,
                        new FlvTagResult.Unsupported("FLV video codec id 2 (Sorenson H.263) is not supported")),
                row("codec id 4 (On2 VP6)", "14 00 0102", 0, new FlvTagResult.Unsupported("codec id 4 (On2 VP6)")),
                row("avcC with 2-byte NAL unit lengths", "17 00 000000" + BASELINE_AVCC_2_BYTE_LENGTHS_HEX, 0,
                        new FlvTagResult.Unsupported("2-byte NAL unit lengths")),
                row("truncated: 0 bytes", "", 0, new FlvTagResult.Malformed("empty video tag")),
                row("truncated: 1 byte", "17", 0, new FlvTagResult.Malformed("before its AVCPacketType")),
                row("truncated: composition time cut", "17 01 0000", 0, new FlvTagResult.Malformed("inside its CompositionTime")),
                row("truncated: sequence header without avcC", "17 00 000000", 0, new FlvTagResult.Malformed("invalid AVC sequence header")),
                row("truncated: avcC cut inside the SPS", "17 00 000000" + HIGH_AVCC_HEX.substring(0, 30), 0,
                        new FlvTagResult.Malformed("invalid AVC sequence header")),
                row("truncated: NAL unit length cut", "17 01 000000 0000", 0, new FlvTagResult.Malformed("truncated NAL unit length")),
                row("truncated: Enhanced RTMP FourCC cut", "90 6876", 0, new FlvTagResult.Malformed("inside its FourCC")),
                row("NAL unit length beyond payload", "17 01 000000 00000010 6588", 0,
                        new FlvTagResult.Malformed("NAL unit length 16")),
                row("zero NAL unit length", "17 01 000000 00000000", 0, new FlvTagResult.Malformed("NAL unit length 0")),
                row("avcC version 0", "17 00 000000 00" + HIGH_AVCC_HEX.substring(2), 0,
                        new FlvTagResult.Malformed("configurationVersion 0")),
                row("reserved AVCPacketType 3", "17 03 000000", 0, new FlvTagResult.Malformed("reserved AVCPacketType 3")),
                row("reserved frame type 0", "07 01 000000" + IDR_NALU_HEX, 0, new FlvTagResult.Malformed("reserved video frame type 0")));
    }

    static List<TagCase> audioCases() {
        return List.of(
                row("AAC sequence header 0x1210, 44.1 kHz stereo", "af 00 1210", 0,
                        new FlvTagResult.SequenceHeader(bytes("1210"), TrackInfo.audio("mp4a.40.2", 44_100, 2, bytes("1210")))),
                row("AAC sequence header 0x1190, 48 kHz stereo", "af 00 1190", 0,
                        new FlvTagResult.SequenceHeader(bytes("1190"), TrackInfo.audio("mp4a.40.2", 48_000, 2, bytes("1190")))),
                row("AAC sequence header 0x1188, 48 kHz mono", "ae 00 1188", 0,
                        new FlvTagResult.SequenceHeader(bytes("1188"), TrackInfo.audio("mp4a.40.2", 48_000, 1, bytes("1188")))),
                row("HE-AAC (object type 5) sequence header reports its core 22.05 kHz rate", "af 00 2b92 0800", 0,
                        new FlvTagResult.SequenceHeader(bytes("2b920800"), TrackInfo.audio("mp4a.40.5", 22_050, 2, bytes("2b920800")))),
                row("raw AAC frame", "af 01" + AAC_FRAME_HEX, 23,
                        new FlvTagResult.Sample(new MediaSample(MediaKind.AUDIO, 23, 23, 0, 1000, true, bytes(AAC_FRAME_HEX),
                                WALL_CLOCK_BASE_MICROS + 23_000))),
                row("AAC raw tag without a frame", "af 01", 0, new FlvTagResult.Ignored("without a frame")),
                row("MP3", "2f fffb9064", 0, new FlvTagResult.Unsupported("FLV sound format 2 (MP3) is not supported; publish AAC")),
                row("Speex", "b2 0102", 0, new FlvTagResult.Unsupported("sound format 11 (Speex)")),
                row("G.711 A-law", "72 d5d5", 0, new FlvTagResult.Unsupported("sound format 7 (G.711 A-law)")),
                row("Enhanced RTMP Opus sequence start", "90 4f707573 4f707573486561640102", 0,
                        new FlvTagResult.Unsupported("Enhanced RTMP Opus (Opus) audio is not supported; publish AAC")),
                row("Enhanced RTMP AC-3 coded frames", "91 61632d33 0b77", 0, new FlvTagResult.Unsupported("ac-3 (AC-3)")),
                row("Enhanced RTMP multitrack audio", "95 00 4f707573", 0, new FlvTagResult.Unsupported("multitrack")),
                row("AAC channelConfiguration 0", "af 00 1200", 0, new FlvTagResult.Unsupported("channelConfiguration 0")),
                row("truncated: 0 bytes", "", 0, new FlvTagResult.Malformed("empty audio tag")),
                row("truncated: 1 byte", "af", 0, new FlvTagResult.Malformed("before its AACPacketType")),
                row("truncated: sequence header without AudioSpecificConfig", "af 00", 0,
                        new FlvTagResult.Malformed("invalid AAC sequence header")),
                row("truncated: AudioSpecificConfig cut", "af 00 12", 0, new FlvTagResult.Malformed("truncated")),
                row("truncated: Enhanced RTMP FourCC cut", "90 4f70", 0, new FlvTagResult.Malformed("inside its FourCC")),
                row("AudioSpecificConfig with reserved frequency index 13", "af 00 1690", 0,
                        new FlvTagResult.Malformed("reserved samplingFrequencyIndex 13")),
                row("AudioSpecificConfig with null object type", "af 00 0090", 0, new FlvTagResult.Malformed("null object type")),
                row("reserved AACPacketType 2", "af 02 00", 0, new FlvTagResult.Malformed("reserved AACPacketType 2")));
    }

    /** Asserts that {@code actual} is the {@code expected} result, arrays compared by content. */
    static void assertMatches(FlvTagResult expected, FlvTagResult actual) {
        assertInstanceOf(expected.getClass(), actual, () -> "got " + actual);
        if (expected instanceof FlvTagResult.SequenceHeader header) {
            FlvTagResult.SequenceHeader got = (FlvTagResult.SequenceHeader) actual;
            assertArrayEquals(header.decoderConfig(), got.decoderConfig(), "decoderConfig");
            assertTrack(header.track(), got.track());
        } else if (expected instanceof FlvTagResult.Sample sample) {
            assertSample(sample.sample(), ((FlvTagResult.Sample) actual).sample());
        } else if (expected instanceof FlvTagResult.Ignored ignored) {
            assertReason(ignored.reason(), ((FlvTagResult.Ignored) actual).reason());
        } else if (expected instanceof FlvTagResult.Unsupported unsupported) {
            assertReason(unsupported.reason(), ((FlvTagResult.Unsupported) actual).reason());
        } else if (expected instanceof FlvTagResult.Malformed malformed) {
            assertReason(malformed.reason(), ((FlvTagResult.Malformed) actual).reason());
        } else {
            assertEquals(expected, actual);
        }
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    private static void assertTrack(TrackInfo expected, TrackInfo actual) {
        assertEquals(expected.kind(), actual.kind(), "kind");
        assertEquals(expected.codecs(), actual.codecs(), "codecs");
        assertEquals(expected.timescale(), actual.timescale(), "timescale");
        assertEquals(expected.width(), actual.width(), "width");
        assertEquals(expected.height(), actual.height(), "height");
        assertEquals(expected.frameRate(), actual.frameRate(), "frameRate");
        assertEquals(expected.sampleRate(), actual.sampleRate(), "sampleRate");
        assertEquals(expected.channels(), actual.channels(), "channels");
        assertArrayEquals(expected.decoderConfig(), actual.decoderConfig(), "track decoderConfig");
    }

    private static void assertSample(MediaSample expected, MediaSample actual) {
        assertEquals(expected.kind(), actual.kind(), "kind");
        assertEquals(expected.dts(), actual.dts(), "dts");
        assertEquals(expected.pts(), actual.pts(), "pts");
        assertEquals(expected.duration(), actual.duration(), "duration");
        assertEquals(expected.timescale(), actual.timescale(), "timescale");
        assertEquals(expected.keyframe(), actual.keyframe(), "keyframe");
        assertArrayEquals(expected.data(), actual.data(), "data");
        assertEquals(expected.captureTimeMicros(), actual.captureTimeMicros(), "captureTimeMicros");
    }

    private static void assertReason(String expectedFragment, String actual) {
        assertTrue(actual.contains(expectedFragment), () -> "reason \"" + actual + "\" lacks \"" + expectedFragment + "\"");
    }

    private static FlvTagResult video(long dts, long pts, boolean keyframe, String dataHex) {
        return new FlvTagResult.Sample(new MediaSample(MediaKind.VIDEO, dts, pts, 0, 1000, keyframe, bytes(dataHex),
                WALL_CLOCK_BASE_MICROS + pts * 1000));
    }

    private static TagCase row(String name, String payloadHex, long timestampMillis, FlvTagResult expected) {
        return new TagCase(name, bytes(payloadHex), timestampMillis, expected);
    }

    private static String hex(String... parts) {
        return String.join("", parts).replace(" ", "");
    }
}
