package io.glass2glass.rtmp.amf;

import java.util.Objects;

/**
 * An AMF0 string, sent as a string (AMF0 specification §2.4) when its UTF-8 form fits in 65,535
 * bytes and as a long string (§2.14) otherwise.
 */
public record Amf0String(String value) implements Amf0Value {
    public Amf0String {
        Objects.requireNonNull(value, "value");
    }
}
