package io.glass2glass.media.codec;

import static io.glass2glass.media.codec.H264Fixtures.HIGH_PPS;
import static io.glass2glass.media.codec.H264Fixtures.HIGH_SPS;
import static io.glass2glass.media.codec.H264Fixtures.SEI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnnexBTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void splitsOnThreeAndFourByteStartCodes() {
        byte[] stream = HEX.parseHex("00000001" + "6701" + "000001" + "6802" + "00000001" + "6503aa");

        List<byte[]> units = AnnexB.splitNalUnits(stream);

        assertEquals(3, units.size());
        assertArrayEquals(HEX.parseHex("6701"), units.get(0));
        assertArrayEquals(HEX.parseHex("6802"), units.get(1));
        assertArrayEquals(HEX.parseHex("6503aa"), units.get(2));
    }

    @Test
    void splitsX264ExtradataIntoSpsPpsAndSei() {
        List<byte[]> units = AnnexB.splitNalUnits(H264Fixtures.highProfileExtradata());

        assertEquals(3, units.size());
        assertArrayEquals(HIGH_SPS, units.get(0));
        assertArrayEquals(HIGH_PPS, units.get(1));
        assertArrayEquals(SEI, units.get(2));
    }

    @Test
    void dropsLeadingAndTrailingZeroBytesAndEmptyUnits() {
        byte[] stream = HEX.parseHex("0000" + "000001" + "6701" + "0000" + "000001" + "000001" + "6802" + "000000");

        List<byte[]> units = AnnexB.splitNalUnits(stream);

        assertEquals(2, units.size());
        assertArrayEquals(HEX.parseHex("6701"), units.get(0));
        assertArrayEquals(HEX.parseHex("6802"), units.get(1));
    }

    @Test
    void keepsEmulationPreventionBytesInsideUnits() {
        byte[] stream = HEX.parseHex("000001" + "65000003010203");

        assertArrayEquals(HEX.parseHex("65000003010203"), AnnexB.splitNalUnits(stream).get(0));
    }

    @Test
    void rejectsDataBeforeTheFirstStartCode() {
        assertThrows(IllegalArgumentException.class, () -> AnnexB.splitNalUnits(HEX.parseHex("6701000001")));
        assertThrows(IllegalArgumentException.class, () -> AnnexB.splitNalUnits(HEX.parseHex("6764001f")));
    }

    @Test
    void emptyInputHasNoUnits() {
        assertTrue(AnnexB.splitNalUnits(new byte[0]).isEmpty());
        assertTrue(AnnexB.splitLengthPrefixed(new byte[0]).isEmpty());
    }

    @Test
    void convertsToFourByteLengthPrefixes() {
        byte[] stream = HEX.parseHex("00000001" + "6701" + "000001" + "6802aabb");

        assertArrayEquals(HEX.parseHex("00000002" + "6701" + "00000004" + "6802aabb"), AnnexB.toLengthPrefixed(stream));
    }

    @Test
    void lengthPrefixedRoundTrips() {
        byte[] prefixed = AnnexB.toLengthPrefixed(H264Fixtures.highProfileExtradata());

        List<byte[]> units = AnnexB.splitLengthPrefixed(prefixed);

        assertEquals(3, units.size());
        assertArrayEquals(HIGH_SPS, units.get(0));
        assertArrayEquals(HIGH_PPS, units.get(1));
        assertArrayEquals(SEI, units.get(2));
        assertArrayEquals(prefixed, AnnexB.lengthPrefixed(units));
    }

    static Stream<Arguments> malformedLengthPrefixed() {
        return Stream.of(
                Arguments.of("length past the end", "00000005" + "65aabb"),
                Arguments.of("huge length", "7fffffff" + "65"),
                Arguments.of("length above 2^31", "ffffffff" + "65"),
                Arguments.of("truncated length", "00000001" + "65" + "0000"),
                Arguments.of("zero length", "00000000" + "00000001" + "65"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLengthPrefixed")
    void rejectsMalformedLengthPrefixedData(String name, String hex) {
        assertThrows(IllegalArgumentException.class, () -> AnnexB.splitLengthPrefixed(HEX.parseHex(hex)));
    }
}
