package io.glass2glass.packager.cmaf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian buffer that writes ISO/IEC 14496-12 §4.2 boxes: each box's 32-bit size is
 * filled in once its body has been written.
 */
final class BoxWriter {

    /** Writes the body of one box. */
    @FunctionalInterface
    interface Body {
        void write(BoxWriter out);
    }

    private byte[] buffer;
    private int size;

    BoxWriter(int initialCapacity) {
        buffer = new byte[Math.max(64, initialCapacity)];
    }

    /** A box: size, type, then whatever {@code body} writes. */
    BoxWriter box(String type, Body body) {
        int start = size;
        u32(0);
        fourCc(type);
        body.write(this);
        patchU32(start, size - start);
        return this;
    }

    /** A FullBox (§4.2): a box whose body starts with version and 24-bit flags. */
    BoxWriter fullBox(String type, int version, int flags, Body body) {
        return box(type, out -> {
            out.u8(version);
            out.u24(flags);
            body.write(out);
        });
    }

    BoxWriter u8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    BoxWriter u16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    BoxWriter u24(int value) {
        ensure(3);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    BoxWriter u32(long value) {
        ensure(4);
        writeU32At(size, value);
        size += 4;
        return this;
    }

    BoxWriter u64(long value) {
        u32(value >>> 32);
        return u32(value);
    }

    /** {@code count} zero bytes, for reserved and pre_defined fields. */
    BoxWriter zeros(int count) {
        ensure(count);
        Arrays.fill(buffer, size, size + count, (byte) 0);
        size += count;
        return this;
    }

    BoxWriter bytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, buffer, size, data.length);
        size += data.length;
        return this;
    }

    BoxWriter fourCc(String code) {
        byte[] ascii = code.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length != 4) {
            throw new IllegalArgumentException("four-character code expected: " + code);
        }
        return bytes(ascii);
    }

    /** The unity transformation matrix of mvhd and tkhd (§8.2.2). */
    BoxWriter unityMatrix() {
        return u32(0x00010000).u32(0).u32(0)
                .u32(0).u32(0x00010000).u32(0)
                .u32(0).u32(0).u32(0x40000000);
    }

    /** Bytes written so far; the offset the next write goes to. */
    int position() {
        return size;
    }

    void patchU32(int at, long value) {
        writeU32At(at, value);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void writeU32At(int at, long value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("box data larger than 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
