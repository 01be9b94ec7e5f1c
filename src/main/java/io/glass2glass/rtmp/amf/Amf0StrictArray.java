package io.glass2glass.rtmp.amf;

import java.util.List;

/** An AMF0 strict array: a counted, ordinal-indexed list of values (AMF0 specification §2.12). */
public record Amf0StrictArray(List<Amf0Value> values) implements Amf0Value {
    public Amf0StrictArray {
        values = List.copyOf(values);
    }

    public static Amf0StrictArray of(Amf0Value... values) {
        return new Amf0StrictArray(List.of(values));
    }
}
