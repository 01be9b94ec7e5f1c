package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.chunk.ProtocolControlMessage;
import java.util.Objects;

/** A protocol control or user control message (RTMP spec 1.0 §5.4, §6.2), as the chunk layer decodes it. */
public record ControlMessage(ProtocolControlMessage control) implements Message {

    public ControlMessage {
        Objects.requireNonNull(control, "control");
    }

    @Override
    public int messageStreamId() {
        return 0;
    }
}
