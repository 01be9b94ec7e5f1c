package io.glass2glass.rtmp.amf;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a sequence of AMF0 values (AMF0 specification §2) from an RTMP command or data message
 * body. Malformed input never throws: it becomes {@link Amf0Result.Malformed}. Every length read
 * from the wire is checked against the bytes remaining and a limit before anything is allocated.
 * Instances are immutable and safe to share between threads.
 */
public final class Amf0Decoder {
    /** Default ceiling on a long string's UTF-8 length (§2.14): 1 MiB. */
    public static final int DEFAULT_MAX_LONG_STRING_BYTES = 1 << 20;
    /** Most entries an object, ECMA array or strict array may hold. */
    public static final int MAX_ENTRIES = 65_536;
    /** Most containers (objects and arrays) that may be nested inside one another. */
    public static final int MAX_DEPTH = 32;

    private final int maxLongStringBytes;

    public Amf0Decoder() {
        this(DEFAULT_MAX_LONG_STRING_BYTES);
    }

    public Amf0Decoder(int maxLongStringBytes) {
        if (maxLongStringBytes < 0) {
            throw new IllegalArgumentException("maxLongStringBytes must be >= 0: " + maxLongStringBytes);
        }
        this.maxLongStringBytes = maxLongStringBytes;
    }

    public Amf0Result decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes the {@code buffer}'s remaining bytes without moving its position. */
    public Amf0Result decode(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return decode(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return decode(copy);
    }

    public Amf0Result decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Reader reader = new Reader(bytes, offset, offset + length);
        List<Amf0Value> values = new ArrayList<>();
        try {
            while (reader.position < reader.end) {
                values.add(reader.value(0));
            }
        } catch (MalformedInput e) {
            return new Amf0Result.Malformed(e.getMessage(), e.offset);
        }
        return new Amf0Result.Decoded(values);
    }

    /** Signals malformed input inside the reader; always caught by {@link #decode(byte[], int, int)}. */
    private static final class MalformedInput extends Exception {
        private final int offset;

        MalformedInput(String reason, int offset) {
            super(reason, null, false, false);
            this.offset = offset;
        }
    }

    /** Cursor over one input; holds the per-call UTF-8 decoder, which is not thread-safe. */
    private final class Reader {
        private final byte[] bytes;
        private final int end;
        private int position;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        Amf0Value value(int depth) throws MalformedInput {
            int markerOffset = position;
            int marker = u8();
            return switch (marker) {
                case Amf0Marker.NUMBER -> new Amf0Number(float64());
                case Amf0Marker.BOOLEAN -> new Amf0Boolean(u8() != 0);
                case Amf0Marker.STRING -> new Amf0String(utf8(u16()));
                case Amf0Marker.OBJECT -> new Amf0Object(properties(depth, markerOffset));
                case Amf0Marker.NULL -> Amf0Null.INSTANCE;
                case Amf0Marker.UNDEFINED -> Amf0Undefined.INSTANCE;
                case Amf0Marker.ECMA_ARRAY -> ecmaArray(depth, markerOffset);
                case Amf0Marker.STRICT_ARRAY -> strictArray(depth, markerOffset);
                case Amf0Marker.DATE -> new Amf0Date(float64(), (short) u16());
                case Amf0Marker.LONG_STRING -> new Amf0String(utf8(longStringLength()));
                case Amf0Marker.OBJECT_END -> throw new MalformedInput(
                        "object-end marker 0x09 outside an object (§2.11)", markerOffset);
                case Amf0Marker.MOVIECLIP, Amf0Marker.RECORDSET -> throw new MalformedInput(
                        "reserved marker 0x%02X is not supported".formatted(marker), markerOffset);
                case Amf0Marker.REFERENCE -> throw new MalformedInput(
                        "reference marker 0x07 (§2.9) is not supported", markerOffset);
                case Amf0Marker.UNSUPPORTED -> throw new MalformedInput(
                        "unsupported marker 0x0D (§2.15) is not supported", markerOffset);
                case Amf0Marker.XML_DOCUMENT -> throw new MalformedInput(
                        "XML document marker 0x0F (§2.17) is not supported", markerOffset);
                case Amf0Marker.TYPED_OBJECT -> throw new MalformedInput(
                        "typed object marker 0x10 (§2.18) is not supported", markerOffset);
                case Amf0Marker.AVMPLUS_OBJECT -> throw new MalformedInput(
                        "AVM+ marker 0x11 (§3.1, AMF3 switch) is not supported", markerOffset);
                default -> throw new MalformedInput(
                        "unknown marker 0x%02X".formatted(marker), markerOffset);
            };
        }

