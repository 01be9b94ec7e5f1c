package io.glass2glass.rtmp.handshake;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What both ends of the RTMP handshake (Adobe RTMP specification 1.0 §5.2) do alike: the version
 * byte (C0/S0, §5.2.2), the 1536-byte blocks (C1/S1 §5.2.3, C2/S2 §5.2.4) collected from slices as
 * they arrive, their 32-bit time fields, and the bytes that follow the handshake.
 */
final class HandshakeBlock {

    /** The RTMP version both ends speak (§5.2.2). */
    static final int RTMP_VERSION = 3;
    /** Length of C1, S1, C2 and S2 (§5.2.3). */
    static final int SIZE = 1536;

    private final byte[] block = new byte[SIZE];
    private int filled;

    /** Copies as much of {@code data[pos, end)} as the block still needs; returns how many bytes it took. */
    int fill(byte[] data, int pos, int end) {
        int n = Math.min(end - pos, SIZE - filled);
        System.arraycopy(data, pos, block, filled, n);
        filled += n;
        return n;
    }

    boolean full() {
        return filled == SIZE;
    }

    /** The collected block itself (not a copy). */
    byte[] bytes() {
        return block;
    }

    /** C1 or S1 of the plain handshake (§5.2.3): the time, four zero bytes, random bytes. */
    static byte[] first(RandomGenerator random, int time) {
        byte[] b = new byte[SIZE];
        random.nextBytes(b);
        writeInt(b, 0, time);
        Arrays.fill(b, 4, 8, (byte) 0);
        return b;
    }

    /** C2 or S2 (§5.2.4): the peer's first block echoed, with the time it was read as its second field. */
    static byte[] echo(byte[] peerFirst, int readTime) {
        byte[] b = peerFirst.clone();
        writeInt(b, 4, readTime);
        return b;
    }

    /** C0 then the given blocks: what one end sends in one write. */
    static byte[] versioned(byte[]... blocks) {
        byte[] out = new byte[1 + SIZE * blocks.length];
        out[0] = RTMP_VERSION;
        for (int i = 0; i < blocks.length; i++) {
            System.arraycopy(blocks[i], 0, out, 1 + i * SIZE, SIZE);
        }
        return out;
    }

    /** Checks a slice given to {@code feed}. */
    static boolean validSlice(byte[] data, int offset, int length) {
        return data != null && offset >= 0 && length >= 0 && offset <= data.length - length;
    }

    static long readUint32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Bytes that arrived after the handshake: the start of the chunk stream (§5.3). */
    static final class Leftover {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void add(byte[] data, int pos, int end) {
            bytes.write(data, pos, end - pos);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
