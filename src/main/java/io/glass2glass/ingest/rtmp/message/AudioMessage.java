package io.glass2glass.ingest.rtmp.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Audio message (type 8, RTMP spec 1.0 §7.1.4): the FLV audio tag body, left unparsed for the FLV layer.
 */
public record AudioMessage(int messageStreamId, long timestamp, byte[] payload) implements MediaMessage {

    public static final int TYPE_ID = 8;

    public AudioMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioMessage m && messageStreamId == m.messageStreamId && timestamp == m.timestamp
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return (messageStreamId * 31 + Long.hashCode(timestamp)) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String hex = payload.length <= 16
                ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 16) + "…";
        return "AudioMessage[msid=" + messageStreamId + ", ts=" + timestamp + ", length=" + payload.length
                + ", payload=" + hex + "]";
    }
}
