package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.calibrate.RealTimeViewer;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.packager.origin.OriginOptions;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.storage.MemorySegmentStore;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.ExternalTool;
import io.glass2glass.testing.PackagingIngest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Encoder restarts (issue 6 §4): Debian's ffmpeg publishes, is killed mid-stream and publishes
 * again, then a third publisher takes the stream over; the stream goes on as one timeline
 * (EXT-X-DISCONTINUITY, a DASH Period per publish, media sequence numbers only growing, earlier
 * segments still served) while an HLS and a DASH player model play across both gaps.
 */
@EndToEnd
class RtmpReconnectEndToEndTest {

    private static final String STREAM = "again";
    private static final Pattern MEDIA_SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> publishers = new ArrayList<>();
    private final List<File> logs = new ArrayList<>();
    private Vertx vertx;
    private volatile boolean polling = true;

    @AfterEach
    void stop() throws Exception {
        polling = false;
        for (Process p : publishers) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        logs.forEach(File::delete);
    }

    @Test
    void killedAndTakenOverPublishersContinueOneTimelineThatPlayersPlayAcross() throws Exception {
        vertx = Vertx.vertx();
        LiveStreams streams = new LiveStreams();
        MemorySegmentStore store = new MemorySegmentStore();
        RtmpServer rtmp = PackagingIngest.server(streams, store, "tiny", RtmpIngestOptions.of("127.0.0.1", 0).withTakeOver(true));
        await(vertx.deployVerticle(rtmp));
        Origin origin = new Origin(streams, store, List.<MetricsSource>of(rtmp), OriginOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(origin));
        String base = "http://127.0.0.1:" + origin.actualPort() + "/live/" + STREAM + "/";
        String url = "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/" + STREAM;

        Process first = publish(url);
        assertTrue(awaitIndex(streams, s -> minSegments(s) >= 3, 40), "first publish live");

        CompletableFuture<PlayerQoe> hls = new RealTimeViewer("hls", PlayerConfig.defaults(URI.create(base + "master.m3u8"))
                .withSessionMillis(36_000)).start();
        CompletableFuture<PlayerQoe> dash = new RealTimeViewer("dash", PlayerConfig.defaults(URI.create(base + "manifest.mpd"))
                .withSessionMillis(36_000)).start();
        List<Long> mediaSequences = new CopyOnWriteArrayList<>();
        Thread poller = new Thread(() -> pollMediaSequence(base + "144p/media.m3u8", mediaSequences), "playlist-poller");
        poller.setDaemon(true);
        poller.start();

        Thread.sleep(4_000);
        List<Long> publishedBeforeKill = numbers(streams.find(STREAM).orElseThrow().snapshot(), "144p");
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(3_000);
        publish(url);
        assertTrue(awaitIndex(streams, s -> discontinuities(s) >= 1 && segmentsAfterLastDiscontinuity(s) >= 2, 40),
                "the restarted publisher's segments follow a discontinuity on every rendition");

        for (long n : publishedBeforeKill) {
            assertEquals(200, get(base + "144p/" + n + ".m4s").statusCode(), "segment " + n + " published before the kill is still served");
        }

        Process second = publishers.get(1);
        publish(url);
        assertTrue(second.waitFor(20, TimeUnit.SECONDS), "the publisher taken over is disconnected");
        assertTrue(awaitIndex(streams, s -> discontinuities(s) >= 2 && segmentsAfterLastDiscontinuity(s) >= 1, 40),
                "the publisher that took over continues the timeline after a second discontinuity");

        String playlist = get(base + "144p/media.m3u8").body();
        assertTrue(playlist.contains("#EXT-X-DISCONTINUITY\n"), playlist);
        String mpd = get(base + "manifest.mpd").body();
        assertTrue(mpd.split("<Period ").length - 1 >= 2, "one Period per publish in the window:\n" + mpd);

        PlayerQoe h = hls.get(60, TimeUnit.SECONDS);
        PlayerQoe d = dash.get(60, TimeUnit.SECONDS);
        for (PlayerQoe q : List.of(h, d)) {
            assertTrue(q.started(), q.playerId() + " started");
            assertFalse(q.playbackFailed(), q.playerId() + " played across both gaps without a playback failure: " + q);
            assertTrue(q.rebufferCount() <= 3, q.playerId() + " at most a short stall per gap: " + q);
            assertTrue(q.segmentsDownloaded() >= 10, q.playerId() + " kept downloading: " + q);
        }

        polling = false;
        poller.join(5_000);
        assertTrue(mediaSequences.size() > 10, "playlist polled throughout");
        for (int i = 1; i < mediaSequences.size(); i++) {
            assertTrue(mediaSequences.get(i) >= mediaSequences.get(i - 1), "EXT-X-MEDIA-SEQUENCE never goes back: " + mediaSequences);
        }

        PrometheusText metrics = new PrometheusText();
        rtmp.writePrometheus(metrics);
        assertTrue(metrics.toString().contains("g2g_rtmp_publishers 1\n"), metrics.toString());
        Matcher frames = Pattern.compile("g2g_rtmp_video_frames_in_total\\{stream=\"again\"} (\\d+)").matcher(metrics.toString());
        assertTrue(frames.find() && Long.parseLong(frames.group(1)) > 30 * 20, "video frames of three publishes counted: " + metrics);
        assertTrue(metrics.toString().contains("g2g_encoder_frames_total{"), "the live stream's encoder reports: " + metrics);
    }

    private Process publish(String url) throws Exception {
        File log = File.createTempFile("g2g-rtmp-reconnect-", ".log");
        logs.add(log);
        Process p = new ProcessBuilder(ExternalTool.require("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-t", "120", "-f", "flv", url)
                .redirectErrorStream(true).redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        publishers.add(p);
        return p;
    }

    private void pollMediaSequence(String url, List<Long> out) {
        while (polling) {
            try {
                HttpResponse<String> r = get(url);
                Matcher m = MEDIA_SEQUENCE.matcher(r.body());
                if (r.statusCode() == 200 && m.find()) {
                    out.add(Long.parseLong(m.group(1)));
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the origin is stopping
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean awaitIndex(LiveStreams streams, java.util.function.Predicate<StreamIndex.Snapshot> done, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            var index = streams.find(STREAM);
            if (index.isPresent() && index.get().snapshot().isLive() && done.test(index.get().snapshot())) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int minSegments(StreamIndex.Snapshot s) {
        return s.renditions().stream().mapToInt(t -> t.segments().size()).min().orElse(0);
    }

    private static long discontinuities(StreamIndex.Snapshot s) {
        return s.renditions().stream().mapToLong(t -> t.segments().stream().filter(StreamIndex.Segment::discontinuity).count())
                .min().orElse(0);
    }

    private static long segmentsAfterLastDiscontinuity(StreamIndex.Snapshot s) {
        long min = Long.MAX_VALUE;
        for (var t : s.renditions()) {
            List<StreamIndex.Segment> segments = t.segments();
            int last = -1;
            for (int i = 0; i < segments.size(); i++) {
                if (segments.get(i).discontinuity()) {
                    last = i;
                }
            }
            min = Math.min(min, last < 0 ? 0 : segments.size() - last);
        }
        return min;
    }

    private static List<Long> numbers(StreamIndex.Snapshot s, String rendition) {
        return s.rendition(rendition).orElseThrow().window().stream().map(StreamIndex.Segment::number).toList();
    }

    private static void await(Future<?> f) throws Exception {
        f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
