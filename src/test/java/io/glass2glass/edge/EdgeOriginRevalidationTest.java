package io.glass2glass.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.hls.SyntheticStream;
import io.glass2glass.packager.origin.Origin;
import io.glass2glass.packager.origin.OriginOptions;
import io.glass2glass.storage.MemorySegmentStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge in front of our own origin: playlists it must revalidate come back as 304s while they have not changed. */
class EdgeOriginRevalidationTest {

    private Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnchangedPlaylistIsRevalidatedWithoutItsBody() throws Exception {
        LiveStreams streams = new LiveStreams();
        SyntheticStream stream = SyntheticStream.ladder(6).append(4);
        streams.add(stream.index());
        vertx = Vertx.vertx();
        Origin origin = new Origin(streams, new MemorySegmentStore(), List.<MetricsSource>of(), OriginOptions.of("127.0.0.1", 0));
        vertx.deployVerticle(origin).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        EdgeCache edge = new EdgeCache(EdgeOptions.of("edge", "127.0.0.1", 0, URI.create("http://127.0.0.1:" + origin.actualPort())),
                EdgeProfile.load("short-ttl"));
        vertx.deployVerticle(edge).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        URI playlist = URI.create("http://127.0.0.1:" + edge.actualPort() + "/live/" + stream.index().stream() + "/720p/media.m3u8");

        HttpResponse<String> first = http.send(HttpRequest.newBuilder(playlist).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(HttpRequest.newBuilder(playlist).build(), HttpResponse.BodyHandlers.ofString());
        stream.append(1);
        HttpResponse<String> third = http.send(HttpRequest.newBuilder(playlist).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals("MISS", first.headers().firstValue("x-cache").orElse(""));
        assertEquals("REVALIDATED", second.headers().firstValue("x-cache").orElse(""), "the origin answered 304");
        assertEquals(first.body(), second.body());
        assertEquals(200, third.statusCode());
        assertEquals(true, third.body().contains("5.m4s") && !first.body().contains("5.m4s"), "a changed playlist is fetched whole");
        long playlistsFromOrigin = origin.metrics().requests(io.glass2glass.packager.origin.RequestKind.of(ObjectKind.MEDIA_PLAYLIST), 304);
        assertEquals(1, playlistsFromOrigin, "one 304 from the origin");
    }
}
