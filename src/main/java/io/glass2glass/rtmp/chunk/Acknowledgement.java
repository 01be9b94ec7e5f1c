package io.glass2glass.rtmp.chunk;

import java.util.Optional;

/**
 * Acknowledgement, message type 3 (RTMP spec §5.4.3): bytes received so far.
 *
 * @param sequenceNumber bytes received, unsigned 32-bit
 */
public record Acknowledgement(long sequenceNumber) implements ProtocolControlMessage {

    /** Message type id. */
    public static final int TYPE_ID = 3;

    @Override
    public int typeId() {
        return TYPE_ID;
    }

    @Override
    public byte[] payload() {
        return ProtocolControlMessage.uint32(sequenceNumber);
    }

    /** Decodes a payload; empty when shorter than 4 bytes. */
    public static Optional<Acknowledgement> decode(byte[] payload) {
        return payload.length < 4 ? Optional.empty()
                : Optional.of(new Acknowledgement(ProtocolControlMessage.readUint32(payload, 0)));
    }
}
