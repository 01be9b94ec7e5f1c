package io.glass2glass.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.testing.EndToEnd;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The scripted faults on one real pipeline (synthetic source → RTMP → tiny ladder → origin → two
 * cdn-live edges), seen from outside with an HTTP client, as players and edges would see them.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class PipelineFaultsTest {

    private static final String RENDITION = "144p";

    private LivePipeline pipeline;
    private PipelineFaults faults;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start() throws Exception {
        pipeline = LivePipeline.start(LivePipeline.Options.defaults().withHttpPort(0).withLadder("tiny").withEdges(2, "cdn-live", 0));
        faults = pipeline.faults();
        assertTrue(pipeline.awaitSegments(2, Duration.ofSeconds(30)), "the stream goes live");
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void originErrorsAnswer503WithRetryAfterAndAreCountedThen200Again() throws Exception {
        String playlist = pipeline.originStreamUrl() + RENDITION + "/media.m3u8";
        faults.originErrors(true);
        try {
            faults.originErrors(true);
            assertEquals(List.of("origin-errors"), faults.active());
            HttpResponse<String> r = get(playlist);
            assertEquals(503, r.statusCode());
            assertEquals("1", r.headers().firstValue("retry-after").orElse(null));
            assertEquals("no-store", r.headers().firstValue("cache-control").orElse(null));
            assertEquals("*", r.headers().firstValue("access-control-allow-origin").orElse(null), "errors carry CORS too");
            assertEquals(503, get(pipeline.originStreamUrl() + "master.m3u8").statusCode());
            String metrics = get("http://127.0.0.1:" + pipeline.httpPort() + "/metrics").body();
            assertTrue(metrics.lines().anyMatch(l -> l.equals("g2g_origin_fault_responses_total 2")), metrics);
            assertTrue(metrics.lines().anyMatch(l -> l.equals("g2g_origin_requests_total{kind=\"media_playlist\",status=\"503\"} 1")),
                    metrics);
        } finally {
            faults.originErrors(false);
        }
        assertEquals(200, get(playlist).statusCode());
        assertEquals(List.of(), faults.active());
    }

    @Test
    @Order(2)
    void originOutageRefusesConnectionsWhileAnEdgeServesStaleThenTheOriginListensOnTheSamePort() throws Exception {
        int port = pipeline.httpPort();
        String viaEdge = pipeline.streamUrls().get(0) + RENDITION + "/media.m3u8";
        assertEquals(200, get(viaEdge).statusCode(), "the edge caches the playlist");
        long cachedAt = System.nanoTime();
        try (Socket open = new Socket()) {
            open.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            open.setSoTimeout(5000);
            faults.originOutage(true);
            faults.originOutage(true);
            assertEquals(List.of("origin-outage"), faults.active());
            assertTrue(closedByPeer(open.getInputStream()), "an open connection is closed");
        }
        try {
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000));
            assertThrows(ConnectException.class, () -> get(pipeline.originStreamUrl() + "master.m3u8"));
            // Past max-age (1 s) and stale-while-revalidate (2 s): only stale-if-error (10 s) lets the edge answer.
            sleepUntil(cachedAt, Duration.ofMillis(3500));
            HttpResponse<String> stale = get(viaEdge);
            assertEquals(200, stale.statusCode());
            assertEquals("STALE", stale.headers().firstValue("x-cache").orElse(null));
            assertTrue(stale.body().startsWith("#EXTM3U"), stale.body());
        } finally {
            faults.originOutage(false);
        }
        assertEquals(port, pipeline.httpPort());
        assertEquals(200, get("http://127.0.0.1:" + port + "/live/demo/" + RENDITION + "/media.m3u8").statusCode());
        assertEquals(200, get(viaEdge).statusCode());
        assertEquals(List.of(), faults.active());
    }

    @Test
    @Order(3)
    void edgeDownRefusesOnThatEdgeOnlyThenItListensAgain() throws Exception {
        String edge0 = pipeline.streamUrls().get(0) + "master.m3u8";
        String edge1 = pipeline.streamUrls().get(1) + "master.m3u8";
        int port0 = pipeline.edges().get(0).actualPort();
        assertThrows(IllegalArgumentException.class, () -> faults.edgeDown(2, true));
        assertThrows(IllegalArgumentException.class, () -> faults.edgeDown(-1, true));
        try (Socket open = new Socket()) {
            open.connect(new InetSocketAddress("127.0.0.1", port0), 2000);
            open.setSoTimeout(5000);
            faults.edgeDown(0, true);
            faults.edgeDown(0, true);
            assertEquals(List.of("edge-down:0"), faults.active());
            assertTrue(closedByPeer(open.getInputStream()), "an open connection is closed");
        }
        try {
            assertThrows(ConnectException.class, () -> get(edge0));
            assertEquals(200, get(edge1).statusCode());
        } finally {
            faults.edgeDown(0, false);
        }
        assertEquals(port0, pipeline.edges().get(0).actualPort());
        assertEquals(200, get(edge0).statusCode());
        assertEquals(List.of(), faults.active());
    }

    @Test
    @Order(4)
    void encoderStallFreezesThePlaylistThenItGrowsAgainAfterADiscontinuity() throws Exception {
        faults.encoderStall(true);
        Playlist frozen;
        try {
            assertEquals(List.of("encoder-stall"), faults.active());
            assertTrue(pipeline.publisher().isPublishing(), "the RTMP publish stays up");
            // The encoders have drained when the call returns: their segment in progress is out already.
            frozen = playlist();
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                Thread.sleep(400);
                Playlist now = playlist();
                assertEquals(frozen.last(), now.last(), "no segment appears during the stall");
                assertEquals(frozen.mediaSequence(), now.mediaSequence());
            }
            assertTrue(pipeline.publisher().isPublishing(), "the RTMP publish is still up");
            faults.encoderStall(true);
        } finally {
            faults.encoderStall(false);
        }
        long off = System.nanoTime();
        await(p -> p.last() > frozen.last(), Duration.ofSeconds(15));
        long firstNew = System.nanoTime();
        Playlist grown = await(p -> p.last() > frozen.last() + 1, Duration.ofSeconds(15));
        System.out.printf("encoder-stall: after off, a first new segment in %d ms, a second in %d ms%n%s",
                (firstNew - off) / 1_000_000, (System.nanoTime() - off) / 1_000_000, grown.text());
        Segment resumed = grown.segment(frozen.last() + 1).orElseThrow();
        assertTrue(resumed.discontinuity(), "the first segment after the stall follows EXT-X-DISCONTINUITY:\n" + grown.text());
        assertTrue(grown.mediaSequence() >= frozen.mediaSequence());
        // Every rendition resumes on the same number, so players can still switch between them (RFC 8216 §6.2.4 alignment).
        for (String other : List.of("90p", "audio")) {
            Playlist p = await(other, q -> q.last() > frozen.last(), Duration.ofSeconds(10));
            assertTrue(p.segment(frozen.last() + 1).orElseThrow().discontinuity(), other + ":\n" + p.text());
            assertTrue(p.segment(frozen.last()).isPresent(), other + " ends the stall on the same number:\n" + p.text());
        }
        assertEquals(200, get(pipeline.originStreamUrl() + "manifest.mpd").statusCode());
        // Whole segments either side of the gap.
        for (long n : new long[] {frozen.last(), frozen.last() + 1}) {
            HttpResponse<byte[]> seg = http.send(request(pipeline.originStreamUrl() + RENDITION + "/" + n + ".m4s"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, seg.statusCode(), "segment " + n);
            assertTrue(seg.body().length > 100, "segment " + n + " has media");
        }
        assertEquals(List.of(), faults.active());
    }

    @Test
    @Order(5)
    void publisherRestartReconnectsAfterTheGapAndThePlaylistGrowsAfterADiscontinuity() throws Exception {
        Playlist before = playlist();
        long publishes = pipeline.publisher().publishes();
        long dropped = System.nanoTime();
        faults.publisherRestart(Duration.ofSeconds(1));
        assertFalse(pipeline.publisher().isPublishing(), "the connection is down when the call returns");
        assertEquals(List.of("publisher-restart"), faults.active());
        assertTrue(pipeline.publisher().awaitPublishing(Duration.ofSeconds(10)));
        long republished = System.nanoTime();
        assertTrue((republished - dropped) / 1_000_000 >= 900, "publishing again only after the gap");
        assertEquals(publishes + 1, pipeline.publisher().publishes());
        Playlist resumed = await(p -> firstResumed(p, before.last()).isPresent(), Duration.ofSeconds(20));
        long firstNew = System.nanoTime();
        long first = firstResumed(resumed, before.last()).orElseThrow();
        // Segments keep coming after the reconnect, and the media sequence keeps increasing (RFC 8216 §6.2.1).
        Playlist after = await(p -> p.last() > first, Duration.ofSeconds(10));
        System.out.printf("publisher-restart: publishing again %d ms after the drop, the first segment after the discontinuity"
                + " %d ms after it, the next %d ms%n%s", (republished - dropped) / 1_000_000, (firstNew - dropped) / 1_000_000,
                (System.nanoTime() - dropped) / 1_000_000, after.text());
        assertTrue(after.mediaSequence() >= before.mediaSequence());
        assertTrue(after.last() > before.last() + 1);
        Playlist later = await(p -> p.mediaSequence() > after.mediaSequence(), Duration.ofSeconds(10));
        assertTrue(later.last() > after.last());
        assertEquals(List.of(), faults.active());
    }

    @Test
    @Order(6)
    void withOutsidePublishersOnlyThereIsNoPublisherToRestartAndCloseEndsEvenWithFaultsInForce() throws Exception {
        LivePipeline.Options options = new LivePipeline.Options("cam", "tiny", "127.0.0.1", 0, 6, 1, "cdn-live", 0,
                LivePipeline.Source.RTMP, 0, Optional.empty(), false);
        LivePipeline rtmp = LivePipeline.start(options);
        int originPort = rtmp.httpPort();
        int edgePort = rtmp.edges().get(0).actualPort();
        try {
            PipelineFaults f = rtmp.faults();
            assertThrows(IllegalStateException.class, () -> f.publisherRestart(Duration.ZERO));
            f.originOutage(true);
            f.originErrors(true);
            f.encoderStall(true);
            f.edgeDown(0, true);
            assertEquals(List.of("origin-outage", "origin-errors", "encoder-stall", "edge-down:0"), f.active());
        } finally {
            long closing = System.nanoTime();
            rtmp.close();
            assertTrue(System.nanoTime() - closing < Duration.ofSeconds(15).toNanos(), "close is bounded");
        }
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", originPort), 2000));
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", edgePort), 2000));
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The first segment after {@code last} that follows an EXT-X-DISCONTINUITY. */
    private static Optional<Long> firstResumed(Playlist p, long last) {
        return p.segments().stream().filter(s -> s.number() > last && s.discontinuity()).map(Segment::number).findFirst();
    }

    private HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(request(url), HttpResponse.BodyHandlers.ofString());
    }

    /** True when the peer closed (EOF) or reset the connection within the socket's timeout. */
    private static boolean closedByPeer(InputStream in) {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
        long left = startNanos + after.toNanos() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000 + 1);
        }
    }

    /** The origin's media playlist of {@link #RENDITION}. */
    private Playlist playlist() throws IOException, InterruptedException {
        return playlist(RENDITION);
    }

    private Playlist playlist(String rendition) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pipeline.originStreamUrl() + rendition + "/media.m3u8");
        assertEquals(200, r.statusCode(), r.body());
        return Playlist.parse(r.body());
    }

    private Playlist await(Predicate<Playlist> condition, Duration timeout) throws Exception {
        return await(RENDITION, condition, timeout);
    }

    private Playlist await(String rendition, Predicate<Playlist> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Playlist p = playlist(rendition);
        while (!condition.test(p)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(rendition + " did not get there within " + timeout + ":\n" + p.text());
            }
            Thread.sleep(200);
            p = playlist(rendition);
        }
        return p;
    }

    record Segment(long number, boolean discontinuity) {}

    /** What these tests read of a media playlist (RFC 8216 §4.3.3.2, §4.3.2.3). */
    record Playlist(String text, long mediaSequence, List<Segment> segments) {

        static Playlist parse(String text) {
            long sequence = -1;
            boolean discontinuity = false;
            List<Segment> segments = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    sequence = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                    discontinuity = true;
                } else if (line.endsWith(".m4s") && !line.startsWith("#")) {
                    segments.add(new Segment(Long.parseLong(line.substring(0, line.length() - ".m4s".length())), discontinuity));
                    discontinuity = false;
                }
            }
            assertFalse(segments.isEmpty(), text);
            assertEquals(segments.get(0).number(), sequence, "EXT-X-MEDIA-SEQUENCE is the first segment's number");
            return new Playlist(text, sequence, List.copyOf(segments));
        }

        long last() {
            return segments.get(segments.size() - 1).number();
        }

        Optional<Segment> segment(long number) {
            return segments.stream().filter(s -> s.number() == number).findFirst();
        }
    }
}
