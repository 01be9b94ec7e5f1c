package io.glass2glass.rtmp.amf;

import static io.glass2glass.rtmp.amf.Amf0CodecTable.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.glass2glass.rtmp.amf.Amf0CodecTable.Amf0Case;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding per AMF0 specification §2: exactly the table's bytes, and round trips through the decoder. */
class Amf0EncoderTest {

    static List<Amf0Case> table() {
        return Amf0CodecTable.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void encodesTableEntryToExactBytes(Amf0Case row) {
        assertEquals(HexFormat.of().formatHex(row.bytes()), HexFormat.of().formatHex(Amf0Encoder.encode(row.value())));
    }

    @Test
    void encodesConnectCommandSequence() {
        byte[] encoded = Amf0Encoder.encode(new Amf0String("connect"), new Amf0Number(1), Amf0CodecTable.CONNECT_OBJECT);

        assertArrayEquals(bytes(Amf0CodecTable.CONNECT_COMMAND_HEX), encoded);
    }

    @Test
    void encodesWholeTableAsOneSequenceThatDecodesBack() {
        List<Amf0Value> values = table().stream().map(Amf0Case::value).toList();

        assertEquals(new Amf0Result.Decoded(values), new Amf0Decoder().decode(Amf0Encoder.encode(values)));
    }

    @Test
    void choosesLongStringMarkerByUtf8LengthNotCharCount() {
        // 21,846 three-byte characters are 65,538 UTF-8 bytes: too long for the 0x02 marker's U16.
        byte[] encoded = Amf0Encoder.encode(new Amf0String("✓".repeat(21_846)));

        assertEquals(Amf0Marker.LONG_STRING, encoded[0]);
        assertEquals("00010002", HexFormat.of().formatHex(encoded, 1, 5));
    }

    @Test
    void writesNegativeZeroAndInfinityBitExact() {
        assertArrayEquals(bytes("00 8000000000000000"), Amf0Encoder.encode(new Amf0Number(-0.0)));
        assertArrayEquals(bytes("00 7ff0000000000000"), Amf0Encoder.encode(new Amf0Number(Double.POSITIVE_INFINITY)));
    }

    @Test
    void rejectsEmptyPropertyNameThatWouldReadAsObjectEnd() {
        Amf0Object object = Amf0Object.builder().put("", "x").build();

        assertThrows(IllegalArgumentException.class, () -> Amf0Encoder.encode(object));
    }

    @Test
    void rejectsPropertyNameLongerThanU16() {
        Amf0Object object = Amf0Object.builder().put("k".repeat(0x10000), 1).build();

        assertThrows(IllegalArgumentException.class, () -> Amf0Encoder.encode(object));
    }
}
