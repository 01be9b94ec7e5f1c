package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.glass2glass.encode.LadderConfig;
import io.glass2glass.media.Ladder;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.packager.origin.OriginOptions;
import io.glass2glass.storage.MemorySegmentStore;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.ExternalTool;
import io.glass2glass.testing.PackagingIngest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RTMP publishers on stacks other than Debian's ffmpeg CLI publish into one {@link RtmpServer}, and
 * each stream is decoded back from the origin's HLS at every rung: JavaCV's {@code FFmpegFrameRecorder}
 * (FFmpeg's RTMP client in-process), GStreamer's {@code rtmpsink} (librtmp, with the Flash Player 9
 * digest handshake) and {@code rtmp2sink} (GStreamer's own RTMP code). A publisher far faster than
 * real time overflows its queue and is dropped while a steady ffmpeg publisher carries on. The tiny
 * ladder keeps the encoding cheap: the publishers, not the ladder, are under test.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtmpPublishersEndToEndTest {

    /** Media messages queued per publisher: about 4 s of 30 fps video and 44.1 kHz AAC. */
    private static final int QUEUE_CAPACITY = 300;

    private Vertx vertx;
    private LiveStreams streams;
    private RtmpServer rtmp;
    private Ladder ladder;
    private Origin origin;
    private Process steady;
    private File steadyLog;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        String ffmpeg = ExternalTool.require("ffmpeg");
        ExternalTool.require("gst-launch-1.0");
        work = Files.createTempDirectory("g2g-rtmp-publishers-");
        vertx = Vertx.vertx();
        streams = new LiveStreams();
        MemorySegmentStore store = new MemorySegmentStore();
        rtmp = PackagingIngest.server(streams, store, "tiny", RtmpIngestOptions.of("127.0.0.1", 0).withQueueCapacity(QUEUE_CAPACITY));
        await(vertx.deployVerticle(rtmp));
        ladder = LadderConfig.load("tiny");
        origin = new Origin(streams, store, List.<MetricsSource>of(rtmp), OriginOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(origin));
        steadyLog = work.resolve("steady.log").toFile();
        steady = new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-c:a", "aac", "-t", "120",
                "-f", "flv", url("steady"))
                .redirectErrorStream(true).redirectOutput(steadyLog)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (steady != null) {
            steady.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void javacvRecorderPublishesAndEveryRungDecodes() throws Exception {
        CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> {
            try {
                recordWithJavaCv(url("javacv"), 12);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            IngestChecks.awaitSegments(streams, ladder, "javacv", 2, 25,
                    () -> recording.isCompletedExceptionally() ? "recorder: " + recording.handle((v, e) -> e).join() : "recorder running");
            IngestChecks.assertEveryRungDecodes(origin.actualPort(), "javacv", ladder);
        } finally {
            recording.get(30, TimeUnit.SECONDS); // the recorder's own failure, if any, fails the test
        }
    }

    @Test
    void gstreamerLibrtmpPublisherWithTheDigestHandshakeIsDecodedAtEveryRung() throws Exception {
        // librtmp does the Flash Player 9 digest handshake only for a SWF-verified (or encrypted)
        // connection: swfVfy makes it fetch and hash a player SWF, served here over loopback. Our
        // server never asks for the verification itself.
        HttpServer swf = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] player = fakeSwf();
        swf.createContext("/player.swf", exchange -> {
            exchange.sendResponseHeaders(200, player.length);
            exchange.getResponseBody().write(player);
            exchange.close();
        });
        swf.start();
        Process gst = null;
        File log = work.resolve("gst-librtmp.log").toFile();
        try {
            String location = url("gst-librtmp") + " live=1 swfVfy=1 swfUrl=http://127.0.0.1:" + swf.getAddress().getPort()
                    + "/player.swf";
            // librtmp logs through GStreamer's "rtmp" debug category; at DEBUG it says whether S1/S2 carried
            // a valid server digest ("Genuine Adobe Flash Media Server"). HOME: where it caches SWF hashes.
            gst = startGstreamer("rtmpsink", location, log,
                    Map.of("GST_DEBUG", "rtmp:5", "GST_DEBUG_NO_COLOR", "1", "HOME", work.toString()));
            IngestChecks.awaitSegments(streams, ladder, "gst-librtmp", 2, 25, () -> "gst-launch: " + read(log));
            IngestChecks.assertEveryRungDecodes(origin.actualPort(), "gst-librtmp", ladder);
            String output = read(log);
            assertTrue(output.contains("Genuine Adobe Flash Media Server"), "librtmp verified the digest handshake:\n" + output);
        } finally {
            if (gst != null) {
                gst.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            swf.stop(0);
        }
    }

    /** An uncompressed SWF header ("FWS", version 10, file length) and filler: all librtmp hashes. */
    private static byte[] fakeSwf() {
        byte[] swf = new byte[1024];
        swf[0] = 'F';
        swf[1] = 'W';
        swf[2] = 'S';
        swf[3] = 10;
        ByteBuffer.wrap(swf, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(swf.length);
        for (int i = 8; i < swf.length; i++) {
            swf[i] = (byte) i;
        }
        return swf;
    }

    @Test
    void gstreamerRtmp2PublisherIsDecodedAtEveryRung() throws Exception {
        File log = work.resolve("gst-rtmp2.log").toFile();
        Process gst = startGstreamer("rtmp2sink", url("gst-rtmp2"), log, Map.of());
        try {
            IngestChecks.awaitSegments(streams, ladder, "gst-rtmp2", 2, 25, () -> "gst-launch: " + read(log));
            IngestChecks.assertEveryRungDecodes(origin.actualPort(), "gst-rtmp2", ladder);
        } finally {
            gst.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void publisherFasterThanRealTimeIsDroppedForAFullQueueWhileTheSteadyOneCarriesOn() throws Exception {
        IngestChecks.awaitSegments(streams, ladder, "steady", 1, 25, () -> "steady publisher: " + read(steadyLog));
        // 20 s of media (about 1,500 messages) recorded first, then sent without -re: as fast as the socket goes.
        Path recorded = work.resolve("fast.flv");
        ExternalTool.Result rec = ExternalTool.run(60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=44100",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-c:a", "aac", "-t", "20", recorded.toString());
        assertTrue(rec.exitCode() == 0, "recording: " + rec.stderr());
        int steadyBefore = IngestChecks.minSegments(streams, ladder, "steady");
        Map<String, Double> failuresBefore = IngestChecks.failures(rtmp);
        try (IngestChecks.ServerLog log = new IngestChecks.ServerLog()) {
            // Its exit code is not checked: the whole file may fit in the socket buffers before the close.
            ExternalTool.run(30, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i", recorded.toString(),
                    "-c", "copy", "-f", "flv", url("fast"));
            IngestChecks.assertOneFailure(rtmp, failuresBefore, "queue", "publisher faster than real time");
            log.assertLogged("rtmp stream fast: media queue full", "publisher faster than real time");
        }
        IngestChecks.awaitSegments(streams, ladder, "steady", steadyBefore + 2, 15, () -> "steady publisher: " + read(steadyLog));
        assertTrue(steady.isAlive(), "the steady publisher is still connected");
    }

    /** JavaCV's recorder publishes {@code seconds} of a moving picture and a tone, in real time like a camera. */
    private static void recordWithJavaCv(String url, int seconds) throws Exception {
        int width = 320;
        int height = 240;
        int fps = 30;
        int rate = 44100;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(url, width, height, 2);
        recorder.setFormat("flv");
        recorder.setVideoCodecName("libx264");
        recorder.setVideoOption("preset", "veryfast");
        recorder.setVideoOption("tune", "zerolatency");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(2 * fps);
        recorder.setVideoBitrate(400_000);
        recorder.setAudioCodecName("aac");
        recorder.setSampleRate(rate);
        recorder.setAudioBitrate(96_000);
        recorder.start();
        try {
            Frame picture = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) picture.image[0];
            short[] samples = new short[rate / fps * 2];
            long startNanos = System.nanoTime();
            for (int i = 0; i < seconds * fps; i++) {
                int bar = (i * 4) % width;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int at = y * picture.imageStride + x * 3;
                        boolean onBar = x >= bar && x < bar + 16;
                        pixels.put(at, (byte) (onBar ? 255 : x));
                        pixels.put(at + 1, (byte) (onBar ? 255 : y));
                        pixels.put(at + 2, (byte) (onBar ? 255 : i));
                    }
                }
                recorder.record(picture);
                for (int s = 0; s < samples.length / 2; s++) {
                    double t = ((long) i * (rate / fps) + s) / (double) rate;
                    short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * t));
                    samples[2 * s] = v;
                    samples[2 * s + 1] = v;
                }
                recorder.recordSamples(rate, 2, ShortBuffer.wrap(samples));
                long wait = startNanos + (i + 1) * 1_000_000_000L / fps - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } finally {
            recorder.stop();
            recorder.release();
        }
    }

    /** gst-launch-1.0: live test pattern and tone, x264enc + voaacenc, flvmux, then {@code sink} to {@code location}. */
    private static Process startGstreamer(String sink, String location, File log, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ExternalTool.require("gst-launch-1.0"), "-q", "-e"));
        // gst-launch joins its arguments and parses them again: the location is quoted for its spaces.
        cmd.addAll(List.of(("videotestsrc is-live=true num-buffers=600 pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1"
                + " ! videoconvert ! x264enc tune=zerolatency speed-preset=veryfast key-int-max=60 bitrate=400 ! h264parse ! queue ! mux."
                + " audiotestsrc is-live=true wave=sine ! audio/x-raw,rate=44100,channels=2 ! audioconvert ! voaacenc bitrate=96000"
                + " ! aacparse ! queue ! mux."
                + " flvmux name=mux streamable=true ! " + sink).split(" ")));
        cmd.add("location=\"" + location + "\"");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        return pb.start();
    }

    private String url(String key) {
        return "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/" + key;
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
