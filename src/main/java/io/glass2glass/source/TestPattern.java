package io.glass2glass.source;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders the synthetic source's pictures in I420: colour bars scrolling sideways, a bouncing
 * gradient square (motion an encoder has to work for), and the capture wall-clock time and frame
 * counter burned in, so a viewer or a screenshot shows the glass-to-glass latency directly.
 */
public final class TestPattern {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    // BT.601 limited-range Y, U, V of the classic 75% bars: white, yellow, cyan, green, magenta, red, blue.
    private static final int[][] BARS = {
        {180, 128, 128}, {162, 44, 142}, {131, 156, 44}, {112, 72, 58}, {84, 184, 198}, {65, 100, 212}, {35, 212, 114},
    };

    private final int width;
    private final int height;
    private final byte[] barsY;
    private final byte[] barsU;
    private final byte[] barsV;
    private final byte[] square;
    private final int squareSize;

    public TestPattern(int width, int height) {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("picture size must be positive and even: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        // Rows twice as wide as the picture so a scrolled row is one contiguous copy.
        barsY = new byte[width * 2];
        barsU = new byte[width];
        barsV = new byte[width];
        for (int x = 0; x < width * 2; x++) {
            int[] bar = BARS[(x % width) * BARS.length / width];
            barsY[x] = (byte) bar[0];
            if (x % 2 == 0) {
                barsU[x / 2] = (byte) bar[1];
                barsV[x / 2] = (byte) bar[2];
            }
        }
        squareSize = Math.max(16, (height / 4) & ~1);
        square = new byte[squareSize * squareSize];
        for (int y = 0; y < squareSize; y++) {
            for (int x = 0; x < squareSize; x++) {
                square[y * squareSize + x] = (byte) (16 + (x + y) * 219 / (2 * squareSize));
            }
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Renders frame {@code frameNumber}, captured at {@code captureTimeMicros}, into a new I420 buffer. */
    public byte[] render(long frameNumber, long captureTimeMicros) {
        byte[] out = new byte[width * height * 3 / 2];
        int lumaShift = (int) ((frameNumber * 4) % width) & ~1;
        int chromaWidth = width / 2;
        int chromaHeight = height / 2;
        int uBase = width * height;
        int vBase = uBase + chromaWidth * chromaHeight;
        for (int y = 0; y < height; y++) {
            System.arraycopy(barsY, lumaShift, out, y * width, width);
        }
        int chromaShift = lumaShift / 2;
        for (int y = 0; y < chromaHeight; y++) {
            int row = y * chromaWidth;
            int first = chromaWidth - chromaShift;
            System.arraycopy(barsU, chromaShift, out, uBase + row, first);
            System.arraycopy(barsU, 0, out, uBase + row + first, chromaShift);
            System.arraycopy(barsV, chromaShift, out, vBase + row, first);
            System.arraycopy(barsV, 0, out, vBase + row + first, chromaShift);
        }
        drawSquare(out, frameNumber);
        int scale = Math.max(2, height / 120);
        String clock = CLOCK.format(Instant.ofEpochSecond(captureTimeMicros / 1_000_000, (captureTimeMicros % 1_000_000) * 1000));
        BitmapFont.draw(out, width, height, 2 * scale, 2 * scale, clock, scale, (byte) 235, (byte) 16);
        BitmapFont.draw(out, width, height, 2 * scale, 12 * scale, String.format("F%09d", frameNumber), scale, (byte) 235, (byte) 16);
        neutralChroma(out, 0, 0, Math.min(width, BitmapFont.width(clock, scale) + 4 * scale), 21 * scale);
        return out;
    }

    private void drawSquare(byte[] out, long frameNumber) {
        int rangeX = width - squareSize;
        int rangeY = height - squareSize;
        int x = bounce(frameNumber * 6, rangeX) & ~1;
        int y = bounce(frameNumber * 4, rangeY) & ~1;
        for (int row = 0; row < squareSize; row++) {
            System.arraycopy(square, row * squareSize, out, (y + row) * width + x, squareSize);
        }
        neutralChroma(out, x, y, squareSize, squareSize);
    }

    private void neutralChroma(byte[] out, int x, int y, int w, int h) {
        int cw = width / 2;
        int uBase = width * height;
        int vBase = uBase + cw * (height / 2);
        for (int row = y / 2; row < Math.min(height / 2, (y + h) / 2); row++) {
            int from = row * cw + x / 2;
            int to = row * cw + Math.min(cw, (x + w) / 2);
            java.util.Arrays.fill(out, uBase + from, uBase + to, (byte) 128);
            java.util.Arrays.fill(out, vBase + from, vBase + to, (byte) 128);
        }
    }

    private static int bounce(long position, int range) {
        if (range <= 0) {
            return 0;
        }
        long p = position % (2L * range);
        return (int) (p < range ? p : 2L * range - p);
    }
}
