package io.glass2glass.rtmp.amf;

import static io.glass2glass.rtmp.amf.Amf0CodecTable.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.rtmp.amf.Amf0CodecTable.Amf0Case;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding per AMF0 specification §2, and every malformed input becoming a result, not an exception. */
class Amf0DecoderTest {
    private final Amf0Decoder decoder = new Amf0Decoder();

    static List<Amf0Case> table() {
        return Amf0CodecTable.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decodesTableEntry(Amf0Case row) {
        assertEquals(new Amf0Result.Decoded(List.of(row.value())), decoder.decode(row.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decodesTableEntryInsideALargerArrayAndByteBuffer(Amf0Case row) {
        byte[] padded = new byte[row.bytes().length + 7];
        System.arraycopy(row.bytes(), 0, padded, 3, row.bytes().length);
        Amf0Result expected = new Amf0Result.Decoded(List.of(row.value()));

        assertEquals(expected, decoder.decode(padded, 3, row.bytes().length));
        ByteBuffer direct = ByteBuffer.allocateDirect(row.bytes().length).put(row.bytes()).flip();
        assertEquals(expected, decoder.decode(direct));
        assertEquals(0, direct.position());
    }

    @Test
    void decodesConnectCommandToThreeValues() {
        Amf0Result result = decoder.decode(bytes(Amf0CodecTable.CONNECT_COMMAND_HEX));

        Amf0Result.Decoded decoded = assertInstanceOf(Amf0Result.Decoded.class, result);
        assertEquals(List.of(new Amf0String("connect"), new Amf0Number(1), Amf0CodecTable.CONNECT_OBJECT),
                decoded.values());
        Amf0Object command = (Amf0Object) decoded.values().get(2);
        assertEquals("rtmp://127.0.0.1:1935/live", command.string("tcUrl").orElseThrow());
    }

    @Test
    void decodesEmptyInputToNoValues() {
        assertEquals(new Amf0Result.Decoded(List.of()), decoder.decode(new byte[0]));
    }

    @Test
    void decodesNonZeroBooleanByteAsTrue() {
        assertEquals(new Amf0Result.Decoded(List.of(new Amf0Boolean(true))), decoder.decode(bytes("01 7f")));
    }

    @Test
    void decodesEcmaArrayWhoseCountHintIsWrong() {
        // ffmpeg and others treat the count as a hint (§2.10); the object end is authoritative.
        Amf0Result result = decoder.decode(bytes("08 00000000 0001 61 05 0000 09"));

        assertEquals(new Amf0Result.Decoded(List.of(Amf0EcmaArray.builder().put("a", Amf0Null.INSTANCE).build())),
                result);
    }

    @Test
    void rejectsTruncatedStringLength() {
        assertMalformed("02 00", 1, "truncated 16-bit field");
    }

    @Test
    void rejectsStringLengthBeyondBuffer() {
        assertMalformed("02 0010 6162", 3, "truncated string of 16 bytes");
    }

    @Test
    void rejectsLongStringLengthBeyondBuffer() {
        assertMalformed("0c 00000100 6162", 5, "truncated string of 256 bytes");
    }

    @Test
    void rejectsLongStringLongerThanConfiguredLimit() {
        Amf0Decoder small = new Amf0Decoder(16);
        byte[] atLimit = bytes("0c 00000010" + "61".repeat(16));
        byte[] overLimit = bytes("0c 00000011" + "61".repeat(17));

        assertEquals(new Amf0Result.Decoded(List.of(new Amf0String("a".repeat(16)))), small.decode(atLimit));
        assertEquals(new Amf0Result.Malformed("long string length 17 exceeds the limit of 16 bytes", 1),
                small.decode(overLimit));
    }

    @Test
    void rejectsLongStringLengthOfMaxIntBeforeAllocating() {
        assertMalformed("0c 7fffffff", 1, "long string length 2147483647 exceeds the limit");
    }

    @Test
    void rejectsUnknownMarker() {
        assertMalformed("12", 0, "unknown marker 0x12");
    }

    @ParameterizedTest(name = "marker {0}")
    @CsvSource({
            "07 0001, reference marker 0x07",
            "0d, unsupported marker 0x0D",
            "10 0003 466f6f 0000 09, typed object marker 0x10",
            "11 01, AVM+ marker 0x11",
            "0f 00000000, XML document marker 0x0F",
            "04, reserved marker 0x04",
            "0e, reserved marker 0x0E",
            "09, object-end marker 0x09 outside an object"})
    void rejectsUnsupportedMarkerWithAClearReason(String hex, String reason) {
        assertMalformed(hex, 0, reason);
    }

    @Test
    void reportsOffsetOfTheFailingValueInASequence() {
        assertMalformed("05 06 07 0001", 2, "reference marker 0x07");
    }

    @Test
    void rejectsObjectWithoutEndMarker() {
        assertMalformed("03 0003 617070 02 0004 6c697665", 13, "truncated 16-bit field");
    }

    @Test
    void rejectsEmptyPropertyNameNotFollowedByObjectEnd() {
        assertMalformed("03 0000 05", 3, "empty property name not followed by object-end marker");
    }

    @Test
    void rejectsDepthBombOfTenThousandNestedObjects() {
        byte[] bomb = bytes("03 0001 61".repeat(10_000));

        // The 33rd object starts at 32 × 4 bytes.
        assertEquals(new Amf0Result.Malformed("nesting deeper than 32 containers", 128), decoder.decode(bomb));
    }

    @Test
    void rejectsDepthBombOfNestedStrictArrays() {
        assertMalformed("0a 00000001".repeat(10_000), 32 * 5, "nesting deeper than 32 containers");
    }

    @Test
    void acceptsThirtyTwoNestedContainers() {
        byte[] nested = bytes("03 0001 61".repeat(31) + "0a 00000000" + "0000 09".repeat(31));

        assertInstanceOf(Amf0Result.Decoded.class, decoder.decode(nested));
    }

    @Test
    void rejectsEcmaArrayCountOfMaxIntWithNoData() {
        assertMalformed("08 7fffffff", 1, "ECMA array count 2147483647 exceeds 65536");
    }

    @Test
    void rejectsStrictArrayCountBeyondRemainingBytes() {
        assertMalformed("0a 00001000 05 05", 1, "strict array count 4096 exceeds the 2 bytes remaining");
    }

    @Test
    void rejectsStrictArrayCountOverEntryLimit() {
        assertMalformed("0a 00010001", 1, "strict array count 65537 exceeds 65536");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truncated two-byte sequence, 02 0002 c328",
            "overlong NUL, 02 0002 c080",
            "UTF-16 surrogate, 02 0003 eda080",
            "stray continuation byte, 02 0001 80",
            "long string, 0c 00000001 ff"})
    void rejectsMalformedUtf8(String name, String hex) {
        assertMalformed(hex, hex.startsWith("0c") ? 5 : 3, "malformed UTF-8");
    }

    @Test
    void rejectsMalformedUtf8InPropertyName() {
        assertMalformed("03 0001 ff 05 0000 09", 3, "malformed UTF-8");
    }

    private void assertMalformed(String hex, int offset, String reasonPrefix) {
        Amf0Result result = decoder.decode(bytes(hex));

        Amf0Result.Malformed malformed = assertInstanceOf(Amf0Result.Malformed.class, result);
        assertTrue(malformed.reason().startsWith(reasonPrefix),
                () -> "reason '" + malformed.reason() + "' should start with '" + reasonPrefix + "'");
        assertEquals(offset, malformed.offset(), () -> "offset for " + malformed.reason());
    }
}
