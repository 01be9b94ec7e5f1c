package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.ingest.rtmp.client.RtmpPublishException;
import io.glass2glass.ingest.rtmp.client.RtmpPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The synthetic mode of the pipeline: the source publishes over RTMP into the ingest, which feeds the origin. */
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

    @Test
    void serveOnFreePortsPrintsTheRtmpUrlItListensOn() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int rc;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            rc = new CommandLine(new ServeCommand()).execute("--ladder", "tiny", "--http-port", "0", "--edges", "0", "--rtmp-port", "0",
                    "--stream", "cam1", "--duration", "3s");
        } finally {
            System.setOut(previous);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, printed);
        Matcher rtmp = Pattern.compile("RTMP  rtmp://127\\.0\\.0\\.1:(\\d+)/live/\\{key\\}.*stream cam1").matcher(printed);
        assertTrue(rtmp.find(), printed);
        assertNotEquals("0", rtmp.group(1), "the chosen port is printed");
        assertTrue(printed.contains("/live/cam1/master.m3u8"), printed);
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
