package io.glass2glass.rtmp.chunk;

import java.util.Optional;

/**
 * Abort Message, message type 2 (RTMP spec §5.4.2): discard the partly received message of a
 * chunk stream.
 *
 * @param chunkStreamId chunk stream whose partial message is dropped
 */
public record AbortMessage(long chunkStreamId) implements ProtocolControlMessage {

    /** Message type id. */
    public static final int TYPE_ID = 2;

    @Override
    public int typeId() {
        return TYPE_ID;
    }

    @Override
    public byte[] payload() {
        return ProtocolControlMessage.uint32(chunkStreamId);
    }

    /** Decodes a payload; empty when shorter than 4 bytes. */
    public static Optional<AbortMessage> decode(byte[] payload) {
        return payload.length < 4 ? Optional.empty()
                : Optional.of(new AbortMessage(ProtocolControlMessage.readUint32(payload, 0)));
    }
}
