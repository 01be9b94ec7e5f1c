package io.glass2glass.rtmp.client;

import static io.glass2glass.rtmp.client.RtmpPublisherTest.await;
import static io.glass2glass.rtmp.client.RtmpPublisherTest.awaitCondition;
import static io.glass2glass.rtmp.client.RtmpPublisherTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.ingest.rtmp.RtmpIngestOptions;
import io.glass2glass.ingest.rtmp.RtmpServer;
import io.glass2glass.metrics.PrometheusText;
import io.glass2glass.testing.RecordingSinks;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RtmpPublisher} against our own ingest, {@link RtmpServer}: accepted, refused, and failed publishes (RTMP spec 1.0 §7.2.2.6). */
class RtmpPublisherIngestTest {

    private final Vertx vertx = Vertx.vertx();
    private final RecordingSinks sinks = new RecordingSinks();
    private RtmpServer rtmp;

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private URI start(RtmpIngestOptions options, String key) throws Exception {
        rtmp = new RtmpServer(sinks, options);
        await(vertx.deployVerticle(rtmp));
        return URI.create("rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/" + key);
    }

    @Test
    void publishStartsTheStreamOnTheIngestAndCloseEndsIt() throws Exception {
        URI url = start(RtmpIngestOptions.of("127.0.0.1", 0), "cam1");
        RtmpPublisher publisher = await(RtmpPublisher.publish(vertx, url, RtmpPublisher.Options.defaults()));
        assertEquals(List.of("cam1"), streams(), "the ingest opened the stream's sink");
        assertEquals(1, publishers());
        await(publisher.close());
        awaitCondition(() -> publishers() == 0);
    }

    @Test
    void wrongKeyIsDeniedWithTheServersStatusCode(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), "s3cret cam1\n");
        URI url = start(RtmpIngestOptions.of("127.0.0.1", 0).withKeysFile(keys), "wrong");
        RtmpPublishException e = assertInstanceOf(RtmpPublishException.class,
                failure(RtmpPublisher.publish(vertx, url, RtmpPublisher.Options.defaults())));
        assertEquals("NetStream.Publish.Denied", e.code());
        assertTrue(e.description().contains("not allowed"), e.description());

        RtmpPublisher good = await(RtmpPublisher.publish(vertx, url.resolve("s3cret"), RtmpPublisher.Options.defaults()));
        assertEquals(List.of("cam1"), streams(), "the right key publishes to its stream name");
        await(good.close());
    }

    @Test
    void secondPublisherToALiveStreamIsRefusedAsBadName() throws Exception {
        URI url = start(RtmpIngestOptions.of("127.0.0.1", 0), "cam1");
        RtmpPublisher first = await(RtmpPublisher.publish(vertx, url, RtmpPublisher.Options.defaults()));
        RtmpPublishException e = assertInstanceOf(RtmpPublishException.class,
                failure(RtmpPublisher.publish(vertx, url, RtmpPublisher.Options.defaults())));
        assertEquals("NetStream.Publish.BadName", e.code());
        assertTrue(first.isPublishing(), "the first publisher carries on");
        await(first.close());
    }

    @Test
    void codecTheIngestRefusesEndsThePublishWithPublishFailed() throws Exception {
        URI url = start(RtmpIngestOptions.of("127.0.0.1", 0), "cam1");
        RtmpPublisher publisher = await(RtmpPublisher.publish(vertx, url, RtmpPublisher.Options.defaults()));
        CountDownLatch closed = new CountDownLatch(1);
        publisher.closeHandler(v -> closed.countDown());
        // An Enhanced RTMP HEVC sequence start: recognised by the ingest and refused.
        publisher.sendVideo(0, HexFormat.of().parseHex("906876633101020304"));
        assertTrue(closed.await(20, TimeUnit.SECONDS), "the ingest closed the connection");
        assertTrue(publisher.closeReason().contains("NetStream.Publish.Failed"), publisher.closeReason());
        assertTrue(publisher.closeReason().contains("hvc1"), publisher.closeReason());
    }

    private List<String> streams() {
        return sinks.publishes.stream().map(p -> p.stream).toList();
    }

    private int publishers() {
        PrometheusText text = new PrometheusText();
        rtmp.writePrometheus(text);
        Matcher m = Pattern.compile("(?m)^g2g_rtmp_publishers (\\d+)").matcher(text.toString());
        assertTrue(m.find(), text.toString());
        return Integer.parseInt(m.group(1));
    }
}
