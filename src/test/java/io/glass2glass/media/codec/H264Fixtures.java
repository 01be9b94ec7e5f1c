package io.glass2glass.media.codec;

import java.util.HexFormat;

/** Parameter sets libx264 wrote for the tests (ffmpeg's testsrc2 through libx264, raw H.264 output). */
public final class H264Fixtures {

    private static final HexFormat HEX = HexFormat.of();

    /** 1280x720 High profile level 3.1, 4:2:0 8-bit. */
    public static final byte[] HIGH_SPS = HEX.parseHex("6764001facd9405005bb0110000003001000000303c0f1831960");
    public static final byte[] HIGH_PPS = HEX.parseHex("68ebe3cb22c0");

    /** 320x240 Constrained Baseline level 1.3. */
    public static final byte[] BASELINE_SPS = HEX.parseHex("6742c00dd90141fb0110000003001000000303c0f142a480");
    public static final byte[] BASELINE_PPS = HEX.parseHex("68cb83cb20");

    /** 320x240 High 4:2:2 profile level 1.3, 10-bit (-pix_fmt yuv422p10le). */
    public static final byte[] HIGH_422_10BIT_SPS = HEX.parseHex("677a000db6cd94141fb0110000030001000003003c0f142996");

    /** A short SEI NAL unit, which avcC must not carry. */
    public static final byte[] SEI = HEX.parseHex("0605011080");

    private H264Fixtures() {
    }

    /** x264-style global header: 4-byte start codes before SPS and PPS, a 3-byte one before the SEI. */
    public static byte[] highProfileExtradata() {
        return concat(HEX.parseHex("00000001"), HIGH_SPS, HEX.parseHex("00000001"), HIGH_PPS, HEX.parseHex("000001"), SEI);
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
