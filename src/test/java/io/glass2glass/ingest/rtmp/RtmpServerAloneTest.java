package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.ExternalTool;
import io.glass2glass.testing.RecordingSinks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest stage alone: Debian's ffmpeg publishes into an {@link RtmpServer} whose
 * {@link PublishSinks} only record, with no encoder, packager or store behind it.
 */
@EndToEnd
class RtmpServerAloneTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void aPublishFeedsThePipelineItsSinkOpenedThenFinishesAndClosesIt() throws Exception {
        RecordingSinks sinks = new RecordingSinks();
        RecordingSinks.Publish p = publish(sinks, "cam1");
        assertEquals("cam1", p.stream);
        assertEquals(java.util.Set.of(MediaKind.VIDEO, MediaKind.AUDIO), p.tracks.stream().map(TrackInfo::kind).collect(java.util.stream.Collectors.toSet()));
        assertTrue(p.tracks.stream().anyMatch(t -> t.codecs().startsWith("avc1.")), p.tracks.toString());
        assertTrue(p.tracks.stream().anyMatch(t -> t.codecs().startsWith("mp4a.40.2")), p.tracks.toString());
        List<MediaSample> video = p.samples.stream().filter(s -> s.kind() == MediaKind.VIDEO).toList();
        assertEquals(30, video.size(), "one second at 30 fps");
        assertTrue(video.get(0).dts() < 100, "a new stream keeps the publisher's clock (ffmpeg starts near 0): " + video.get(0).dts());
        assertTrue(video.get(0).keyframe());
        assertTrue(p.threadName.startsWith("rtmp-package-"), "a packaging-only sink runs on the shared pool: " + p.threadName);
    }

    @Test
    void aResumedStreamsTimestampsStartOnTheBoundaryAfterItsTimeline() throws Exception {
        // The stream's segments end at 6 s, its time 0 was 25.3 s ago: the publish starts on a boundary from 26 s on.
        long now = System.currentTimeMillis();
        RecordingSinks sinks = new RecordingSinks(new StreamResume(true, 2000, now - 25_300, 6_000), true);
        RecordingSinks.Publish p = publish(sinks, "cam1");
        MediaSample first = p.samples.stream().filter(s -> s.kind() == MediaKind.VIDEO).findFirst().orElseThrow();
        long elapsedAtEnd = System.currentTimeMillis() - (now - 25_300);
        assertTrue(first.dts() >= 26_000 && first.dts() <= elapsedAtEnd + 2_000 + 100,
                "moved past the timeline and the wall clock's stream time: " + first.dts());
        assertTrue(first.dts() % 2_000 < 100, "onto a segment boundary (ffmpeg's own start offset is under 100 ms): " + first.dts());
        assertTrue(p.threadName.startsWith("rtmp-ingest-"), "an encoding sink gets a thread of its own: " + p.threadName);
    }

    /** Publishes one second of H.264/AAC to {@code stream} and waits for its publish to be finished and closed. */
    private RecordingSinks.Publish publish(RecordingSinks sinks, String stream) throws Exception {
        RtmpServer rtmp = new RtmpServer(sinks, RtmpIngestOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(rtmp));
        ExternalTool.Result r = ExternalTool.run(60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac",
                "-f", "flv", "rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/" + stream);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(1, sinks.publishes.size());
        RecordingSinks.Publish p = sinks.publishes.get(0);
        assertTrue(p.finished.await(20, TimeUnit.SECONDS), "the end of the publish reached the pipeline");
        assertTrue(p.closed.await(20, TimeUnit.SECONDS), "the pipeline was closed");
        return p;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
