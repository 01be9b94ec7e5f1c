package io.glass2glass.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.testing.EndToEnd;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stage figures {@code run} writes as the summary's pipeline section, read from a running pipeline. */
@EndToEnd
class StageMeterTest {

    private LivePipeline pipeline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws Exception {
        pipeline = LivePipeline.start(LivePipeline.Options.defaults().withHttpPort(0).withLadder("tiny").withEdges(1, "cdn-live", 0));
        assertTrue(pipeline.awaitSegments(2, Duration.ofSeconds(60)), "stream live");
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void namesEachStagesEventLoopAndCatchesTheOneThatWasBlocked() throws Exception {
        StageMeter meter = StageMeter.start(pipeline);
        long egressBefore = pipeline.origin().metrics().responseBytes();
        // A handler that blocks the origin's event loop for 400 ms, as a slow synchronous call would.
        pipeline.eventLoops().get("origin").runOnContext(v -> sleep(400));
        for (int i = 0; i < 6; i++) {
            String media = body(pipeline.originStreamUrl() + "master.m3u8").lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .findFirst().orElseThrow();
            String playlist = body(pipeline.originStreamUrl() + media);
            String segment = playlist.lines().filter(l -> l.endsWith(".m4s")).reduce((a, b) -> b).orElseThrow();
            body(URI.create(pipeline.originStreamUrl() + media).resolve(segment).toString());
            Thread.sleep(500);
        }
        JsonObject stages = meter.stop();

        JsonObject delay = stages.getJsonObject("eventLoopDelayMs");
        assertEquals(Set.of("origin", "ingest", "edge-1"), delay.fieldNames(), stages.encodePrettily());
        assertTrue(delay.getJsonObject("origin").getDouble("max") >= 300, "the blocked loop: " + delay);
        assertTrue(delay.getJsonObject("edge-1").getDouble("max") < 300, "the edge's loop was not blocked: " + delay);
        JsonObject cpu = stages.getJsonObject("cpuCores");
        assertTrue(cpu.getDouble("process") > 0.05, "the encoders keep the process busy: " + cpu);
        assertTrue(cpu.getDouble("process") <= Runtime.getRuntime().availableProcessors() + 0.5, cpu.encode());
        assertTrue(cpu.getJsonObject("eventLoop").fieldNames().stream().anyMatch(s -> s.contains("origin")), cpu.encode());
        assertTrue(stages.getDouble("encoderSpeedRatio") > 0, "the slowest rung's speed: " + stages);
        assertTrue(stages.getDouble("encoderRealtimeRatio") > 0.5, "the encoders keep up with the live source: " + stages);
        assertTrue(stages.getLong("originEgressBytes") > 0, stages.encode());
        assertTrue(stages.getLong("originEgressBytes") <= pipeline.origin().metrics().responseBytes() - egressBefore, stages.encode());
    }

    private String body(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
