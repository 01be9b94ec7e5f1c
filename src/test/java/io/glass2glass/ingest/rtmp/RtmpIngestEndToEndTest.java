package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.encode.LadderConfig;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.packager.origin.OriginOptions;
import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.storage.MemorySegmentStore;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.ExternalTool;
import io.glass2glass.testing.PackagingIngest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Debian's ffmpeg publishes over RTMP (Adobe RTMP spec 1.0 §5.2 handshake, §7.2.2.6 publish) into an
 * {@link RtmpServer}; the stream is played back as HLS from an {@link Origin}, while malformed
 * connections are closed one by one without disturbing it.
 */
@EndToEnd
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
        rtmp = PackagingIngest.server(streams, store, "default", RtmpIngestOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(rtmp));
        origin = new Origin(streams, store, List.<MetricsSource>of(rtmp), OriginOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(origin));
        publisherLog = File.createTempFile("g2g-rtmp-publisher-", ".log");
        publisher = new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-c:a", "aac", "-t", "60",
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
        IngestChecks.assertEveryRungDecodes(origin.actualPort(), "test", LadderConfig.load("default"));
        PrometheusText metrics = new PrometheusText();
        rtmp.writePrometheus(metrics);
        assertTrue(metrics.toString().contains("g2g_rtmp_media_messages_in_total{stream=\"test\"}"), metrics.toString());
    }

    /** A hostile or broken connection: what it sends, and the failure cause and log line it must cause. */
    private record BadInput(String name, boolean handshake, byte[] bytes, boolean halfClose, String cause, String logged) {}

    @Test
    void badInputClosesOnlyItsConnectionWithACauseAndALogLineWhileTheGoodPublisherCarriesOn() throws Exception {
        awaitSegments(1, 25);
        int before = minSegments();

        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        random[0] = 'G';
        byte[] truncated = new byte[700];
        truncated[0] = 3;
        byte[] version6 = new byte[1537];
        version6[0] = 6;
        byte[] connectName = {2, 0, 7, 'c', 'o', 'n', 'n', 'e', 'c', 't'};
        byte[] transactionOne = {0, 0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0};
        List<BadInput> cases = List.of(
                new BadInput("random bytes", false, random, false, "handshake", "handshake failed"),
                new BadInput("truncated handshake", false, truncated, true, "handshake", "disconnected during the handshake"),
                new BadInput("C0 version 6", false, version6, false, "handshake", "handshake failed"),
                // The 3-byte length field's maximum, 16 MB, over the 8 MB limit: only the header is sent,
                // so a close proves the length was refused before any payload was awaited or allocated.
                new BadInput("16 MB message", true, bytes(3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 20, 0, 0, 0, 0), false,
                        "chunk", "exceeds the limit"),
                // "2 GB": Set Chunk Size 0x7FFFFFFF, the largest the spec allows (§5.4.1), over the 16 MB cap.
                new BadInput("2 GB chunk size", true, RawRtmpClient.message(2, 1, 0, bytes(0x7F, 0xFF, 0xFF, 0xFF)), false,
                        "chunk", "Set Chunk Size 2147483647"),
                // Formats 1-3 reuse the header of an earlier chunk on their chunk stream (§5.3.1.2): none was sent.
                new BadInput("format 1 on a new chunk stream", true, bytes(0x45, 0, 0, 0, 0, 0, 4, 20, 1, 2, 3, 4), false,
                        "chunk", "format 1 chunk on chunk stream 5 without a previous header"),
                new BadInput("format 2 on a new chunk stream", true, bytes(0x86, 0, 0, 0, 1, 2, 3, 4), false,
                        "chunk", "format 2 chunk on chunk stream 6 without a previous header"),
                new BadInput("format 3 on a new chunk stream", true, bytes(0xC7, 1, 2, 3, 4), false,
                        "chunk", "format 3 chunk on chunk stream 7 without a previous header"),
                // AMF0 string "connect" whose declared length runs past the message.
                new BadInput("AMF string overrunning its command", true,
                        RawRtmpClient.message(3, 20, 0, bytes(2, 0xFF, 0xFF, 'c', 'o', 'n')), false, "protocol", "malformed message"),
                // "connect", 1, then a value with marker 0x42, which AMF0 does not define.
                new BadInput("unknown AMF marker", true,
                        RawRtmpClient.message(3, 20, 0, concat(connectName, transactionOne, bytes(0x42, 0, 0))), false,
                        "protocol", "malformed message"),
                new BadInput("publish before connect", true,
                        RawRtmpClient.command(0, "publish", 5, new Amf0String("test2"), new Amf0String("live")), false,
                        "protocol", "publish before connect"));

        try (IngestChecks.ServerLog log = new IngestChecks.ServerLog()) {
            for (BadInput bad : cases) {
                Map<String, Double> failuresBefore = IngestChecks.failures(rtmp);
                try (RawRtmpClient c = bad.handshake() ? RawRtmpClient.handshaken(rtmp.actualPort()) : RawRtmpClient.open(rtmp.actualPort())) {
                    c.write(bad.bytes());
                    if (bad.halfClose()) {
                        c.shutdownOutput();
                    }
                    c.readUntilClosed(bad.name());
                }
                IngestChecks.assertOneFailure(rtmp, failuresBefore, bad.cause(), bad.name());
                log.assertLogged(bad.logged(), bad.name());
                assertTrue(publisher.isAlive(), bad.name() + ": the good publisher is still connected");
            }
        }

        awaitSegments(before + 2, 15);
        assertTrue(publisher.isAlive(), "the good publisher is still connected");
    }

    @Test
    void unsupportedCodecsGetPublishFailedAndAreDisconnectedWhileTheGoodPublisherCarriesOn() throws Exception {
        awaitSegments(1, 25);
        int before = minSegments();

        // Our own client reads the answer: after publish, a Sorenson H.263 keyframe (FLV codec id 2), or an
        // MP3 frame (sound format 2; 44 kHz, 16-bit, stereo).
        Map<String, byte[]> tags = Map.of("Sorenson H.263", RawRtmpClient.message(4, 9, 1, concat(bytes(0x12), new byte[32])),
                "MP3", RawRtmpClient.message(4, 8, 1, concat(bytes(0x2F, 0xFF, 0xFB, 0x90, 0x64), new byte[32])));
        for (Map.Entry<String, byte[]> tag : tags.entrySet()) {
            Map<String, Double> failuresBefore = IngestChecks.failures(rtmp);
            byte[] received;
            try (RawRtmpClient c = RawRtmpClient.handshaken(rtmp.actualPort())) {
                c.write(RawRtmpClient.connect("live"), RawRtmpClient.command(0, "createStream", 2),
                        RawRtmpClient.command(1, "publish", 3, new Amf0String("raw-" + tag.getKey().replaceAll("[^A-Za-z0-9]", "")), new Amf0String("live")),
                        tag.getValue());
                received = c.readUntilClosed(tag.getKey() + " publisher");
            }
            IngestChecks.assertOneFailure(rtmp, failuresBefore, "unsupported", tag.getKey() + " publisher");
            Amf0Object status = RawRtmpClient.commands(received).stream().filter(m -> m.name().equals("onStatus"))
                    .map(m -> (Amf0Object) m.arguments().get(0)).filter(o -> o.string("level").orElse("").equals("error"))
                    .findFirst().orElseThrow(() -> new AssertionError("no error onStatus in " + RawRtmpClient.commands(received)));
            assertEquals(Optional.of("NetStream.Publish.Failed"), status.string("code"), tag.getKey());
            assertTrue(status.string("description").orElse("").contains(tag.getKey()), "reason: " + status);
        }

        // Debian's ffmpeg: Sorenson H.263 video, then H.264 with MP3 audio; each would publish for 10 s.
        // The server keeps the connection open a moment after the status, so ffmpeg reads it (and
        // says why) instead of hitting a reset.
        List<List<String>> unsupported = List.of(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-c:v", "flv", "-an"),
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=44100",
                        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libmp3lame"));
        List<String> reasons = List.of("FLV video codec id 2 (Sorenson H.263) is not supported", "FLV sound format 2 (MP3) is not supported");
        try (IngestChecks.ServerLog log = new IngestChecks.ServerLog()) {
            for (int i = 0; i < unsupported.size(); i++) {
                Map<String, Double> failuresBefore = IngestChecks.failures(rtmp);
                List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re"));
                cmd.addAll(unsupported.get(i));
                cmd.addAll(List.of("-t", "10", "-f", "flv", "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/unsupported" + i));
                long started = System.nanoTime();
                ExternalTool.Result r = ExternalTool.run(20, cmd.toArray(String[]::new));
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                assertTrue(r.exitCode() != 0, reasons.get(i) + ": ffmpeg was refused; stderr:\n" + r.stderr());
                assertTrue(seconds < 8, reasons.get(i) + ": disconnected, not left publishing (" + seconds + " s)");
                assertTrue(r.stderr().contains(reasons.get(i)), "ffmpeg read the onStatus and its reason; stderr:\n" + r.stderr());
                IngestChecks.assertOneFailure(rtmp, failuresBefore, "unsupported", reasons.get(i));
                log.assertLogged("rtmp stream unsupported" + i + ": " + reasons.get(i), reasons.get(i));
            }
        }

        awaitSegments(before + 1, 15);
        assertTrue(publisher.isAlive(), "the good publisher is still connected");
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
            RtmpServer keyed = PackagingIngest.server(new LiveStreams(), new MemorySegmentStore(), "default",
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
    void idleConnectionIsClosedAndCountedAsIdle() throws Exception {
        RtmpServer quick = PackagingIngest.server(new LiveStreams(), new MemorySegmentStore(), "default",
                RtmpIngestOptions.of("127.0.0.1", 0).withIdleSeconds(1).withQueueCapacity(16));
        String id = await(vertx.deployVerticle(quick));
        try (Socket s = new Socket("127.0.0.1", quick.actualPort())) {
            s.setSoTimeout(5000);
            assertEof("idle connection", s.getInputStream());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!IngestChecks.failures(quick).containsKey("idle") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(Map.of("idle", 1.0), IngestChecks.failures(quick), "closed for silence, not as a failed handshake");
        } finally {
            await(vertx.undeploy(id));
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
        IngestChecks.awaitSegments(streams, LadderConfig.load("default"), "test", count, seconds,
                () -> "publisher: " + readQuietly(publisherLog));
    }

    private int minSegments() {
        return IngestChecks.minSegments(streams, LadderConfig.load("default"), "test");
    }

    private static String readQuietly(File f) {
        try {
            return java.nio.file.Files.readString(f.toPath());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
