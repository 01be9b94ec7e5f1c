package io.glass2glass.rtmp.chunk;

import java.util.Optional;

/**
 * A protocol control message (RTMP spec §5.4) or user control message (§6.2, §7.1.7): always sent on
 * chunk stream 2, message stream 0.
 */
public sealed interface ProtocolControlMessage
        permits SetChunkSize, AbortMessage, Acknowledgement, UserControlMessage, WindowAcknowledgementSize,
        SetPeerBandwidth {

    /** Chunk stream id reserved for control messages (§5.4). */
    int CONTROL_CHUNK_STREAM_ID = 2;

    /** Message type id (1..6). */
    int typeId();

    /** The message payload. */
    byte[] payload();

    /** This control message as an RTMP message on chunk stream 2, message stream 0. */
    default RtmpMessage toMessage(long timestamp) {
        return new RtmpMessage(CONTROL_CHUNK_STREAM_ID, 0, typeId(), timestamp, payload());
    }

    /** Whether a message type id is one of the control types 1..6. */
    static boolean isControlType(int typeId) {
        return typeId >= SetChunkSize.TYPE_ID && typeId <= SetPeerBandwidth.TYPE_ID;
    }

    /**
     * Decodes a control message; empty when the type is not a control type or when its payload is too
     * short (for a control type, the latter means a malformed message).
     */
    static Optional<ProtocolControlMessage> decode(RtmpMessage message) {
        byte[] p = message.payload();
        return switch (message.typeId()) {
            case SetChunkSize.TYPE_ID -> SetChunkSize.decode(p).map(m -> m);
            case AbortMessage.TYPE_ID -> AbortMessage.decode(p).map(m -> m);
            case Acknowledgement.TYPE_ID -> Acknowledgement.decode(p).map(m -> m);
            case UserControlMessage.TYPE_ID -> UserControlMessage.decode(p).map(m -> m);
            case WindowAcknowledgementSize.TYPE_ID -> WindowAcknowledgementSize.decode(p).map(m -> m);
            case SetPeerBandwidth.TYPE_ID -> SetPeerBandwidth.decode(p).map(m -> m);
            default -> Optional.empty();
        };
    }

    /** Big-endian unsigned 32-bit read. */
    static long readUint32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    /** Big-endian 32-bit write. */
    static void writeUint32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** A 4-byte big-endian payload. */
    static byte[] uint32(long v) {
        byte[] b = new byte[4];
        writeUint32(b, 0, v);
        return b;
    }
}
