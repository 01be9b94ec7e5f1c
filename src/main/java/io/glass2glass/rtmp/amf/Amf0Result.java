package io.glass2glass.rtmp.amf;

import java.util.List;
import java.util.Objects;

/** The outcome of decoding an AMF0 value sequence: the values, or why and where the input is malformed. */
public sealed interface Amf0Result permits Amf0Result.Decoded, Amf0Result.Malformed {

    /** Every value in the input, in order. */
    record Decoded(List<Amf0Value> values) implements Amf0Result {
        public Decoded {
            values = List.copyOf(values);
        }
    }

    /**
     * The input is not valid AMF0 or exceeds a decoder limit.
     *
     * @param offset index into the caller's array where the problem was found
     */
    record Malformed(String reason, int offset) implements Amf0Result {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
