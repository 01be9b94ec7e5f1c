package io.glass2glass.rtmp.message;

import java.util.Arrays;

/**
 * Video message (type 9, RTMP spec 1.0 §7.1.5): the FLV video tag body, left unparsed for the FLV layer.
 *
 * <p>The payload array is handed over by the chunk decoder, as {@code RtmpMessage}'s is, and only
 * ever read: copying it on construction and on every read cost two copies of each frame on the
 * ingest path.
 */
public record VideoMessage(int messageStreamId, long timestamp, byte[] payload) implements MediaMessage {

    public static final int TYPE_ID = 9;

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoMessage m && messageStreamId == m.messageStreamId && timestamp == m.timestamp
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return MediaPayloads.hash(messageStreamId, timestamp, payload);
    }

    @Override
    public String toString() {
        return MediaPayloads.describe("VideoMessage", messageStreamId, timestamp, payload);
    }
}