        private Amf0EcmaArray ecmaArray(int depth, int markerOffset) throws MalformedInput {
            int countOffset = position;
            long count = u32();
            if (count > MAX_ENTRIES) {
                throw new MalformedInput("ECMA array count " + count + " exceeds " + MAX_ENTRIES, countOffset);
            }
            // The count is only a hint (§2.10); the object-end marker is what closes the array.
            return new Amf0EcmaArray(properties(depth, markerOffset));
        }

        private Amf0StrictArray strictArray(int depth, int markerOffset) throws MalformedInput {
            enterContainer(depth, markerOffset);
            int countOffset = position;
            long count = u32();
            if (count > MAX_ENTRIES) {
                throw new MalformedInput("strict array count " + count + " exceeds " + MAX_ENTRIES, countOffset);
            }
            // Each value takes at least its marker byte, so a count beyond the bytes left is a lie.
            if (count > end - position) {
                throw new MalformedInput("strict array count " + count + " exceeds the "
                        + (end - position) + " bytes remaining", countOffset);
            }
            List<Amf0Value> values = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                values.add(value(depth + 1));
            }
            return new Amf0StrictArray(values);
        }

        /** Reads name/value pairs up to and including the object end (§2.5, §2.11). */
        private LinkedHashMap<String, Amf0Value> properties(int depth, int markerOffset) throws MalformedInput {
            enterContainer(depth, markerOffset);
            LinkedHashMap<String, Amf0Value> properties = new LinkedHashMap<>();
            while (true) {
                int nameOffset = position;
                int nameLength = u16();
                if (nameLength == 0) {
                    int endOffset = position;
                    if (u8() != Amf0Marker.OBJECT_END) {
                        throw new MalformedInput("empty property name not followed by object-end marker 0x09",
                                endOffset);
                    }
                    return properties;
                }
                if (properties.size() >= MAX_ENTRIES) {
                    throw new MalformedInput("more than " + MAX_ENTRIES + " properties", nameOffset);
                }
                String name = utf8(nameLength);
                properties.put(name, value(depth + 1));
            }
        }

        private void enterContainer(int depth, int markerOffset) throws MalformedInput {
            if (depth >= MAX_DEPTH) {
                throw new MalformedInput("nesting deeper than " + MAX_DEPTH + " containers", markerOffset);
            }
        }

        private int longStringLength() throws MalformedInput {
            int lengthOffset = position;
            long length = u32();
            if (length > maxLongStringBytes) {
                throw new MalformedInput("long string length " + length + " exceeds the limit of "
                        + maxLongStringBytes + " bytes", lengthOffset);
            }
            return (int) length;
        }

        private String utf8(int length) throws MalformedInput {
            int start = position;
            require(length, "string of " + length + " bytes");
            position += length;
            try {
                CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, start, length));
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new MalformedInput("malformed UTF-8 in string", start);
            }
        }

        private void require(int count, String what) throws MalformedInput {
            if (end - position < count) {
                throw new MalformedInput("truncated " + what + ": " + (end - position) + " bytes remaining",
                        position);
            }
        }

        private int u8() throws MalformedInput {
            require(1, "marker or byte");
            return bytes[position++] & 0xFF;
        }

        private int u16() throws MalformedInput {
            require(2, "16-bit field");
            int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
            position += 2;
            return value;
        }

        private long u32() throws MalformedInput {
            require(4, "32-bit field");
            long value = ((long) (bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                    | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        private double float64() throws MalformedInput {
            require(8, "64-bit number");
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (bytes[position + i] & 0xFF);
            }
            position += 8;
            return Double.longBitsToDouble(bits);
        }
    }
}
