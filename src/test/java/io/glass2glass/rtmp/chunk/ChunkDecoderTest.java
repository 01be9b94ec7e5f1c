package io.glass2glass.rtmp.chunk;

import static io.glass2glass.rtmp.chunk.ChunkCodecTable.hex;
import static io.glass2glass.rtmp.chunk.ChunkCodecTable.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkDecoderTest {

    static Stream<ChunkCodecTable.ChunkRow> chunkRows() {
        return ChunkCodecTable.CHUNK_ROWS.stream();
    }

    static Stream<ChunkCodecTable.ControlRow> controlRows() {
        return ChunkCodecTable.CONTROL_ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkRows")
    void decodesTableRowInOneCall(ChunkCodecTable.ChunkRow row) {
        ChunkDecoder decoder = new ChunkDecoder();
        assertEquals(row.messages(), decoder.decode(row.bytes()));
        assertEquals(ChunkDecoder.State.BASIC_HEADER, decoder.state());
        assertEquals(Optional.empty(), decoder.malformed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkRows")
    void decodesTableRowByteByByte(ChunkCodecTable.ChunkRow row) {
        ChunkDecoder decoder = new ChunkDecoder();
        List<RtmpMessage> out = new ArrayList<>();
        for (int i = 0; i < row.bytes().length; i++) {
            out.addAll(decoder.decode(row.bytes(), i, 1));
        }
        assertEquals(row.messages(), out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlRows")
    void decodesControlRow(ChunkCodecTable.ControlRow row) {
        List<RtmpMessage> messages = new ChunkDecoder().decode(row.bytes());
        assertEquals(1, messages.size());
        RtmpMessage message = messages.get(0);
        assertEquals(2, message.chunkStreamId());
        assertEquals(0, message.messageStreamId());
        assertTrue(ProtocolControlMessage.isControlType(message.typeId()));
        assertEquals(Optional.of(row.control()), ProtocolControlMessage.decode(message));
    }

    @Test
    void interleavesTwoChunkStreams() {
        ChunkEncoder encoder = new ChunkEncoder();
        RtmpMessage audio = new RtmpMessage(4, 1, 8, 20, pattern(200));
        RtmpMessage video = new RtmpMessage(6, 1, 9, 33, pattern(150));
        byte[] a = encoder.encode(audio);
        byte[] v = encoder.encode(video);
        int firstA = 12 + 128;
        int firstV = 12 + 128;
        byte[] wire = ChunkCodecTable.concat(List.of(
                Arrays.copyOfRange(a, 0, firstA),
                Arrays.copyOfRange(v, 0, firstV),
                Arrays.copyOfRange(a, firstA, a.length),
                Arrays.copyOfRange(v, firstV, v.length)));
        assertEquals(List.of(audio, video), new ChunkDecoder().decode(wire));
    }

    @Test
    void chunkSizeChangeAppliesToTheNextChunkInTheSameCall() {
        ChunkEncoder encoder = new ChunkEncoder(4096);
        RtmpMessage big = new RtmpMessage(6, 1, 9, 0, pattern(3000));
        byte[] wire = ChunkCodecTable.concat(List.of(
                new ChunkEncoder().encode(new SetChunkSize(4096)), encoder.encode(big)));
        ChunkDecoder decoder = new ChunkDecoder();
        List<RtmpMessage> out = decoder.decode(wire);
        assertEquals(2, out.size());
        assertEquals(big, out.get(1));
        assertEquals(4096, decoder.chunkSize());
    }

    @Test
    void chunkSizeChangeBetweenMessagesOfOneStream() {
        ChunkDecoder decoder = new ChunkDecoder();
        RtmpMessage first = new RtmpMessage(4, 1, 8, 0, pattern(300));
        RtmpMessage second = new RtmpMessage(4, 1, 8, 0, pattern(300));
        byte[] wire = ChunkCodecTable.concat(List.of(
                new ChunkEncoder(128).encode(first),
                new ChunkEncoder().encode(new SetChunkSize(100)),
                new ChunkEncoder(100).encode(second)));
        List<RtmpMessage> out = decoder.decode(wire);
        assertEquals(List.of(first, second), List.of(out.get(0), out.get(2)));
        assertEquals(100, decoder.chunkSize());
    }

    @Test
    void extendedTimestampRepeatedInFormat3StartsNewMessageWithItAsDelta() {
        byte[] wire = hex("05 ffffff 000001 08 01000000 01000000 aa  c5 01000000 bb");
        List<RtmpMessage> out = new ChunkDecoder().decode(wire);
        assertEquals(List.of(new RtmpMessage(5, 1, 8, 0x01000000L, hex("aa")),
                new RtmpMessage(5, 1, 8, 0x02000000L, hex("bb"))), out);
    }

    @Test
    void declaredLengthAboveLimitIsMalformedBeforeAnyPayload() {
        ChunkDecoder decoder = new ChunkDecoder(8 * 1024 * 1024, 64);
        List<RtmpMessage> out = decoder.decode(hex("04 000000 ffffff 09 01000000"));
        assertEquals(List.of(), out);
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
        assertTrue(decoder.malformed().orElseThrow().reason().contains("16777215"));
        assertEquals(List.of(), decoder.decode(new byte[1000]));
    }

    @Test
    void format1WithoutPreviousHeaderIsMalformed() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("43 000000 000001 08 aa"));
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
        assertTrue(decoder.malformed().orElseThrow().reason().contains("without a previous header"));
    }

    @Test
    void format3WithoutPreviousHeaderIsMalformed() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("c3 aa"));
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
    }

    @Test
    void tooManyChunkStreamsIsMalformed() {
        ChunkDecoder decoder = new ChunkDecoder(1024, 3);
        List<RtmpMessage> out = decoder.decode(hex(
                "03 000000 000001 08 00000000 aa  04 000000 000001 08 00000000 aa  05 000000 000001 08 00000000 aa"
                        + "  06 000000 000001 08 00000000 aa"));
        assertEquals(3, out.size());
        assertTrue(decoder.malformed().orElseThrow().reason().contains("chunk streams"));
    }

    @Test
    void unfinishedMessagesOnManyChunkStreamsCannotPinMoreThanTheConnectionBudget() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("02 000000 000004 01 00000000 00100000")); // chunk size 1 MiB
        byte[] megabyte = new byte[1 << 20];
        int streams = 0;
        // Each chunk stream starts an 8 MB message and sends its first 1 MiB chunk, then goes quiet.
        for (int csid = 3; csid < 3 + 20 && decoder.state() != ChunkDecoder.State.MALFORMED; csid++) {
            decoder.decode(hex(String.format("%02x 000000 800000 09 01000000", csid)));
            decoder.decode(megabyte);
            streams++;
        }
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
        assertEquals(ChunkDecoder.MAX_PENDING_BYTES / (1 << 20) + 1, streams, "the 17th unfinished 1 MiB is refused");
        assertTrue(decoder.malformed().orElseThrow().reason().contains("over the limit"), decoder.malformed().toString());
    }

    @Test
    void finishedMessagesGiveTheirBytesBackToTheBudget() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("02 000000 000004 01 00000000 00100000"));
        byte[] megabyte = new byte[1 << 20];
        for (int i = 0; i < 40; i++) {
            List<RtmpMessage> out = decoder.decode(hex("03 000000 100000 09 01000000"));
            out = new ArrayList<>(out);
            out.addAll(decoder.decode(megabyte));
            assertEquals(1, out.size(), "message " + i);
        }
        assertEquals(Optional.empty(), decoder.malformed(), "40 MiB in whole messages, never more than 1 MiB unfinished");
    }

    @Test
    void chunkSizeZeroIsMalformed() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("02 000000 000004 01 00000000 00000000"));
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
    }

    @Test
    void chunkSizeAbove16MiBIsMalformed() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("02 000000 000004 01 00000000 01000001"));
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
    }

    @Test
    void chunkSizeOf16MiBIsAccepted() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("02 000000 000004 01 00000000 01000000"));
        assertEquals(16 * 1024 * 1024, decoder.chunkSize());
    }

    @Test
    void abortDropsPartialMessage() {
        ChunkEncoder encoder = new ChunkEncoder();
        byte[] partial = Arrays.copyOf(encoder.encode(new RtmpMessage(4, 1, 8, 0, pattern(200))), 12 + 128);
        RtmpMessage next = new RtmpMessage(4, 1, 8, 50, hex("010203"));
        byte[] wire = ChunkCodecTable.concat(List.of(partial, encoder.encode(new AbortMessage(4)), encoder.encode(next)));
        ChunkDecoder decoder = new ChunkDecoder();
        List<RtmpMessage> out = decoder.decode(wire);
        assertEquals(2, out.size());
        assertEquals(AbortMessage.TYPE_ID, out.get(0).typeId());
        assertEquals(next, out.get(1));
        assertEquals(ChunkDecoder.State.BASIC_HEADER, decoder.state());
    }

    @Test
    void newHeaderInTheMiddleOfAMessageIsMalformed() {
        ChunkEncoder encoder = new ChunkEncoder();
        byte[] partial = Arrays.copyOf(encoder.encode(new RtmpMessage(4, 1, 8, 0, pattern(200))), 12 + 128);
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(ChunkCodecTable.concat(List.of(partial, hex("84 000001 aa"))));
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
    }

    @Test
    void truncatedControlPayloadIsMalformed() {
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(hex("02 000000 000002 01 00000000 0010"));
        assertEquals(ChunkDecoder.State.MALFORMED, decoder.state());
    }

    @Test
    void messageReassembledAcrossManySmallReads() {
        RtmpMessage message = new RtmpMessage(300, 1, 9, 123456, pattern(5000));
        byte[] wire = new ChunkEncoder(1000).encode(message);
        ChunkDecoder decoder = new ChunkDecoder();
        decoder.decode(new ChunkEncoder().encode(new SetChunkSize(1000)));
        ByteArrayOutputStream payloads = new ByteArrayOutputStream();
        List<RtmpMessage> out = new ArrayList<>();
        for (int i = 0; i < wire.length; i += 7) {
            out.addAll(decoder.decode(wire, i, Math.min(7, wire.length - i)));
        }
        out.forEach(m -> payloads.writeBytes(m.payload()));
        assertEquals(List.of(message), out);
        assertArrayEquals(pattern(5000), payloads.toByteArray());
    }
}
