package io.glass2glass.media.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conversions between the two framings of an H.264 NAL unit stream: the byte stream format with
 * start codes (ITU-T H.264 Annex B), which encoders emit, and 4-byte length prefixes
 * (ISO/IEC 14496-15 §5.3.2), which MP4 samples and FLV tags carry.
 */
public final class AnnexB {

    private static final int LENGTH_SIZE = 4;

    private AnnexB() {
    }

    /**
     * The NAL units of an Annex B byte stream, without start codes (3- or 4-byte) and without the
     * trailing zero bytes that Annex B allows between NAL units (H.264 §B.1.1).
     *
     * @throws IllegalArgumentException if non-zero bytes come before the first start code
     */
    public static List<byte[]> splitNalUnits(byte[] annexB) {
        List<byte[]> units = new ArrayList<>();
        int start = nextStartCode(annexB, 0);
        for (int i = 0; i < (start < 0 ? annexB.length : start); i++) {
            if (annexB[i] != 0) {
                throw new IllegalArgumentException("not an Annex B byte stream: data before the first start code");
            }
        }
        while (start >= 0) {
            int payload = start + 3;
            int next = nextStartCode(annexB, payload);
            int end = next < 0 ? annexB.length : next;
            // A 4-byte start code's leading zero and trailing_zero_8bits belong to no NAL unit.
            while (end > payload && annexB[end - 1] == 0) {
                end--;
            }
            if (end > payload) {
                units.add(Arrays.copyOfRange(annexB, payload, end));
            }
            start = next;
        }
        return units;
    }

    /** Rewrites an Annex B byte stream with a 4-byte big-endian length before each NAL unit. */
    public static byte[] toLengthPrefixed(byte[] annexB) {
        return lengthPrefixed(splitNalUnits(annexB));
    }

    /** Joins NAL units, each after its 4-byte big-endian length. */
    public static byte[] lengthPrefixed(List<byte[]> nalUnits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] unit : nalUnits) {
            int n = unit.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.write(unit, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * The NAL units of a sample framed with 4-byte big-endian lengths.
     *
     * @throws IllegalArgumentException if a length is zero, is truncated or runs past the end of
     *     the data; checked before the unit is copied, so nothing larger than the input is allocated
     */
    public static List<byte[]> splitLengthPrefixed(byte[] data) {
        List<byte[]> units = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            if (data.length - at < LENGTH_SIZE) {
                throw new IllegalArgumentException("truncated NAL unit length at offset " + at);
            }
            long length = (data[at] & 0xFFL) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF;
            at += LENGTH_SIZE;
            if (length == 0 || length > data.length - at) {
                throw new IllegalArgumentException(
                        "NAL unit length " + length + " at offset " + (at - LENGTH_SIZE) + " with " + (data.length - at) + " bytes left");
            }
            units.add(Arrays.copyOfRange(data, at, at + (int) length));
            at += (int) length;
        }
        return units;
    }

    /** Offset of the next 0x000001 at or after {@code from}, or -1. */
    private static int nextStartCode(byte[] data, int from) {
        for (int i = from; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }
}
