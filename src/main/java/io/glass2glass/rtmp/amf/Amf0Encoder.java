package io.glass2glass.rtmp.amf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes AMF0 values to bytes exactly as the AMF0 specification §2 lays them out: big-endian
 * numbers, strings as 0x02 up to 65,535 UTF-8 bytes and as long strings (0x0C, §2.14) beyond,
 * objects and ECMA arrays closed by 0x00 0x00 0x09 (§2.11).
 */
public final class Amf0Encoder {
    private static final int MAX_SHORT_STRING_BYTES = 0xFFFF;

    private Amf0Encoder() {
    }

    public static byte[] encode(Amf0Value... values) {
        return encode(List.of(values));
    }

    public static byte[] encode(List<? extends Amf0Value> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Amf0Value value : values) {
            write(value, out);
        }
        return out.toByteArray();
    }

    /**
     * Appends one value to {@code out}.
     *
     * @throws IllegalArgumentException if a property name is empty or longer than 65,535 UTF-8
     *                                  bytes, which AMF0 cannot express (§1.3, §2.11)
     */
    public static void write(Amf0Value value, ByteArrayOutputStream out) {
        if (value instanceof Amf0Number n) {
            out.write(Amf0Marker.NUMBER);
            float64(n.value(), out);
        } else if (value instanceof Amf0Boolean b) {
            out.write(Amf0Marker.BOOLEAN);
            out.write(b.value() ? 1 : 0);
        } else if (value instanceof Amf0String s) {
            byte[] utf8 = s.value().getBytes(StandardCharsets.UTF_8);
            if (utf8.length <= MAX_SHORT_STRING_BYTES) {
                out.write(Amf0Marker.STRING);
                u16(utf8.length, out);
            } else {
                out.write(Amf0Marker.LONG_STRING);
                u32(utf8.length, out);
            }
            out.writeBytes(utf8);
        } else if (value instanceof Amf0Object o) {
            out.write(Amf0Marker.OBJECT);
            properties(o.properties(), out);
        } else if (value instanceof Amf0EcmaArray a) {
            Map<String, Amf0Value> properties = a.properties();
            out.write(Amf0Marker.ECMA_ARRAY);
            u32(properties.size(), out);
            properties(properties, out);
        } else if (value instanceof Amf0StrictArray a) {
            out.write(Amf0Marker.STRICT_ARRAY);
            u32(a.values().size(), out);
            for (Amf0Value element : a.values()) {
                write(element, out);
            }
        } else if (value instanceof Amf0Null) {
            out.write(Amf0Marker.NULL);
        } else if (value instanceof Amf0Undefined) {
            out.write(Amf0Marker.UNDEFINED);
        } else if (value instanceof Amf0Date d) {
            out.write(Amf0Marker.DATE);
            float64(d.millis(), out);
            u16(d.timezone() & 0xFFFF, out);
        } else {
            throw new IllegalArgumentException("not an AMF0 value: " + value);
        }
    }

    private static void properties(Map<String, Amf0Value> properties, ByteArrayOutputStream out) {
        for (Map.Entry<String, Amf0Value> property : properties.entrySet()) {
            byte[] name = property.getKey().getBytes(StandardCharsets.UTF_8);
            // An empty name is the object end (§2.11), and the name's length is a U16 (§1.3).
            if (name.length == 0 || name.length > MAX_SHORT_STRING_BYTES) {
                throw new IllegalArgumentException("property name must be 1 to 65,535 UTF-8 bytes, was "
                        + name.length);
            }
            u16(name.length, out);
            out.writeBytes(name);
            write(property.getValue(), out);
        }
        u16(0, out);
        out.write(Amf0Marker.OBJECT_END);
    }

    private static void u16(int value, ByteArrayOutputStream out) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void u32(long value, ByteArrayOutputStream out) {
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    private static void float64(double value, ByteArrayOutputStream out) {
        long bits = Double.doubleToRawLongBits(value);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift));
        }
    }
}
