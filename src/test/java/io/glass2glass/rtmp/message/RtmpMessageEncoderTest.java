package io.glass2glass.rtmp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glass2glass.rtmp.chunk.ProtocolControlMessage;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.SetChunkSize;
import io.glass2glass.rtmp.chunk.SetPeerBandwidth;
import io.glass2glass.rtmp.chunk.UserControlMessage;
import io.glass2glass.rtmp.chunk.WindowAcknowledgementSize;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding of command and data messages and of what the server sends (RTMP spec 1.0 §7.1, §7.2, §5.4). */
class RtmpMessageEncoderTest {

    static Stream<MessageCodecTable.Row> rows() {
        return MessageCodecTable.ROWS.stream();
    }

    static Stream<MessageCodecTable.Row> serverRows() {
        return rows().filter(r -> r.serverBuilt() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void encodesTableRowToItsExactBytes(MessageCodecTable.Row row) {
        RtmpMessage encoded = row.message() instanceof DataMessage d
                ? RtmpMessageEncoder.encode(d, row.chunkStreamId())
                : RtmpMessageEncoder.encode((CommandMessage) row.message(), row.chunkStreamId());
        assertEquals(row.raw(), encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverRows")
    void serverMessageBuilderWritesTheTableRow(MessageCodecTable.Row row) {
        assertEquals(row.raw(), row.serverBuilt());
    }

    @Test
    void connectControlIsWindowAckPeerBandwidthChunkSizeAndStreamBegin() {
        List<RtmpMessage> control = RtmpMessageEncoder.connectControl();
        assertEquals(List.of(
                new WindowAcknowledgementSize(5_000_000),
                new SetPeerBandwidth(5_000_000, SetPeerBandwidth.DYNAMIC),
                new SetChunkSize(4096),
                new UserControlMessage.StreamBegin(0)),
                control.stream().map(m -> ProtocolControlMessage.decode(m).orElseThrow()).toList());
        for (RtmpMessage m : control) {
            assertEquals(ProtocolControlMessage.CONTROL_CHUNK_STREAM_ID, m.chunkStreamId());
            assertEquals(0, m.messageStreamId());
        }
        assertArrayEquals(MessageCodecTable.bytes("004c4b40 02"), control.get(1).payload());
    }
}
