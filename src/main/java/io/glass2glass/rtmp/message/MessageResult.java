package io.glass2glass.rtmp.message;

import java.util.Objects;

/** What {@link RtmpMessageDecoder} makes of one raw message: a message, or the reason it is malformed. */
public sealed interface MessageResult permits MessageResult.Decoded, MessageResult.Malformed {

    /** A well-formed message. */
    record Decoded(Message message) implements MessageResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A message that cannot be understood; the connection that sent it should be closed. */
    record Malformed(String reason) implements MessageResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
