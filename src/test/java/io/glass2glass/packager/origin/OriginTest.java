package io.glass2glass.packager.origin;

import io.glass2glass.testing.RawHttp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.storage.MemorySegmentStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginTest {

    private static final double SEGMENT_SECONDS = 2.0;
    private static final int WINDOW = 3;
    /** Segments 0..11 are produced; with 2 * 3 + 2 retained, 4..11 remain fetchable. */
    private static final int PRODUCED = 12;
    private static final long FIRST_RETAINED = PRODUCED - (2 * WINDOW + 2);
    private static final long NEWEST = PRODUCED - 1;
    private static final long START_MILLIS = 1_700_000_000_000L;

    private static final Rendition VIDEO = Rendition.video("720p", 1280, 720, 3000);
    private static final Rendition AUDIO = Rendition.audio("audio", 128);
    private static final TrackInfo VIDEO_TRACK =
            TrackInfo.video("avc1.64001f", 90_000, 1280, 720, 30, new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff});
    private static final TrackInfo AUDIO_TRACK = TrackInfo.audio("mp4a.40.2", 48_000, 2, new byte[] {0x11, (byte) 0x90});

    private Vertx vertx;
    private MemorySegmentStore store;
    private Origin origin;
    private int port;
    private HttpClient http;

    @BeforeEach
    void startOrigin() throws Exception {
        LiveStreams streams = new LiveStreams();
        store = new MemorySegmentStore();

        StreamIndex demo = new StreamIndex("demo", SEGMENT_SECONDS, WINDOW);
        demo.startedAt(START_MILLIS);
        demo.addTrack(VIDEO, VIDEO_TRACK);
        demo.addTrack(AUDIO, AUDIO_TRACK);
        for (String rendition : List.of("720p", "audio")) {
            store.put("demo/" + rendition + "/init.mp4", bytes(rendition + "-init", 64));
            int timescale = rendition.equals("720p") ? 90_000 : 48_000;
            for (long n = 0; n < PRODUCED; n++) {
                byte[] payload = bytes(rendition + "-" + n, rendition.equals("720p") ? 4000 : 500);
                // The store keeps segment 0 although the index evicted it: the index decides.
                store.put("demo/" + rendition + "/" + n + ".m4s", payload);
                demo.addSegment(rendition, new StreamIndex.Segment(n, n * 2L * timescale, 2L * timescale, timescale,
                        START_MILLIS + n * 2000, payload.length, false));
            }
        }
        streams.add(demo);

        StreamIndex pending = new StreamIndex("pending", SEGMENT_SECONDS, WINDOW);
        pending.startedAt(START_MILLIS);
        pending.addTrack(VIDEO, VIDEO_TRACK);
        store.put("pending/720p/init.mp4", bytes("pending-init", 64));
        streams.add(pending);

        MetricsSource encoderSpeed = out -> out.family("g2g_encoder_speed_ratio", "gauge", "Encoding speed over real time.")
                .sample("g2g_encoder_speed_ratio", 1.5);

        vertx = Vertx.vertx();
        origin = new Origin(streams, store, List.of(encoderSpeed), OriginOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(origin));
        port = origin.actualPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopVertx() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    // --- served kinds -------------------------------------------------------------------------

    @Test
    void multivariantPlaylistIsServedAsHlsWithHalfSegmentCaching() throws Exception {
        HttpResponse<String> r = get("/live/demo/master.m3u8");
        assertEquals(200, r.statusCode());
        assertEquals(Origin.HLS_TYPE, header(r, "content-type"));
        assertEquals("public, max-age=1", header(r, "cache-control"));
        assertTrue(r.body().startsWith("#EXTM3U"), r.body());
        assertEquals(Integer.toString(r.body().getBytes(StandardCharsets.UTF_8).length), header(r, "content-length"));
        assertCors(r);
    }

    @Test
    void mediaPlaylistIsServedAsHls() throws Exception {
        HttpResponse<String> r = get("/live/demo/720p/media.m3u8");
        assertEquals(200, r.statusCode());
        assertEquals(Origin.HLS_TYPE, header(r, "content-type"));
        assertEquals("public, max-age=1", header(r, "cache-control"));
        assertTrue(r.body().startsWith("#EXTM3U"), r.body());
        assertTrue(r.body().contains(NEWEST + ".m4s"), r.body());
        assertCors(r);
    }

    @Test
    void playlistsAndSegmentsAnswerIfNoneMatchWithNotModified() throws Exception {
        for (String target : List.of("/live/demo/master.m3u8", "/live/demo/720p/media.m3u8", "/live/demo/manifest.mpd",
                "/live/demo/720p/" + NEWEST + ".m4s",
                "/live/demo/720p/init.mp4")) {
            HttpResponse<byte[]> first = getBytes(target);
            String tag = header(first, "etag");
            assertTrue(tag != null && tag.startsWith("\"") && tag.endsWith("\""), target + " carries a strong ETag: " + tag);
            HttpResponse<byte[]> again = http.send(request(target).header("If-None-Match", "\"other\", W/" + tag).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(304, again.statusCode(), target);
            assertEquals(0, again.body().length, target + ": no body");
            assertEquals(tag, header(again, "etag"), target);
            assertEquals(header(first, "cache-control"), header(again, "cache-control"), target + ": caching fields again");
            HttpResponse<byte[]> other = http.send(request(target).header("If-None-Match", "\"stale\"").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, other.statusCode(), target + ": another tag gets the content");
        }
    }

    @Test
    void aPlaylistsTagChangesWithItsContent() throws Exception {
        assertEquals(Origin.contentTag("#EXTM3U\n".getBytes(StandardCharsets.UTF_8)),
                Origin.contentTag("#EXTM3U\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(!Origin.contentTag("#EXTM3U\n1.m4s\n".getBytes(StandardCharsets.UTF_8))
                .equals(Origin.contentTag("#EXTM3U\n2.m4s\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void mpdIsServedAsDashAndPointsUtcTimingAtThisOrigin() throws Exception {
        HttpResponse<String> r = get("/live/demo/manifest.mpd");
        assertEquals(200, r.statusCode());
        assertEquals(Origin.DASH_TYPE, header(r, "content-type"));
        assertEquals("public, max-age=1", header(r, "cache-control"));
        assertTrue(r.body().startsWith("<?xml"), r.body());
        assertTrue(r.body().contains("<MPD"), r.body());
        assertTrue(r.body().contains("http://127.0.0.1:" + port + "/time"), r.body());
        assertCors(r);
    }

    @Test
    void initSegmentIsServedImmutable() throws Exception {
        HttpResponse<byte[]> r = getBytes("/live/demo/720p/init.mp4");
        assertEquals(200, r.statusCode());
        assertEquals("video/mp4", header(r, "content-type"));
        assertEquals(Origin.IMMUTABLE, header(r, "cache-control"));
        assertArrayEquals(bytes("720p-init", 64), r.body());
        assertEquals("\"demo-720p-init-64\"", header(r, "etag"));
        assertCors(r);
    }

    @Test
    void videoSegmentIsServedImmutableWithStrongEtag() throws Exception {
        HttpResponse<byte[]> r = getBytes("/live/demo/720p/" + NEWEST + ".m4s");
        assertEquals(200, r.statusCode());
        assertEquals("video/mp4", header(r, "content-type"));
        assertEquals(Origin.IMMUTABLE, header(r, "cache-control"));
        assertEquals("4000", header(r, "content-length"));
        assertEquals("\"demo-720p-" + NEWEST + "-4000\"", header(r, "etag"));
        assertNotNull(header(r, "last-modified"));
        assertNotNull(header(r, "date"));
        assertArrayEquals(bytes("720p-" + NEWEST, 4000), r.body());
        assertCors(r);
    }

    @Test
    void audioSegmentIsServedAsAudioMp4() throws Exception {
        HttpResponse<byte[]> r = getBytes("/live/demo/audio/" + FIRST_RETAINED + ".m4s");
        assertEquals(200, r.statusCode());
        assertEquals("audio/mp4", header(r, "content-type"));
        assertArrayEquals(bytes("audio-" + FIRST_RETAINED, 500), r.body());
    }

    @Test
    void queryStringIsIgnored() throws Exception {
        assertEquals(200, getBytes("/live/demo/720p/" + NEWEST + ".m4s?token=a%2Fb&exp=1").statusCode());
    }

    @Test
    void absoluteFormRequestTargetIsServed() throws Exception {
        assertEquals(200, RawHttp.get(port, "http://127.0.0.1:" + port + "/live/demo/master.m3u8").status());
    }

    @Test
    void headReturnsHeadersWithContentLengthButNoBody() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port, "HEAD /live/demo/720p/" + NEWEST + ".m4s HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n\r\n"
                + "HEAD /live/demo/720p/init.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", true);
        assertEquals(2, responses.size());
        RawHttp.Response head = responses.get(0);
        assertEquals(200, head.status());
        assertEquals("4000", head.header("content-length"));
        assertEquals("video/mp4", head.header("content-type"));
        assertEquals("*", head.header("access-control-allow-origin"));
        assertEquals(0, head.body().length);
        // Had the first response carried a body, it would stand where the second status line is read.
        assertEquals(200, responses.get(1).status());
        assertEquals("64", responses.get(1).header("content-length"));
    }

    @Test
    void headOfMissingSegmentIs404WithoutBody() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "HEAD /live/demo/720p/0.m4s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", true);
        assertEquals(1, responses.size());
        assertEquals(404, responses.get(0).status());
        assertEquals("*", responses.get(0).header("access-control-allow-origin"));
    }

    // --- not found ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/live/nosuch/master.m3u8",
        "/live/nosuch/manifest.mpd",
        "/live/nosuch/720p/media.m3u8",
        "/live/nosuch/720p/init.mp4",
        "/live/nosuch/720p/5.m4s",
        "/live/demo/1080p/media.m3u8",
        "/live/demo/1080p/init.mp4",
        "/live/demo/1080p/5.m4s",
        "/live/demo/720p/12.m4s",
        "/live/demo/720p/999999999999999999.m4s",
        "/live/demo/720p/0.m4s",
        "/live/demo/720p/3.m4s",
        "/favicon.ico",
    })
    void unknownOrUnavailableResourcesAre404WithCorsAndNoStore(String target) throws Exception {
        HttpResponse<String> r = get(target);
        assertEquals(404, r.statusCode(), target);
        assertEquals(Origin.NO_STORE, header(r, "cache-control"));
        assertEquals(Integer.toString(r.body().length()), header(r, "content-length"));
        assertCors(r);
    }

    @Test
    void segmentInTheIndexButNotInTheStoreIs404() throws Exception {
        await(Future.fromCompletionStage(store.delete("demo/720p/" + NEWEST + ".m4s")));
        assertEquals(404, get("/live/demo/720p/" + NEWEST + ".m4s").statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/live/pending/master.m3u8", "/live/pending/720p/media.m3u8", "/live/pending/manifest.mpd"})
    void manifestsOfAStreamNotLiveYetAre404(String target) throws Exception {
        HttpResponse<String> r = get(target);
        assertEquals(404, r.statusCode());
        assertEquals("stream not live yet\n", r.body());
        assertCors(r);
    }

    @Test
    void initOfAStreamNotLiveYetIsServedOnceItsTrackExists() throws Exception {
        HttpResponse<byte[]> r = getBytes("/live/pending/720p/init.mp4");
        assertEquals(200, r.statusCode());
        assertArrayEquals(bytes("pending-init", 64), r.body());
    }

    // --- CORS and methods ---------------------------------------------------------------------

    @Test
    void preflightIsAnsweredWithTheAllowedMethodsAndReflectedHeaders() throws Exception {
        HttpResponse<String> r = http.send(request("/live/demo/720p/" + NEWEST + ".m4s")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://player.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-token, range")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertEquals(Origin.ALLOWED_METHODS, header(r, "access-control-allow-methods"));
        assertEquals("x-token, range", header(r, "access-control-allow-headers"));
        assertEquals("86400", header(r, "access-control-max-age"));
        assertCors(r);
    }

    @Test
    void preflightIs204WithoutContentLengthAndOnlyForValidTargets() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "OPTIONS /live/demo/master.m3u8 HTTP/1.1\r\nHost: x\r\nAccess-Control-Request-Method: GET\r\n\r\n"
                        + "OPTIONS /live/../x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false);
        assertEquals(2, responses.size());
        // RFC 9110 §8.6: no Content-Length in a 204.
        assertEquals(204, responses.get(0).status());
        assertNull(responses.get(0).header("content-length"));
        assertEquals(400, responses.get(1).status());
        assertEquals("*", responses.get(1).header("access-control-allow-origin"));
    }

    @Test
    void preflightWithoutOrWithOddRequestedHeadersAllowsAny() throws Exception {
        for (String requested : new String[] {null, "x-token, <script>"}) {
            HttpRequest.Builder b = request("/live/demo/master.m3u8").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Access-Control-Request-Method", "GET");
            if (requested != null) {
                b.header("Access-Control-Request-Headers", requested);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, r.statusCode());
            assertEquals("*", header(r, "access-control-allow-headers"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethodsAre405WithAllow(String method) throws Exception {
        HttpResponse<String> r = http.send(request("/live/demo/720p/" + NEWEST + ".m4s")
                .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertEquals(Origin.ALLOWED_METHODS, header(r, "allow"));
        assertEquals(Origin.NO_STORE, header(r, "cache-control"));
        assertCors(r);
        assertOriginStillServes();
    }

    // --- hostile requests ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/live/../etc/passwd",
        "/live/demo/%2e%2e/x",
        "/live/demo/720p/..%2F1.m4s",
        "/live/demo/720p/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
        "/live\\demo\\master.m3u8",
        "/live/demo/720p/..\\..\\1.m4s",
        "/live/demo//master.m3u8",
        "/live/demo/720p/abc.m4s",
        "/live/demo/720p/123456789012345678901234567890.m4s",
        "/live/demo/720p/007.m4s",
    })
    void traversalAndMalformedTargetsAre400AndTheOriginKeepsServing(String target) throws Exception {
        RawHttp.Response r = RawHttp.get(port, target);
        assertEquals(400, r.status(), target);
        assertEquals(Origin.NO_STORE, r.header("cache-control"));
        assertEquals(Integer.toString(r.body().length), r.header("content-length"));
        assertEquals("*", r.header("access-control-allow-origin"));
        assertOriginStillServes();
    }

    @Test
    void pathOverTheParserLimitIs400() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "/live/demo/" + "a".repeat(2000));
        assertEquals(400, r.status());
        assertEquals("*", r.header("access-control-allow-origin"));
        assertOriginStillServes();
    }

    @Test
    void badRequestLeavesAKeptAliveConnectionUsable() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "GET /live/../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        + "GET /live/demo/720p/" + NEWEST + ".m4s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                false);
        assertEquals(2, responses.size());
        assertEquals(400, responses.get(0).status());
        assertEquals(200, responses.get(1).status());
        assertArrayEquals(bytes("720p-" + NEWEST, 4000), responses.get(1).body());
    }

    @Test
    void tenKilobyteRequestLineIsRefusedByTheDecoderWithCors() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "GET /live/demo/" + "a".repeat(10 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", false);
        assertRefusedWithCors(responses, 414);
        assertOriginStillServes();
    }

    @Test
    void oversizedHeadersAreRefusedByTheDecoderWithCors() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port,
                "GET /time HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20 * 1024) + "\r\n\r\n", false);
        assertRefusedWithCors(responses, 431);
        assertOriginStillServes();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("io.glass2glass.testing.RawHttp#malformedRequests")
    void garbageIsRefusedWithCorsAndTheOriginKeepsServing(String garbage) throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(port, garbage, false);
        assertEquals(1, responses.size());
        assertEquals(400, responses.get(0).status());
        assertEquals("*", responses.get(0).header("access-control-allow-origin"));
        assertEquals(Origin.NO_STORE, responses.get(0).header("cache-control"));
        assertOriginStillServes();
    }

    @Test
    void unsupportedHttpVersionIsRefusedByVertxAndTheOriginKeepsServing() throws Exception {
        // Vert.x answers versions other than 1.0 and 1.1 itself, before any handler of ours runs.
        List<RawHttp.Response> responses = RawHttp.exchange(port, "GET /time HTTP/9.9\r\nHost: x\r\n\r\n", false);
        assertEquals(1, responses.size());
        assertEquals(501, responses.get(0).status());
        assertOriginStillServes();
    }

    // --- time, health, metrics ----------------------------------------------------------------

    @Test
    void timeIsAnIsoInstantWithMillisecondsCloseToNow() throws Exception {
        HttpResponse<String> r = get("/time");
        assertEquals(200, r.statusCode());
        assertTrue(header(r, "content-type").startsWith("text/plain"));
        assertEquals(Origin.NO_STORE, header(r, "cache-control"));
        assertTrue(r.body().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), r.body());
        long skew = Math.abs(Duration.between(Instant.parse(r.body()), Instant.now()).toMillis());
        assertTrue(skew < 5_000, "clock skew " + skew + " ms");
        assertCors(r);
    }

    @Test
    void healthListsStreamsWithLivenessAndSegmentCounts() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", header(r, "content-type"));
        assertEquals(Origin.NO_STORE, header(r, "cache-control"));
        JsonObject health = new JsonObject(r.body());
        assertEquals("UP", health.getString("status"));
        assertEquals(new JsonObject()
                        .put("name", "demo").put("live", true)
                        .put("segments", new JsonObject().put("720p", 8).put("audio", 8)),
                health.getJsonArray("streams").getJsonObject(0));
        assertEquals(new JsonObject()
                        .put("name", "pending").put("live", false)
                        .put("segments", new JsonObject().put("720p", 0)),
                health.getJsonArray("streams").getJsonObject(1));
    }

    @Test
    void metricsCountRequestsByKindAndStatusAndIncludeEverySource() throws Exception {
        get("/live/demo/master.m3u8");
        getBytes("/live/demo/720p/" + NEWEST + ".m4s");
        getBytes("/live/demo/720p/" + NEWEST + ".m4s");
        get("/live/demo/720p/0.m4s");
        RawHttp.get(port, "/live/../etc/passwd");
        http.send(request("/time").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(Origin.PROMETHEUS_TYPE, header(r, "content-type"));
        String text = r.body();
        for (String sample : List.of(
                "g2g_origin_requests_total{kind=\"multivariant\",status=\"200\"} 1",
                "g2g_origin_requests_total{kind=\"segment\",status=\"200\"} 2",
                "g2g_origin_requests_total{kind=\"segment\",status=\"404\"} 1",
                "g2g_origin_requests_total{kind=\"invalid\",status=\"400\"} 1",
                "g2g_origin_requests_total{kind=\"time\",status=\"405\"} 1",
                "g2g_origin_response_bytes_total{kind=\"segment\"} " + (2 * 4000 + "segment not available\n".length()),
                "g2g_segments_produced_total{stream=\"demo\",rendition=\"720p\"} 12",
                "g2g_segments_produced_total{stream=\"demo\",rendition=\"audio\"} 12",
                "g2g_segments_produced_total{stream=\"pending\",rendition=\"720p\"} 0",
                "g2g_stream_live{stream=\"demo\"} 1",
                "g2g_stream_live{stream=\"pending\"} 0",
                "# TYPE g2g_origin_requests_total counter",
                "# TYPE g2g_encoder_speed_ratio gauge",
                "g2g_encoder_speed_ratio 1.50000")) {
            assertTrue(text.lines().anyMatch(sample::equals), "missing " + sample + " in\n" + text);
        }
        assertEquals(2, origin.metrics().requests(RequestKind.of(ObjectKind.SEGMENT), 200));
    }

    // --- lifecycle ----------------------------------------------------------------------------

    @Test
    void actualPortIsUnavailableBeforeStart() {
        Origin idle = new Origin(new LiveStreams(), new MemorySegmentStore(), List.of(), OriginOptions.defaults());
        assertThrows(IllegalStateException.class, idle::actualPort);
        assertTrue(port > 0);
    }

    @Test
    void undeployClosesTheServer() throws Exception {
        await(vertx.undeploy(origin.deploymentID()));
        assertThrows(IOException.class, () -> RawHttp.get(port, "/time"));
    }

    // --- helpers ------------------------------------------------------------------------------

    /** After a bad request: a new connection to the same server still gets a segment. */
    private void assertOriginStillServes() throws IOException {
        RawHttp.Response r = RawHttp.get(port, "/live/demo/720p/" + NEWEST + ".m4s");
        assertEquals(200, r.status());
        assertArrayEquals(bytes("720p-" + NEWEST, 4000), r.body());
    }

    /** The decoder's refusal, answered by our invalid-request handler: status, CORS, and the connection closed. */
    private static void assertRefusedWithCors(List<RawHttp.Response> responses, int status) {
        assertEquals(1, responses.size(), "one response, then the connection closes");
        RawHttp.Response r = responses.get(0);
        assertEquals(status, r.status());
        assertEquals("*", r.header("access-control-allow-origin"));
        assertEquals(Origin.NO_STORE, r.header("cache-control"));
        assertEquals("close", r.header("connection"));
    }

    private static void assertCors(HttpResponse<?> r) {
        assertEquals("*", header(r, "access-control-allow-origin"));
        String exposed = header(r, "access-control-expose-headers");
        assertNotNull(exposed);
        for (String h : List.of("Content-Length", "Age", "Date", "X-Cache")) {
            assertTrue(exposed.contains(h), exposed);
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return http.send(request(target).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String target) throws IOException, InterruptedException {
        return http.send(request(target).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Distinct, recognisable bytes of the given size. */
    private static byte[] bytes(String label, int size) {
        byte[] seed = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = seed[i % seed.length];
        }
        return out;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

}
