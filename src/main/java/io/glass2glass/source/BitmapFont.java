package io.glass2glass.source;

/**
 * A 5x7 pixel font for the characters a clock and a frame counter need, drawn straight into the
 * luma plane of an I420 picture (no AWT: rendering stays cheap enough for 1080p in real time).
 */
final class BitmapFont {

    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 7;
    private static final String CHARS = "0123456789:-.TZ #F";
    // One string per glyph: 7 rows of 5 bits, '1' = ink.
    private static final String[] GLYPHS = {
        "01110100011001110101110011000101110", // 0
        "00100011000010000100001000010001110", // 1
        "01110100010000100010001000100011111", // 2
        "11111000100010000010000011000101110", // 3
        "00010001100101010010111110001000010", // 4
        "11111100001111000001000011000101110", // 5
        "00110010001000011110100011000101110", // 6
        "11111000010001000100010000100001000", // 7
        "01110100011000101110100011000101110", // 8
        "01110100011000101111000010001001100", // 9
        "00000011000110000000011000110000000", // :
        "00000000000000011111000000000000000", // -
        "00000000000000000000000000110001100", // .
        "11111001000010000100001000010000100", // T
        "11111000010001000100010001000011111", // Z
        "00000000000000000000000000000000000", // space
        "01010111110101001010111110101001010", // #
        "11111100001000011110100001000010000", // F
    };

    private BitmapFont() {}

    /** Width in pixels of {@code text} drawn at {@code scale}, including one column of spacing per glyph. */
    static int width(String text, int scale) {
        return text.length() * (GLYPH_WIDTH + 1) * scale;
    }

    /**
     * Draws {@code text} into a luma plane with ink {@code fg} on a box of {@code bg}; characters
     * outside the font draw as blanks. Clipped to the plane.
     */
    static void draw(byte[] luma, int stride, int planeHeight, int x0, int y0, String text, int scale, byte fg, byte bg) {
        int boxW = width(text, scale) + scale;
        int boxH = (GLYPH_HEIGHT + 2) * scale;
        for (int y = Math.max(0, y0 - scale); y < Math.min(planeHeight, y0 - scale + boxH); y++) {
            int from = Math.max(0, x0 - scale);
            int to = Math.min(stride, from + boxW);
            java.util.Arrays.fill(luma, y * stride + from, y * stride + to, bg);
        }
        for (int i = 0; i < text.length(); i++) {
            int g = CHARS.indexOf(text.charAt(i));
            if (g < 0) {
                continue;
            }
            String glyph = GLYPHS[g];
            int gx = x0 + i * (GLYPH_WIDTH + 1) * scale;
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if (glyph.charAt(row * GLYPH_WIDTH + col) != '1') {
                        continue;
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        int y = y0 + row * scale + dy;
                        if (y < 0 || y >= planeHeight) {
                            continue;
                        }
                        int x = gx + col * scale;
                        int from = Math.max(0, x);
                        int to = Math.min(stride, x + scale);
                        if (from < to) {
                            java.util.Arrays.fill(luma, y * stride + from, y * stride + to, fg);
                        }
                    }
                }
            }
        }
    }
}
