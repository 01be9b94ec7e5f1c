package io.glass2glass.rtmp.chunk;

import java.util.Optional;

/**
 * Set Chunk Size, message type 1 (RTMP spec §5.4.1): the sender's new maximum chunk size,
 * 31 bits (the top bit must be zero).
 *
 * @param chunkSize new chunk size, 1..0x7FFFFFFF
 */
public record SetChunkSize(int chunkSize) implements ProtocolControlMessage {

    /** Message type id. */
    public static final int TYPE_ID = 1;

    /** Validates the 31-bit range. */
    public SetChunkSize {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be 1..0x7FFFFFFF: " + chunkSize);
        }
    }

    @Override
    public int typeId() {
        return TYPE_ID;
    }

    @Override
    public byte[] payload() {
        return ProtocolControlMessage.uint32(chunkSize);
    }

    /** Decodes a payload; empty when shorter than 4 bytes or the value is 0. The top bit is ignored. */
    public static Optional<SetChunkSize> decode(byte[] payload) {
        if (payload.length < 4) {
            return Optional.empty();
        }
        int size = (int) (ProtocolControlMessage.readUint32(payload, 0) & 0x7FFFFFFFL);
        return size == 0 ? Optional.empty() : Optional.of(new SetChunkSize(size));
    }
}
