package io.glass2glass.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.rtmp.client.RtmpPublishException;
import io.glass2glass.rtmp.client.RtmpPublisher;
import io.glass2glass.testing.EndToEnd;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic mode of the pipeline: the source publishes over RTMP into the ingest, which feeds the origin. */
@EndToEnd
class LivePipelineTest {

    @Test
    void syntheticSourcePublishesThroughTheIngestEvenWhenAKeysFileDoesNotNameIt(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), "# outside encoders\nouts1der cam9\n");
        LivePipeline.Options options = LivePipeline.Options.defaults().withHttpPort(0).withLadder("tiny").withRtmpKeys(keys);
        Vertx vertx = Vertx.vertx();
        try (LivePipeline pipeline = LivePipeline.start(options)) {
            assertTrue(pipeline.awaitSegments(2, Duration.ofSeconds(60)), "the synthetic stream goes live through the ingest");
            assertEquals(LivePipeline.Source.SYNTHETIC, pipeline.source());
            assertEquals(1, pipeline.publisher().publishes());
            assertNotEquals(0, pipeline.rtmpPort());
            URI ingest = URI.create("rtmp://127.0.0.1:" + pipeline.rtmpPort() + "/live/");

            // The stream name is not a key: the keys file is enforced for everyone else.
            Throwable refused = failure(RtmpPublisher.publish(vertx, ingest.resolve("demo"), RtmpPublisher.Options.defaults()));
            assertEquals("NetStream.Publish.Denied", assertInstanceOf(RtmpPublishException.class, refused).code());

            RtmpPublisher outsider = RtmpPublisher.publish(vertx, ingest.resolve("outs1der"), RtmpPublisher.Options.defaults())
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            outsider.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            assertTrue(pipeline.publisher().isPublishing(), "the synthetic publisher carries on");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
