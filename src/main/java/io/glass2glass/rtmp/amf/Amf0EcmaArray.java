package io.glass2glass.rtmp.amf;

import java.util.LinkedHashMap;

/**
 * An AMF0 ECMA array: a 32-bit count hint followed by properties and the object-end marker
 * (AMF0 specification §2.10). ffmpeg sends {@code @setDataFrame onMetaData} as one.
 */
public record Amf0EcmaArray(LinkedHashMap<String, Amf0Value> properties) implements Amf0Value, Amf0Properties {
    public Amf0EcmaArray {
        properties = new LinkedHashMap<>(properties);
    }

    /** A copy, so the record stays immutable. */
    @Override
    public LinkedHashMap<String, Amf0Value> properties() {
        return new LinkedHashMap<>(properties);
    }

    public static Builder<Amf0EcmaArray> builder() {
        return new Builder<>(Amf0EcmaArray::new);
    }
}
