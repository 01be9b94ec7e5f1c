package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.chunk.RtmpMessage;
import java.util.Objects;

/**
 * A message of a type a publish session does not act on (shared object §7.1.3, aggregate §7.1.6,
 * unassigned type ids); kept whole so the layer above may log it.
 */
public record OtherMessage(RtmpMessage raw) implements Message {

    public OtherMessage {
        Objects.requireNonNull(raw, "raw");
    }

    @Override
    public int messageStreamId() {
        return raw.messageStreamId();
    }
}
