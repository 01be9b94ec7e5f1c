package io.glass2glass.rtmp.chunk;

import java.util.Optional;

/**
 * Window Acknowledgement Size, message type 5 (RTMP spec §5.4.4): how many bytes the peer may
 * receive before it must send an Acknowledgement.
 *
 * @param windowSize window in bytes, unsigned 32-bit
 */
public record WindowAcknowledgementSize(long windowSize) implements ProtocolControlMessage {

    /** Message type id. */
    public static final int TYPE_ID = 5;

    @Override
    public int typeId() {
        return TYPE_ID;
    }

    @Override
    public byte[] payload() {
        return ProtocolControlMessage.uint32(windowSize);
    }

    /** Decodes a payload; empty when shorter than 4 bytes. */
    public static Optional<WindowAcknowledgementSize> decode(byte[] payload) {
        return payload.length < 4 ? Optional.empty()
                : Optional.of(new WindowAcknowledgementSize(ProtocolControlMessage.readUint32(payload, 0)));
    }
}
