package io.glass2glass.rtmp.chunk;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * User Control Message, message type 4 (RTMP spec §6.2, events §7.1.7): a 2-byte event type
 * followed by event data.
 */
public sealed interface UserControlMessage extends ProtocolControlMessage {

    /** Message type id. */
    int TYPE_ID = 4;

    /** The 2-byte event type. */
    int eventType();

    /** The event data following the event type. */
    byte[] eventData();

    @Override
    default int typeId() {
        return TYPE_ID;
    }

    @Override
    default byte[] payload() {
        byte[] data = eventData();
        byte[] b = new byte[2 + data.length];
        b[0] = (byte) (eventType() >>> 8);
        b[1] = (byte) eventType();
        System.arraycopy(data, 0, b, 2, data.length);
        return b;
    }

    /**
     * Decodes a payload; empty when shorter than the event needs. Event types other than Stream
     * Begin and the pings (e.g. Set Buffer Length, which clients send) become {@link OtherEvent}.
     */
    static Optional<UserControlMessage> decode(byte[] payload) {
        if (payload.length < 2) {
            return Optional.empty();
        }
        int event = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        byte[] data = Arrays.copyOfRange(payload, 2, payload.length);
        boolean has4 = data.length >= 4;
        return switch (event) {
            case StreamBegin.EVENT_TYPE -> has4
                    ? Optional.of(new StreamBegin(ProtocolControlMessage.readUint32(data, 0))) : Optional.empty();
            case PingRequest.EVENT_TYPE -> has4
                    ? Optional.of(new PingRequest(ProtocolControlMessage.readUint32(data, 0))) : Optional.empty();
            case PingResponse.EVENT_TYPE -> has4
                    ? Optional.of(new PingResponse(ProtocolControlMessage.readUint32(data, 0))) : Optional.empty();
            default -> Optional.of(new OtherEvent(event, data));
        };
    }

    /**
     * Stream Begin, event 0 (§7.1.7): a stream became functional.
     *
     * @param streamId message stream id
     */
    record StreamBegin(long streamId) implements UserControlMessage {
        /** Event type. */
        public static final int EVENT_TYPE = 0;

        @Override
        public int eventType() {
            return EVENT_TYPE;
        }

        @Override
        public byte[] eventData() {
            return ProtocolControlMessage.uint32(streamId);
        }
    }

    /**
     * Ping Request, event 6 (§7.1.7): the peer answers with a Ping Response carrying the timestamp.
     *
     * @param timestamp the sender's local time, unsigned 32-bit
     */
    record PingRequest(long timestamp) implements UserControlMessage {
        /** Event type. */
        public static final int EVENT_TYPE = 6;

        @Override
        public int eventType() {
            return EVENT_TYPE;
        }

        @Override
        public byte[] eventData() {
            return ProtocolControlMessage.uint32(timestamp);
        }
    }

    /**
     * Ping Response, event 7 (§7.1.7): answer to a Ping Request.
     *
     * @param timestamp the timestamp from the request
     */
    record PingResponse(long timestamp) implements UserControlMessage {
        /** Event type. */
        public static final int EVENT_TYPE = 7;

        @Override
        public int eventType() {
            return EVENT_TYPE;
        }

        @Override
        public byte[] eventData() {
            return ProtocolControlMessage.uint32(timestamp);
        }
    }

    /**
     * Any other event (Stream EOF, Set Buffer Length, …), kept as raw data.
     *
     * @param eventType the 2-byte event type
     * @param eventData the bytes after it
     */
    record OtherEvent(int eventType, byte[] eventData) implements UserControlMessage {
        @Override
        public byte[] eventData() {
            return eventData.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OtherEvent e && eventType == e.eventType && Arrays.equals(eventData, e.eventData);
        }

        @Override
        public int hashCode() {
            return eventType * 31 + Arrays.hashCode(eventData);
        }

        @Override
        public String toString() {
            return "OtherEvent[eventType=" + eventType + ", eventData=" + HexFormat.of().formatHex(eventData) + "]";
        }
    }
}
