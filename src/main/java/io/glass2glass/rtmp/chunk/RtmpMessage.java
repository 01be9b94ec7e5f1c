package io.glass2glass.rtmp.chunk;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A complete RTMP message reassembled from chunks (RTMP spec §5.3.1, message header §6.1.1).
 *
 * @param chunkStreamId   chunk stream it travelled on, 2..65599
 * @param messageStreamId message stream id (little-endian on the wire)
 * @param typeId          message type id, 0..255
 * @param timestamp       absolute timestamp in milliseconds, unsigned 32-bit (0..0xFFFFFFFF)
 * @param payload         message payload
 */
public record RtmpMessage(int chunkStreamId, int messageStreamId, int typeId, long timestamp, byte[] payload) {

    /** Lowest chunk stream id (0 and 1 select the 2- and 3-byte basic headers, §5.3.1.1). */
    public static final int MIN_CHUNK_STREAM_ID = 2;
    /** Highest chunk stream id a 3-byte basic header can carry (§5.3.1.1). */
    public static final int MAX_CHUNK_STREAM_ID = 65599;
    /** Largest length the 24-bit message length field can carry (§5.3.1.2.1). */
    public static final int MAX_MESSAGE_LENGTH = 0xFFFFFF;

    /** Compares the payload by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RtmpMessage m
                && chunkStreamId == m.chunkStreamId
                && messageStreamId == m.messageStreamId
                && typeId == m.typeId
                && timestamp == m.timestamp
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return ((chunkStreamId * 31 + messageStreamId) * 31 + typeId) * 31 + Long.hashCode(timestamp)
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String hex = payload.length <= 32
                ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 32) + "…";
        return "RtmpMessage[csid=" + chunkStreamId + ", msid=" + messageStreamId + ", type=" + typeId
                + ", ts=" + timestamp + ", length=" + payload.length + ", payload=" + hex + "]";
    }
}
