package io.glass2glass.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.encode.AbrEncoder;
import io.glass2glass.encode.LadderConfig;
import io.glass2glass.ingest.rtmp.RtmpIngestOptions;
import io.glass2glass.ingest.rtmp.RtmpServer;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.Rendition;
import io.glass2glass.packager.LiveStreams;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.client.RtmpPublisher;
import io.glass2glass.rtmp.client.ScriptedRtmpServer;
import io.glass2glass.rtmp.flv.FlvAudioTagParser;
import io.glass2glass.rtmp.flv.FlvTagResult;
import io.glass2glass.rtmp.flv.FlvVideoTagParser;
import io.glass2glass.rtmp.message.AudioMessage;
import io.glass2glass.rtmp.message.CommandMessage;
import io.glass2glass.rtmp.message.VideoMessage;
import io.glass2glass.storage.MemorySegmentStore;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.PackagingIngest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SyntheticPublisher}: what it puts on the wire (FLV tags over RTMP, millisecond times from
 * the encoder's clocks), how it comes back after a dropped connection, and that our ingest turns
 * what it publishes into a live stream.
 */
@EndToEnd
class SyntheticPublisherTest {

    private static final Ladder TINY = LadderConfig.load("tiny");

    private final Vertx vertx = Vertx.vertx();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private <T extends AutoCloseable> T track(T c) {
        running.add(c);
        return c;
    }

    private SyntheticPublisher publish(int port, String key) {
        return track(SyntheticPublisher.start(vertx, URI.create("rtmp://127.0.0.1:" + port + "/live/" + key), TINY,
                RtmpPublisher.Options.defaults(), AbrEncoder::new));
    }

    @Test
    void contributionOfAnEncodingLadderIsItsTopRungCheaplyEncoded() {
        Ladder contribution = SyntheticPublisher.contributionLadder(LadderConfig.load("default"));
        Rendition video = contribution.video().get(0);
        assertEquals(1, contribution.video().size());
        assertEquals(1280, video.width());
        assertEquals(720, video.height());
        assertEquals(5600, video.bitrateKbps(), "twice the top rung");
        assertEquals("ultrafast", contribution.x264Preset());
        assertEquals(30, contribution.frameRate());
        assertEquals(2, contribution.segmentSeconds(), "an IDR every segment");
        assertEquals(48_000, contribution.audioSampleRate());
        assertEquals(128, contribution.audio().bitrateKbps());
    }

    @Test
    void contributionOfAPassthroughLadderIsExactlyItsRung() {
        Ladder passthrough = LadderConfig.load("passthrough");
        Ladder contribution = SyntheticPublisher.contributionLadder(passthrough);
        assertEquals(passthrough.video(), contribution.video());
        assertEquals(passthrough.x264Preset(), contribution.x264Preset());
        assertEquals(passthrough.audio(), contribution.audio());
    }

    @Test
    void publishesMetadataSequenceHeadersThenMediaInRtmpMilliseconds() throws Exception {
        ScriptedRtmpServer server = track(new ScriptedRtmpServer(vertx, ScriptedRtmpServer.Script.NORMAL));
        SyntheticPublisher publisher = publish(server.port(), "cam1");
        assertTrue(publisher.awaitPublishing(Duration.ofSeconds(10)), "published: " + publisher.lastError());
        awaitCondition(() -> media(server, VideoMessage.TYPE_ID).size() >= 70 && media(server, AudioMessage.TYPE_ID).size() >= 100, 20);

        assertEquals(1, server.data().size(), "one onMetaData");
        var metadata = server.data().get(0).metadata().orElseThrow();
        assertEquals(256.0, metadata.width().orElseThrow());
        assertEquals(144.0, metadata.height().orElseThrow());
        assertEquals(30.0, metadata.framerate().orElseThrow());

        List<FlvTagResult> video = parse(media(server, VideoMessage.TYPE_ID), true);
        List<FlvTagResult> audio = parse(media(server, AudioMessage.TYPE_ID), false);
        FlvTagResult.SequenceHeader avc = assertInstanceOf(FlvTagResult.SequenceHeader.class, video.get(0));
        assertTrue(avc.track().codecs().startsWith("avc1."), avc.track().codecs());
        FlvTagResult.SequenceHeader aac = assertInstanceOf(FlvTagResult.SequenceHeader.class, audio.get(0));
        assertEquals(48_000, aac.track().sampleRate());
        assertEquals(2, aac.track().channels());

        // Video: a keyframe at 0, then 30 fps on the millisecond clock (33 or 34 ms apart), a keyframe every 2 s.
        var first = assertInstanceOf(FlvTagResult.Sample.class, video.get(1)).sample();
        assertEquals(0, first.dts());
        assertTrue(first.keyframe());
        long previous = -1;
        for (int i = 1; i < 70; i++) {
            var s = assertInstanceOf(FlvTagResult.Sample.class, video.get(i)).sample();
            long expected = Math.round((i - 1) * 1000.0 / 30);
            assertEquals(expected, s.dts(), 1, "frame " + (i - 1) + " dts");
            assertTrue(s.dts() > previous, "dts grows");
            assertTrue(s.pts() >= s.dts(), "pts not before dts");
            assertEquals((i - 1) % 60 == 0, s.keyframe(), "keyframe every 60 frames, frame " + (i - 1));
            previous = s.dts();
        }
        // Audio: 1024-sample AAC frames at 48 kHz are 21.33 ms, rounded to 21 or 22 ms apart, from 0 on.
        for (int i = 2; i < 100; i++) {
            long a = assertInstanceOf(FlvTagResult.Sample.class, audio.get(i)).sample().dts();
            long b = assertInstanceOf(FlvTagResult.Sample.class, audio.get(i - 1)).sample().dts();
            assertTrue(a - b == 21 || a - b == 22, "audio step " + (a - b) + " at frame " + i);
        }
        assertTrue(assertInstanceOf(FlvTagResult.Sample.class, audio.get(1)).sample().dts() < 100, "audio starts with the video");
    }

    @Test
    void droppedConnectionIsPublishedAgainWithFreshHeadersFromTimeZero() throws Exception {
        ScriptedRtmpServer server = track(new ScriptedRtmpServer(vertx, ScriptedRtmpServer.Script.NORMAL));
        SyntheticPublisher publisher = publish(server.port(), "cam1");
        assertTrue(publisher.awaitPublishing(Duration.ofSeconds(10)), "published: " + publisher.lastError());
        awaitCondition(() -> media(server, VideoMessage.TYPE_ID).size() >= 40, 20);
        int before = server.received.size();
        long dropped = System.nanoTime();

        server.closeConnections();
        awaitCondition(() -> publisher.publishes() == 2, 10);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - dropped);
        assertTrue(seconds >= 1 && seconds < 4, "published again after the first 1 s back-off: " + seconds + " s");
        awaitCondition(() -> media(server, VideoMessage.TYPE_ID).size() >= 80, 20);

        List<RtmpMessage> all = List.copyOf(server.received);
        List<RtmpMessage> after = all.subList(before, all.size());
        List<FlvTagResult> video = parse(after.stream().filter(m -> m.typeId() == VideoMessage.TYPE_ID).toList(), true);
        assertInstanceOf(FlvTagResult.SequenceHeader.class, video.get(0), "fresh AVC sequence header");
        var first = assertInstanceOf(FlvTagResult.Sample.class, video.get(1)).sample();
        assertTrue(first.keyframe(), "the new publish starts on a keyframe");
        assertEquals(0, first.dts(), "and at RTMP time 0");
        assertEquals(2, server.commands().stream().map(CommandMessage::name).filter("publish"::equals).count());
        assertEquals(2, server.data().size(), "fresh metadata");
    }

    @Test
    void serverDownBacksOffThenPublishesOnceItIsBack() throws Exception {
        ScriptedRtmpServer server = new ScriptedRtmpServer(vertx, ScriptedRtmpServer.Script.NORMAL);
        int port = server.port();
        SyntheticPublisher publisher = publish(port, "cam1");
        assertTrue(publisher.awaitPublishing(Duration.ofSeconds(10)), "published: " + publisher.lastError());
        server.close();
        // Down for 1.5 s: the retry after 1 s is refused, the one 2 s later gets through.
        awaitCondition(() -> publisher.lastError() != null && publisher.lastError().contains("cannot connect"), 5);
        Thread.sleep(300);
        ScriptedRtmpServer back = track(new ScriptedRtmpServer(vertx, ScriptedRtmpServer.Script.NORMAL, port));
        awaitCondition(() -> publisher.publishes() == 2, 10);
        awaitCondition(() -> media(back, VideoMessage.TYPE_ID).size() >= 10, 10);
    }

    @Test
    void ourIngestTurnsWhatItPublishesIntoSegmentsOnEveryRendition() throws Exception {
        LiveStreams streams = new LiveStreams();
        RtmpServer rtmp = PackagingIngest.server(streams, new MemorySegmentStore(), "tiny", RtmpIngestOptions.of("127.0.0.1", 0));
        await(vertx.deployVerticle(rtmp));
        SyntheticPublisher publisher = publish(rtmp.actualPort(), "cam1");
        assertTrue(publisher.awaitPublishing(Duration.ofSeconds(10)), "published: " + publisher.lastError());
        awaitCondition(() -> streams.find("cam1").map(i -> {
            StreamIndex.Snapshot s = i.snapshot();
            return s.isLive() && s.renditions().size() == 3 && s.renditions().stream().allMatch(r -> r.segments().size() >= 2);
        }).orElse(false), 40);
        StreamIndex.Snapshot s = streams.find("cam1").orElseThrow().snapshot();
        assertNotNull(s.rendition("144p").orElse(null));
        assertTrue(s.renditions().stream().anyMatch(r -> r.track().kind() == MediaKind.AUDIO));
    }

    @Test
    void publishTakenOverByAnotherPublisherIsNotTakenBack() throws Exception {
        RtmpServer rtmp = PackagingIngest.server(new LiveStreams(), new MemorySegmentStore(), "tiny",
                RtmpIngestOptions.of("127.0.0.1", 0).withTakeOver(true));
        await(vertx.deployVerticle(rtmp));
        SyntheticPublisher publisher = publish(rtmp.actualPort(), "cam1");
        assertTrue(publisher.awaitPublishing(Duration.ofSeconds(10)), "published: " + publisher.lastError());
        RtmpPublisher outsider = RtmpPublisher.publish(vertx, URI.create("rtmp://127.0.0.1:" + rtmp.actualPort() + "/live/cam1"),
                RtmpPublisher.Options.defaults()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitCondition(publisher::takenOver, 10);
        assertTrue(publisher.lastError().contains("NetStream.Unpublish.Success"), publisher.lastError());
        Thread.sleep(2500); // past the first reconnect back-off
        assertEquals(1, publisher.publishes(), "no publish again");
        assertTrue(outsider.isPublishing(), "the publisher that took over keeps the stream");
        await(outsider.close());
    }

    private static List<RtmpMessage> media(ScriptedRtmpServer server, int typeId) {
        return server.received.stream().filter(m -> m.typeId() == typeId).toList();
    }

    private static List<FlvTagResult> parse(List<RtmpMessage> messages, boolean video) {
        FlvVideoTagParser v = new FlvVideoTagParser();
        FlvAudioTagParser a = new FlvAudioTagParser();
        return messages.stream().map(m -> video ? v.parse(m.payload(), m.timestamp(), 0) : a.parse(m.payload(), m.timestamp(), 0)).toList();
    }

    private static void await(Future<?> f) throws Exception {
        f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static void awaitCondition(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
