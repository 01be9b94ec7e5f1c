package io.glass2glass.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkEncoderTest {

    static Stream<ChunkCodecTable.ChunkRow> encoderRows() {
        return ChunkCodecTable.CHUNK_ROWS.stream().filter(ChunkCodecTable.ChunkRow::encoderForm);
    }

    static Stream<ChunkCodecTable.ControlRow> controlRows() {
        return ChunkCodecTable.CONTROL_ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoderRows")
    void encodesTableRow(ChunkCodecTable.ChunkRow row) {
        ChunkEncoder encoder = new ChunkEncoder();
        assertArrayEquals(row.bytes(),
                ChunkCodecTable.concat(row.messages().stream().map(encoder::encode).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlRows")
    void encodesControlRow(ChunkCodecTable.ControlRow row) {
        assertArrayEquals(row.bytes(), new ChunkEncoder().encode(row.control()));
    }

    @Test
    void largeChunkSizeWritesOneChunk() {
        RtmpMessage message = new RtmpMessage(6, 1, 9, 0, ChunkCodecTable.pattern(3000));
        assertEquals(12 + 3000, new ChunkEncoder(4096).encode(message).length);
    }

    @Test
    void exactMultipleOfChunkSizeHasNoEmptyTrailingChunk() {
        RtmpMessage message = new RtmpMessage(4, 1, 8, 0, ChunkCodecTable.pattern(256));
        assertEquals(12 + 128 + 1 + 128, new ChunkEncoder().encode(message).length);
        assertEquals(List.of(message), new ChunkDecoder().decode(new ChunkEncoder().encode(message)));
    }

    @Test
    void rejectsOutOfRangeValues() {
        ChunkEncoder encoder = new ChunkEncoder();
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new RtmpMessage(1, 0, 8, 0, new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new RtmpMessage(65600, 0, 8, 0, new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new RtmpMessage(3, 0, 8, -1, new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> encoder.setChunkSize(0));
        assertThrows(IllegalArgumentException.class, () -> new ChunkEncoder(ChunkDecoder.MAX_CHUNK_SIZE + 1));
    }
}
