package io.glass2glass.rtmp.message;

import java.util.Arrays;

/**
 * Audio message (type 8, RTMP spec 1.0 §7.1.4): the FLV audio tag body, left unparsed for the FLV layer.
 *
 * <p>The payload array is handed over by the chunk decoder, as {@code RtmpMessage}'s is, and only
 * ever read: copying it on construction and on every read cost two copies of each frame on the
 * ingest path.
 */
public record AudioMessage(int messageStreamId, long timestamp, byte[] payload) implements MediaMessage {

    public static final int TYPE_ID = 8;

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioMessage m && messageStreamId == m.messageStreamId && timestamp == m.timestamp
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return MediaPayloads.hash(messageStreamId, timestamp, payload);
    }

    @Override
    public String toString() {
        return MediaPayloads.describe("AudioMessage", messageStreamId, timestamp, payload);
    }
}
