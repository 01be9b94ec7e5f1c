package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.Ladder;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.packager.origin.OriginOptions;
import io.glass2glass.storage.MemorySegmentStore;
import io.glass2glass.testing.ExternalTool;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Debian's ffmpeg publishes over RTMP (Adobe RTMP spec 1.0 §5.2 handshake, §7.2.2.6 publish) into an
 * {@link RtmpServer}; the stream is played back as HLS from an {@link Origin}, while malformed
 * connections are closed one by one without disturbing it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtmpIngestEndToEndTest {

    private Vertx vertx;
    private LiveStreams streams;
    private RtmpServer rtmp;
    private Origin origin;
    private Process publisher;
    private File publisherLog;

    @BeforeAll
    void start() throws Exception {
        String ffmpeg = ExternalTool.require("ffmpeg");
        vertx = Vertx.vertx();
        streams = new LiveStreams();
        MemorySegmentStore store = new MemorySegmentStore();
        rtmp = new RtmpServer(streams, store, "default", RtmpIngestOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(rtmp));
        origin = new Origin(streams, store, List.<MetricsSource>of(rtmp), OriginOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(origin));
        publisherLog = File.createTempFile("g2g-rtmp-publisher-", ".log");
        publisher = new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-c:a", "aac", "-t", "22",
                "-f", "flv", "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/test")
                .redirectErrorStream(true).redirectOutput(publisherLog)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (publisher != null) {
            publisher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (publisherLog != null) {
            publisherLog.delete();
        }
    }

    @Test
    void ffmpegPublisherIsPackagedAndPlayableAsHls() throws Exception {
        awaitSegments(2, 25);
        ExternalTool.Result r = ExternalTool.run(60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-i", "http://127.0.0.1:" + origin.actualPort() + "/live/test/master.m3u8",
                "-map", "0:v", "-map", "0:a", "-t", "2", "-f", "framemd5", "-");
        assertEquals(0, r.exitCode(), "ffmpeg exit code; stderr:\n" + r.stderr());
        Map<String, String> dimensionsByStream = new HashMap<>();
        Set<String> audioStreams = new HashSet<>();
        Matcher dims = Pattern.compile("(?m)^#dimensions (\\d+): (\\d+x\\d+)$").matcher(r.stdout());
        while (dims.find()) {
            dimensionsByStream.put(dims.group(1), dims.group(2));
        }
        Matcher media = Pattern.compile("(?m)^#media_type (\\d+): audio$").matcher(r.stdout());
        while (media.find()) {
            audioStreams.add(media.group(1));
        }
        Map<String, Integer> frames = new HashMap<>();
        Matcher frame = Pattern.compile("(?m)^(\\d+),").matcher(r.stdout());
        while (frame.find()) {
            frames.merge(frame.group(1), 1, Integer::sum);
        }
        for (String size : List.of("1280x720", "854x480", "640x360")) {
            String stream = dimensionsByStream.entrySet().stream().filter(e -> e.getValue().equals(size)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("no decoded stream at " + size + " in " + dimensionsByStream));
            assertTrue(frames.getOrDefault(stream, 0) >= 30, size + " decoded frames: " + frames.get(stream));
        }
        assertTrue(audioStreams.stream().anyMatch(s -> frames.getOrDefault(s, 0) >= 20), "audio frames decoded: " + frames);
        PrometheusText metrics = new PrometheusText();
        rtmp.writePrometheus(metrics);
        assertTrue(metrics.toString().contains("g2g_rtmp_media_messages_in_total{stream=\"test\"}"), metrics.toString());
    }

    @Test
    void malformedConnectionsAreClosedWhileTheGoodPublisherCarriesOn() throws Exception {
        awaitSegments(1, 25);
        int before = minSegments();

        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        random[0] = 'G';
        assertClosedByServer("random bytes", random, false);

        byte[] truncated = new byte[700];
        truncated[0] = 3;
        assertClosedByServer("truncated handshake", truncated, true);

        byte[] version6 = new byte[1537];
        version6[0] = 6;
        assertClosedByServer("C0 version 6", version6, false);

        try (Socket s = new Socket("127.0.0.1", rtmp.actualPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] c0c1 = new byte[1537];
            c0c1[0] = 3;
            out.write(c0c1);
            byte[] s0s1s2 = in.readNBytes(3073);
            assertEquals(3073, s0s1s2.length, "S0S1S2");
            out.write(s0s1s2, 1, 1536);
            // Chunk basic header fmt 0 csid 3, message length 0xFFFFFF (16 MB), type 20 (AMF0 command), stream 0.
            out.write(new byte[] {3, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 20, 0, 0, 0, 0});
            out.flush();
            assertEof("16 MB message", in);
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (minSegments() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(minSegments() >= before + 2, "the good stream kept producing segments: " + before + " → " + minSegments());
        PrometheusText metrics = new PrometheusText();
        rtmp.writePrometheus(metrics);
        assertTrue(metrics.toString().contains("g2g_rtmp_failures_total{cause=\"handshake\"}"), metrics.toString());
        assertTrue(metrics.toString().contains("g2g_rtmp_failures_total{cause=\"chunk\"}"), metrics.toString());
    }

    @Test
    void secondPublisherToALiveStreamIsRefused() throws Exception {
        awaitSegments(1, 25);
        ExternalTool.Result r = ExternalTool.run(20, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-c:v", "libx264", "-t", "2",
                "-f", "flv", "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/test");
        assertTrue(r.exitCode() != 0, "the second publisher was refused; stderr:\n" + r.stderr());
        assertTrue(publisher.isAlive(), "the first publisher carries on");
        PrometheusText metrics = new PrometheusText();
        rtmp.writePrometheus(metrics);
        assertTrue(metrics.toString().contains("g2g_rtmp_failures_total{cause=\"busy\"}"), metrics.toString());
    }

    @Test
    void unknownKeyIsDeniedWhenAKeysFileIsConfigured() throws Exception {
        java.nio.file.Path keys = java.nio.file.Files.createTempFile("g2g-rtmp-keys-", ".txt");
        try {
            java.nio.file.Files.writeString(keys, "# key stream\nsecret-key-1 cam1\n");
            RtmpServer keyed = new RtmpServer(new LiveStreams(), new MemorySegmentStore(), "default",
                    RtmpIngestOptions.of("127.0.0.1", 0).withKeysFile(keys));
            String id = await(vertx.deployVerticle(keyed));
            try {
                ExternalTool.Result r = ExternalTool.run(20, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-c:v", "libx264", "-t", "2",
                        "-f", "flv", "rtmp://127.0.0.1:" + keyed.actualPort() + "/live/wrong-key");
                assertTrue(r.exitCode() != 0, "the unknown key was denied; stderr:\n" + r.stderr());
                PrometheusText metrics = new PrometheusText();
                keyed.writePrometheus(metrics);
                assertTrue(metrics.toString().contains("g2g_rtmp_failures_total{cause=\"denied\"}"), metrics.toString());
                assertEquals("sec…", RtmpServer.redact("secret-key-1"));
            } finally {
                await(vertx.undeploy(id));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(keys);
        }
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        RtmpServer quick = new RtmpServer(new LiveStreams(), new MemorySegmentStore(), "default",
                RtmpIngestOptions.of("127.0.0.1", 0).withIdleSeconds(1).withQueueCapacity(16));
        String id = await(vertx.deployVerticle(quick));
        try (Socket s = new Socket("127.0.0.1", quick.actualPort())) {
            s.setSoTimeout(5000);
            assertEof("idle connection", s.getInputStream());
        } finally {
            await(vertx.undeploy(id));
        }
    }

    private void assertClosedByServer(String what, byte[] data, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", rtmp.actualPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(data);
            s.getOutputStream().flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            assertEof(what, s.getInputStream());
        }
    }

    private static void assertEof(String what, InputStream in) throws IOException {
        try {
            byte[] buf = new byte[8192];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                if (in.read(buf) < 0) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(what + ": the server did not close the connection", e);
        } catch (IOException e) {
            return; // reset by the server: closed as well
        }
        throw new AssertionError(what + ": the server kept the connection open");
    }

    private void awaitSegments(int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (minSegments() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream test has not " + count + " segments on every rendition; publisher: "
                        + java.nio.file.Files.readString(publisherLog.toPath()));
            }
            Thread.sleep(200);
        }
    }

    /** Segments of the rendition with fewest, 0 until every ladder rendition is known. */
    private int minSegments() {
        StreamIndex index = streams.find("test").orElse(null);
        if (index == null) {
            return 0;
        }
        StreamIndex.Snapshot snap = index.snapshot();
        Ladder ladder = rtmp.ladder();
        if (snap.renditions().size() < ladder.video().size() + 1) {
            return 0;
        }
        return snap.renditions().stream().mapToInt(r -> r.segments().size()).min().orElse(0);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
