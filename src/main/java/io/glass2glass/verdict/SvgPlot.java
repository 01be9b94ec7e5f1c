package io.glass2glass.verdict;

import java.util.Locale;

/**
 * One chart's plotting area in inline SVG: the scale from data to pixels, with axes whose ticks are
 * round numbers (1, 2 or 5 times a power of ten) so a reader takes the values in at a glance.
 */
final class SvgPlot {

    final int width;
    final int height;
    private final int x0;
    private final int x1;
    private final int y0;
    private final int y1;
    private final double maxX;
    private final double stepX;
    private final double maxY;
    private final double stepY;

    /**
     * @param margins  left, right, top, bottom, in pixels
     * @param rawMaxX  the largest x to show; x ticks step by at least one (players and seconds are whole)
     * @param ticksX   about how many x ticks
     * @param rawMaxY  the largest y to show (y starts at 0)
     */
    SvgPlot(int width, int height, int[] margins, double rawMaxX, int ticksX, double rawMaxY) {
        this.width = width;
        this.height = height;
        this.x0 = margins[0];
        this.x1 = width - margins[1];
        this.y1 = margins[2];
        this.y0 = height - margins[3];
        this.stepX = Math.max(1, niceCeiling(rawMaxX / ticksX));
        this.maxX = Math.max(stepX, Math.ceil(rawMaxX / stepX) * stepX);
        this.stepY = niceCeiling(rawMaxY / 4);
        this.maxY = Math.max(stepY, Math.ceil(rawMaxY / stepY - 1e-9) * stepY);
    }

    double x(double v) {
        return x0 + (x1 - x0) * v / maxX;
    }

    double y(double v) {
        return y0 - (y0 - y1) * v / maxY;
    }

    double left() {
        return x0;
    }

    double right() {
        return x1;
    }

    double top() {
        return y1;
    }

    double bottom() {
        return y0;
    }

    /** Both axes, the y grid and tick labels, and {@code xLabel} under the x axis. */
    String axes(String xLabel) {
        StringBuilder g = new StringBuilder(line(x0, y0, x1, y0, "#9aa5b1", false)).append(line(x0, y0, x0, y1, "#9aa5b1", false));
        for (double v = 0; v <= maxY + stepY / 2; v += stepY) {
            double y = y(v);
            g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", x0 - 4, y + 4, format(v)));
            if (v > 0) {
                g.append(line(x0, y, x1, y, "#eef0f3", false));
            }
        }
        for (double v = 0; v <= maxX + stepX / 2; v += stepX) {
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x(v), y0 + 14, format(v)));
        }
        return g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", (x0 + x1) / 2,
                height - 4, xLabel)).toString();
    }

    static String line(double xa, double ya, double xb, double yb, String color, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>", xa, ya, xb, yb, color,
                dashed ? " stroke-dasharray=\"4 3\"" : "");
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 0.25;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick or table value: whole from 100 up, else two significant decimals at most. */
    static String format(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
