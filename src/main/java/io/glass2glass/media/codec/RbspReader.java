package io.glass2glass.media.codec;

/**
 * Reads the bits of a NAL unit's RBSP, skipping emulation prevention bytes (H.264 §7.4.1), with the
 * Exp-Golomb codes of §9.1. Every read past the end throws {@link IllegalArgumentException}.
 */
final class RbspReader {

    private final byte[] nal;
    private int pos;
    private int bitInByte;
    private int zeros;

    /** @param from index of the first RBSP byte (after the NAL header) */
    RbspReader(byte[] nal, int from) {
        this.nal = nal;
        this.pos = from;
    }

    int bit() {
        if (bitInByte == 0) {
            if (zeros >= 2 && pos < nal.length && nal[pos] == 3) {
                pos++;
                zeros = 0;
            }
            if (pos >= nal.length) {
                throw new IllegalArgumentException("SPS truncated");
            }
            zeros = nal[pos] == 0 ? zeros + 1 : 0;
        }
        int bit = (nal[pos] >> (7 - bitInByte)) & 1;
        if (++bitInByte == 8) {
            bitInByte = 0;
            pos++;
        }
        return bit;
    }

    long bits(int n) {
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = value << 1 | bit();
        }
        return value;
    }

    /** Unsigned Exp-Golomb code ue(v), §9.1. */
    int ue() {
        int leadingZeros = 0;
        while (bit() == 0) {
            if (++leadingZeros > 31) {
                throw new IllegalArgumentException("SPS Exp-Golomb code too long");
            }
        }
        long value = (1L << leadingZeros) - 1 + bits(leadingZeros);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SPS Exp-Golomb value too large");
        }
        return (int) value;
    }

    /** Signed Exp-Golomb code se(v), §9.1.1. */
    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
