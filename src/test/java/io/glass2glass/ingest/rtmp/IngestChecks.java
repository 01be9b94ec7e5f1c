package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.Ladder;
import io.glass2glass.media.Rendition;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.testing.ExternalTool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the RTMP end-to-end tests check on an ingested stream, the server's failure counters and its log. */
final class IngestChecks {

    private static final Pattern FAILURE = Pattern.compile("(?m)^g2g_rtmp_failures_total\\{cause=\"([^\"]+)\"\\} (\\S+)$");

    private IngestChecks() {}

    /** Segments of the stream's rendition with fewest, 0 until every ladder rendition is known. */
    static int minSegments(LiveStreams streams, Ladder ladder, String stream) {
        StreamIndex index = streams.find(stream).orElse(null);
        if (index == null) {
            return 0;
        }
        StreamIndex.Snapshot snap = index.snapshot();
        if (snap.renditions().size() < ladder.video().size() + (ladder.audio() == null ? 0 : 1)) {
            return 0;
        }
        return snap.renditions().stream().mapToInt(r -> r.segments().size()).min().orElse(0);
    }

    /** Waits until every rendition of the stream has {@code count} segments; {@code diagnostics} explains a timeout. */
    static void awaitSegments(LiveStreams streams, Ladder ladder, String stream, int count, int seconds,
            Supplier<String> diagnostics) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (minSegments(streams, ladder, stream) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream " + stream + " has not " + count + " segments on every rendition after "
                        + seconds + " s; " + diagnostics.get());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Debian's ffmpeg reads the stream's HLS multivariant playlist from the origin and decodes two
     * seconds of every variant: each ladder rung must come out at its size with at least 30 frames,
     * and the audio with at least 20.
     */
    static void assertEveryRungDecodes(int originPort, String stream, Ladder ladder) throws Exception {
        ExternalTool.Result r = ExternalTool.run(60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-i", "http://127.0.0.1:" + originPort + "/live/" + stream + "/master.m3u8",
                "-map", "0:v", "-map", "0:a", "-t", "2", "-f", "framemd5", "-");
        assertEquals(0, r.exitCode(), "ffmpeg exit code; stderr:\n" + r.stderr());
        Map<String, String> dimensionsByStream = new HashMap<>();
        Matcher dims = Pattern.compile("(?m)^#dimensions (\\d+): (\\d+x\\d+)$").matcher(r.stdout());
        while (dims.find()) {
            dimensionsByStream.put(dims.group(1), dims.group(2));
        }
        Set<String> audioStreams = new HashSet<>();
        Matcher media = Pattern.compile("(?m)^#media_type (\\d+): audio$").matcher(r.stdout());
        while (media.find()) {
            audioStreams.add(media.group(1));
        }
        Map<String, Integer> frames = new HashMap<>();
        Matcher frame = Pattern.compile("(?m)^(\\d+),").matcher(r.stdout());
        while (frame.find()) {
            frames.merge(frame.group(1), 1, Integer::sum);
        }
        for (Rendition rung : ladder.video()) {
            String size = rung.width() + "x" + rung.height();
            String s = dimensionsByStream.entrySet().stream().filter(e -> e.getValue().equals(size)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("no decoded stream at " + size + " in " + dimensionsByStream));
            assertTrue(frames.getOrDefault(s, 0) >= 30, size + " decoded frames: " + frames.get(s));
        }
        if (ladder.audio() != null) {
            assertTrue(audioStreams.stream().anyMatch(s -> frames.getOrDefault(s, 0) >= 20), "audio frames decoded: " + frames);
        }
    }

    /** The server's g2g_rtmp_failures_total by cause, as its Prometheus text says. */
    static Map<String, Double> failures(RtmpServer server) {
        PrometheusText text = new PrometheusText();
        server.writePrometheus(text);
        Map<String, Double> byCause = new HashMap<>();
        Matcher m = FAILURE.matcher(text.toString());
        while (m.find()) {
            byCause.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return byCause;
    }

    /**
     * Waits (the count can follow the close by a moment) until the failures since {@code before}
     * are exactly one of {@code cause}, and fails when they are anything else.
     */
    static void assertOneFailure(RtmpServer server, Map<String, Double> before, String cause, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (deltaSince(server, before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(50); // a second count for the same connection would show up by now
        assertEquals(Map.of(cause, 1.0), deltaSince(server, before), what + ": failures by cause");
    }

    private static Map<String, Double> deltaSince(RtmpServer server, Map<String, Double> before) {
        Map<String, Double> delta = new HashMap<>();
        for (Map.Entry<String, Double> e : failures(server).entrySet()) {
            double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (d != 0) {
                delta.put(e.getKey(), d);
            }
        }
        return delta;
    }

    /** Collects the RTMP server's log lines (System.Logger, which goes to java.util.logging here). */
    static final class ServerLog extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger(RtmpServer.class.getName());
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        ServerLog() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        /** Waits up to 3 s for a line containing {@code fragment}. */
        void assertLogged(String fragment, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(l -> l.contains(fragment))) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError(what + ": no log line containing '" + fragment + "' in " + lines);
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
