package io.glass2glass.bench.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * How fast one stream's segments appear, from successive polls of its HLS media playlist (RFC 8216
 * §4.3.3.2 EXT-X-MEDIA-SEQUENCE, §4.3.2.1 EXTINF): the media seconds published so far, against the
 * wall clock. The slope of a least-squares line through the polls is the stream's real-time ratio
 * (1.0 keeps up; below 1 it falls behind), insensitive to where each poll falls within a segment.
 */
final class SegmentClock {

    private long lastNumber = -1;
    private double mediaSeconds;
    private final List<double[]> points = new ArrayList<>();
    private int failedPolls;

    /** Adds one poll made at {@code wallSeconds}; a playlist that cannot be read (null) or lists nothing counts as failed. */
    void poll(double wallSeconds, String playlist) {
        long sequence = -1;
        List<Double> durations = new ArrayList<>();
        for (String line : playlist == null ? new String[0] : playlist.split("\n")) {
            line = line.trim();
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = Long.parseLong(line.substring("#EXT-X-MEDIA-SEQUENCE:".length()).trim());
            } else if (line.startsWith("#EXTINF:")) {
                String d = line.substring("#EXTINF:".length());
                int comma = d.indexOf(',');
                durations.add(Double.parseDouble(comma < 0 ? d : d.substring(0, comma)));
            }
        }
        if (sequence < 0 || durations.isEmpty()) {
            failedPolls++;
            return;
        }
        long newest = sequence + durations.size() - 1;
        if (lastNumber >= 0) {
            // Segments that slid out of the window between two polls count at the oldest listed duration.
            for (long n = lastNumber + 1; n < sequence; n++) {
                mediaSeconds += durations.get(0);
            }
            for (int i = 0; i < durations.size(); i++) {
                if (sequence + i > lastNumber) {
                    mediaSeconds += durations.get(i);
                }
            }
        }
        lastNumber = Math.max(lastNumber, newest);
        points.add(new double[] {wallSeconds, mediaSeconds});
    }

    /** Media seconds per wall second over the polls; NaN with fewer than three. */
    double realTimeRatio() {
        int n = points.size();
        if (n < 3) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0] / n;
            my += p[1] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** How far the stream fell behind the wall clock between the first and the last poll, in seconds. */
    double lagGrowthSeconds() {
        if (points.size() < 2) {
            return Double.NaN;
        }
        double[] a = points.get(0);
        double[] b = points.get(points.size() - 1);
        return (b[0] - a[0]) - (b[1] - a[1]);
    }

    int failedPolls() {
        return failedPolls;
    }
}
