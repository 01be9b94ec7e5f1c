package io.glass2glass.media.codec;

import static io.glass2glass.media.codec.H264Fixtures.BASELINE_PPS;
import static io.glass2glass.media.codec.H264Fixtures.BASELINE_SPS;
import static io.glass2glass.media.codec.H264Fixtures.HIGH_422_10BIT_SPS;
import static io.glass2glass.media.codec.H264Fixtures.HIGH_PPS;
import static io.glass2glass.media.codec.H264Fixtures.HIGH_SPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvcDecoderConfigurationRecordTest {

    private static final HexFormat HEX = HexFormat.of();

    /** (name, SPS, PPS, exact avcC body, codecs string). */
    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("High 3.1 4:2:0 8-bit", HIGH_SPS, HIGH_PPS,
                        "01" + "64001f" + "ff" + "e1" + "001a" + HEX.formatHex(HIGH_SPS) + "01" + "0006" + HEX.formatHex(HIGH_PPS)
                                + "fd" + "f8" + "f8" + "00",
                        "avc1.64001f"),
                Arguments.of("Constrained Baseline 1.3, no chroma trailer", BASELINE_SPS, BASELINE_PPS,
                        "01" + "42c00d" + "ff" + "e1" + "0018" + HEX.formatHex(BASELINE_SPS) + "01" + "0005" + HEX.formatHex(BASELINE_PPS),
                        "avc1.42c00d"),
                Arguments.of("High 4:2:2 10-bit, trailer from the SPS", HIGH_422_10BIT_SPS, HIGH_PPS,
                        "01" + "7a000d" + "ff" + "e1" + "0019" + HEX.formatHex(HIGH_422_10BIT_SPS) + "01" + "0006" + HEX.formatHex(HIGH_PPS)
                                + "fe" + "fa" + "fa" + "00",
                        "avc1.7a000d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void buildsExactRecordFromParameterSets(String name, byte[] sps, byte[] pps, String avcC, String codecs) {
        assertEquals(avcC, HEX.formatHex(AvcDecoderConfigurationRecord.fromParameterSets(List.of(sps), List.of(pps))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void parsesRecordBackIntoParameterSets(String name, byte[] sps, byte[] pps, String avcC, String codecs) {
        AvcDecoderConfigurationRecord record = AvcDecoderConfigurationRecord.parse(HEX.parseHex(avcC));

        assertEquals(sps[1] & 0xFF, record.profileIndication());
        assertEquals(sps[2] & 0xFF, record.profileCompatibility());
        assertEquals(sps[3] & 0xFF, record.levelIndication());
        assertEquals(4, record.nalUnitLengthSize());
        assertEquals(1, record.sequenceParameterSets().size());
        assertArrayEquals(sps, record.sequenceParameterSets().get(0));
        assertEquals(1, record.pictureParameterSets().size());
        assertArrayEquals(pps, record.pictureParameterSets().get(0));
        assertEquals(codecs, record.codecString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void derivesRfc6381CodecsString(String name, byte[] sps, byte[] pps, String avcC, String codecs) {
        assertEquals(codecs, AvcDecoderConfigurationRecord.codecString(HEX.parseHex(avcC)));
    }

    @Test
    void buildsFromX264ExtradataDroppingSei() {
        byte[] avcC = AvcDecoderConfigurationRecord.fromAnnexB(H264Fixtures.highProfileExtradata());

        assertArrayEquals(AvcDecoderConfigurationRecord.fromParameterSets(List.of(HIGH_SPS), List.of(HIGH_PPS)), avcC);
        assertEquals("avc1.64001f", AvcDecoderConfigurationRecord.codecString(avcC));
    }

    @Test
    void keepsEveryParameterSetInOrder() {
        byte[] secondPps = HEX.parseHex("68cb83cb20");
        byte[] avcC = AvcDecoderConfigurationRecord.fromParameterSets(List.of(HIGH_SPS), List.of(HIGH_PPS, secondPps));

        AvcDecoderConfigurationRecord record = AvcDecoderConfigurationRecord.parse(avcC);

        assertEquals(2, record.pictureParameterSets().size());
        assertArrayEquals(HIGH_PPS, record.pictureParameterSets().get(0));
        assertArrayEquals(secondPps, record.pictureParameterSets().get(1));
    }

    @Test
    void parsesRecordWithoutHighProfileTrailer() {
        byte[] full = AvcDecoderConfigurationRecord.fromParameterSets(List.of(HIGH_SPS), List.of(HIGH_PPS));
        byte[] withoutTrailer = Arrays.copyOf(full, full.length - 4);

        assertArrayEquals(HIGH_PPS, AvcDecoderConfigurationRecord.parse(withoutTrailer).pictureParameterSets().get(0));
    }

    @Test
    void rejectsExtradataWithoutPps() {
        byte[] spsOnly = H264Fixtures.concat(HEX.parseHex("00000001"), HIGH_SPS);

        assertThrows(IllegalArgumentException.class, () -> AvcDecoderConfigurationRecord.fromAnnexB(spsOnly));
    }

    @Test
    void rejectsParameterSetsOfTheWrongType() {
        assertThrows(IllegalArgumentException.class,
                () -> AvcDecoderConfigurationRecord.fromParameterSets(List.of(HIGH_PPS), List.of(HIGH_PPS)));
        assertThrows(IllegalArgumentException.class,
                () -> AvcDecoderConfigurationRecord.fromParameterSets(List.of(HIGH_SPS), List.of(HIGH_SPS)));
        assertThrows(IllegalArgumentException.class,
                () -> AvcDecoderConfigurationRecord.fromParameterSets(List.of(), List.of(HIGH_PPS)));
    }

    static Stream<Arguments> malformedRecords() {
        String sps = HEX.formatHex(BASELINE_SPS);
        String pps = HEX.formatHex(BASELINE_PPS);
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("version 0", "00" + "42c00d" + "ff" + "e1" + "0018" + sps + "01" + "0005" + pps),
                Arguments.of("no SPS", "01" + "42c00d" + "ff" + "e0" + "01" + "0005" + pps),
                Arguments.of("no PPS", "01" + "42c00d" + "ff" + "e1" + "0018" + sps + "00"),
                Arguments.of("SPS length past the end", "01" + "42c00d" + "ff" + "e1" + "ffff" + sps),
                Arguments.of("truncated SPS length", "01" + "42c00d" + "ff" + "e1" + "00"),
                Arguments.of("missing PPS count", "01" + "42c00d" + "ff" + "e1" + "0018" + sps),
                Arguments.of("PPS length past the end", "01" + "42c00d" + "ff" + "e1" + "0018" + sps + "01" + "0006" + pps),
                Arguments.of("PPS where the SPS belongs", "01" + "42c00d" + "ff" + "e1" + "0005" + pps + "01" + "0005" + pps),
                Arguments.of("lengthSizeMinusOne 2", "01" + "42c00d" + "fe" + "e1" + "0018" + sps + "01" + "0005" + pps));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void rejectsMalformedRecord(String name, String hex) {
        assertThrows(IllegalArgumentException.class, () -> AvcDecoderConfigurationRecord.parse(HEX.parseHex(hex)));
    }
}
