package io.glass2glass.rtmp.chunk;

import java.util.Optional;

/**
 * Set Peer Bandwidth, message type 6 (RTMP spec §5.4.5): limits the peer's output bandwidth.
 *
 * @param windowSize acknowledgement window in bytes, unsigned 32-bit
 * @param limitType  0 hard, 1 soft, 2 dynamic
 */
public record SetPeerBandwidth(long windowSize, int limitType) implements ProtocolControlMessage {

    /** Message type id. */
    public static final int TYPE_ID = 6;
    /** Limit type: the peer should limit its output bandwidth to the window size. */
    public static final int HARD = 0;
    /** Limit type: the smaller of this window and the one already in effect. */
    public static final int SOFT = 1;
    /** Limit type: hard if the previous limit was hard, otherwise ignored. */
    public static final int DYNAMIC = 2;

    @Override
    public int typeId() {
        return TYPE_ID;
    }

    @Override
    public byte[] payload() {
        byte[] b = new byte[5];
        ProtocolControlMessage.writeUint32(b, 0, windowSize);
        b[4] = (byte) limitType;
        return b;
    }

    /** Decodes a payload; empty when shorter than 5 bytes. */
    public static Optional<SetPeerBandwidth> decode(byte[] payload) {
        return payload.length < 5 ? Optional.empty()
                : Optional.of(new SetPeerBandwidth(ProtocolControlMessage.readUint32(payload, 0), payload[4] & 0xFF));
    }
}
