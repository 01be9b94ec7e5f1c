package io.glass2glass.rtmp.amf;

import java.util.LinkedHashMap;

/**
 * An AMF0 anonymous object: properties in wire order, closed by the empty name and the
 * object-end marker 0x09 (AMF0 specification §2.5, §2.11). RTMP's connect and onStatus
 * command objects are of this type.
 */
public record Amf0Object(LinkedHashMap<String, Amf0Value> properties) implements Amf0Value, Amf0Properties {
    public Amf0Object {
        properties = new LinkedHashMap<>(properties);
    }

    /** A copy, so the record stays immutable. */
    @Override
    public LinkedHashMap<String, Amf0Value> properties() {
        return new LinkedHashMap<>(properties);
    }

    public static Builder<Amf0Object> builder() {
        return new Builder<>(Amf0Object::new);
    }
}
