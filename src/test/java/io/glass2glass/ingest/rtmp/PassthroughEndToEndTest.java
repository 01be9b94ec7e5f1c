package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Debian's ffmpeg publishes H.264/AAC over RTMP into an {@link RtmpServer} with the passthrough
 * ladder; the origin's HLS and DASH describe and carry the published track itself (no re-encoding),
 * and ffprobe/ffmpeg read it back.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassthroughEndToEndTest {

    private Vertx vertx;
    private LiveStreams streams;
    private RtmpServer rtmp;
    private Origin origin;
    private Process publisher;
    private File publisherLog;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        String ffmpeg = ExternalTool.require("ffmpeg");
        vertx = Vertx.vertx();
        streams = new LiveStreams();
        MemorySegmentStore store = new MemorySegmentStore();
        rtmp = PackagingIngest.server(streams, store, "passthrough", RtmpIngestOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(rtmp));
        origin = new Origin(streams, store, List.<MetricsSource>of(rtmp), OriginOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(origin));
        publisherLog = File.createTempFile("g2g-passthrough-publisher-", ".log");
        publisher = new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v", "1000k",
                "-c:a", "aac", "-b:a", "96k", "-t", "20",
                "-f", "flv", "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/pass")
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
    void thePublishedTrackIsServedAsItsOwnRenditionAndPlays() throws Exception {
        awaitSegments(3, 30);
        String base = "http://127.0.0.1:" + origin.actualPort() + "/live/pass/";

        String master = get(base + "master.m3u8");
        Matcher inf = Pattern.compile("#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=(\\d+),RESOLUTION=640x360,"
                + "CODECS=\"avc1\\.64[0-9a-f]{4},mp4a\\.40\\.2\",FRAME-RATE=30\\.000,AUDIO=\"audio\"\nsource/media.m3u8\n").matcher(master);
        assertTrue(inf.find(), master);
        assertEquals(1, master.split("#EXT-X-STREAM-INF").length - 1, "one video rendition: " + master);
        // BANDWIDTH is the peak of the real segments: 1 Mb/s of video plus 96 kb/s of audio, give or take x264's rate control.
        long bandwidth = Long.parseLong(inf.group(1));
        assertTrue(bandwidth > 700_000 && bandwidth < 3_000_000, "BANDWIDTH " + bandwidth);
        StreamIndex.Snapshot snap = streams.find("pass").orElseThrow().snapshot();
        long peak = snap.rendition("source").orElseThrow().peakBitrate() + snap.rendition("audio").orElseThrow().peakBitrate();
        assertTrue(Math.abs(peak - bandwidth) <= peak / 2, "BANDWIDTH " + bandwidth + " follows the segments' peak " + peak);

        String media = get(base + "source/media.m3u8");
        Matcher extinf = Pattern.compile("#EXTINF:([0-9.]+),").matcher(media);
        int segments = 0;
        while (extinf.find()) {
            assertEquals(2.0, Double.parseDouble(extinf.group(1)), 0.05, "GOPs of 60 frames at 30 fps: " + media);
            segments++;
        }
        assertTrue(segments >= 3, media);

        String mpd = get(base + "manifest.mpd");
        assertTrue(Pattern.compile("<Representation id=\"source\" bandwidth=\"\\d+\" width=\"640\" height=\"360\" codecs=\"avc1\\.64[0-9a-f]{4}\" frameRate=\"30\"")
                .matcher(mpd).find(), mpd);
        assertTrue(mpd.contains("audioSamplingRate=\"48000\""), mpd);

        ExternalTool.Result probe = ExternalTool.run(60, "ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,profile,width,height,sample_rate,channels", "-of", "csv=p=0", base + "master.m3u8");
        assertEquals(0, probe.exitCode(), probe.stderr());
        assertTrue(probe.stdout().contains("h264,High,video,640,360"), probe.stdout());
        assertTrue(probe.stdout().contains("aac,LC,audio,48000,1"), probe.stdout());

        ExternalTool.Result decoded = ExternalTool.run(60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-i", base + "master.m3u8", "-map", "0:v", "-map", "0:a", "-t", "3", "-f", "framemd5", "-");
        assertEquals(0, decoded.exitCode(), "ffmpeg decoding the HLS; stderr:\n" + decoded.stderr());
        long videoFrames = decoded.stdout().lines().filter(l -> l.startsWith("0,")).count();
        long audioFrames = decoded.stdout().lines().filter(l -> l.startsWith("1,")).count();
        assertTrue(videoFrames >= 80, "video frames decoded in 3 s: " + videoFrames);
        assertTrue(audioFrames >= 100, "audio frames decoded in 3 s: " + audioFrames);
        assertTrue(decoded.stderr().isBlank(), "no decoding errors: " + decoded.stderr());
    }

    @Test
    void aRepublishAtAnotherSizeGetsItsOwnHeaderAfterADiscontinuity() throws Exception {
        String url = "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/resize";
        assertTrue(publish(url, "640x360", 6).waitFor(30, TimeUnit.SECONDS), "first publish ran to its end");
        Process second = publish(url, "320x180", 10);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!resumedWithSegments("resize", 2)) {
                assertTrue(System.nanoTime() < deadline, "the second publish continued the stream");
                Thread.sleep(200);
            }
        } finally {
            second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String base = "http://127.0.0.1:" + origin.actualPort() + "/live/resize/";
        List<String> lines = get(base + "source/media.m3u8").lines()
                .filter(l -> l.startsWith("#EXT-X-MAP") || l.equals("#EXT-X-DISCONTINUITY")).toList();
        assertEquals(List.of("#EXT-X-MAP:URI=\"init.mp4\"", "#EXT-X-DISCONTINUITY", "#EXT-X-MAP:URI=\"init-1.mp4\""), lines);
        String mpd = get(base + "manifest.mpd");
        assertTrue(mpd.contains("width=\"640\" height=\"360\"") && mpd.contains("width=\"320\" height=\"180\""), mpd);
        assertTrue(mpd.contains("initialization=\"$RepresentationID$/init-1.mp4\""), mpd);

        // The new header and the first resumed segment decode as the new size.
        StreamIndex.Segment resumed = streams.find("resize").orElseThrow().snapshot().rendition("source").orElseThrow().segments()
                .stream().filter(StreamIndex.Segment::discontinuity).findFirst().orElseThrow();
        File joined = File.createTempFile("g2g-resumed-", ".mp4");
        try {
            byte[] init = http.send(HttpRequest.newBuilder(URI.create(base + "source/init-1.mp4")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            byte[] segment = http.send(HttpRequest.newBuilder(URI.create(base + "source/" + resumed.number() + ".m4s")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            Files.write(joined.toPath(), init);
            Files.write(joined.toPath(), segment, java.nio.file.StandardOpenOption.APPEND);
            ExternalTool.Result probe = ExternalTool.run(30, "ffprobe", "-v", "error", "-select_streams", "v", "-count_frames",
                    "-show_entries", "stream=width,height,nb_read_frames", "-of", "csv=p=0", joined.getPath());
            assertEquals(0, probe.exitCode(), probe.stderr());
            assertTrue(probe.stdout().startsWith("320,180,"), probe.stdout());
        } finally {
            joined.delete();
        }
    }

    private Process publish(String url, String size, int seconds) throws IOException {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0",
                "-c:a", "aac", "-t", Integer.toString(seconds), "-f", "flv", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private boolean resumedWithSegments(String stream, int count) {
        return streams.find(stream).map(i -> i.snapshot().renditions().stream().allMatch(t -> {
            List<StreamIndex.Segment> segments = t.segments();
            int at = -1;
            for (int k = 0; k < segments.size(); k++) {
                if (segments.get(k).discontinuity()) {
                    at = k;
                }
            }
            return at >= 0 && segments.size() - at >= count;
        })).orElse(false);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    private void awaitSegments(int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (minSegments() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream pass has not " + count + " segments on both renditions; publisher: "
                        + Files.readString(publisherLog.toPath()));
            }
            Thread.sleep(200);
        }
    }

    /** Segments of the rendition with fewest, 0 until both the video and the audio rendition are known. */
    private int minSegments() {
        StreamIndex index = streams.find("pass").orElse(null);
        if (index == null || index.snapshot().renditions().size() < 2) {
            return 0;
        }
        return index.snapshot().renditions().stream().mapToInt(r -> r.segments().size()).min().orElse(0);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
