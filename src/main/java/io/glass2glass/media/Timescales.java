package io.glass2glass.media;

/** The clocks and frame lengths every stage agrees on, so a sample's times mean the same from source to packager. */
public final class Timescales {

    /** MPEG's 90 kHz clock (ISO/IEC 13818-1 §2.4.2.2) for video: every millisecond stamp and frame rate up to 120 fps fits it exactly enough. */
    public static final int VIDEO = 90_000;
    /** Samples per AAC frame (ISO/IEC 14496-3 §4.5.1.1, frameLengthFlag 0): raw audio moves in blocks of one frame, so the encoder never re-buffers. */
    public static final int AAC_FRAME_SAMPLES = 1024;

    private Timescales() {}
}
