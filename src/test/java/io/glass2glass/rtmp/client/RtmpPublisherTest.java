package io.glass2glass.rtmp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.rtmp.amf.Amf0EcmaArray;
import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.chunk.Acknowledgement;
import io.glass2glass.rtmp.chunk.ProtocolControlMessage;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.SetChunkSize;
import io.glass2glass.rtmp.chunk.UserControlMessage;
import io.glass2glass.rtmp.message.AudioMessage;
import io.glass2glass.rtmp.message.CommandMessage;
import io.glass2glass.rtmp.message.DataMessage;
import io.glass2glass.rtmp.message.VideoMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RtmpPublisher} on loopback against {@link ScriptedRtmpServer}, which is made of the real
 * server codec stages: the command sequence (RTMP spec 1.0 §7.2), chunking and timestamps (§5.3),
 * control messages (§5.4, §7.1.7), refusals, timeouts and back-pressure.
 */
class RtmpPublisherTest {

    private Vertx vertx;
    private ScriptedRtmpServer server;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        await(vertx.close());
    }

    private RtmpPublisher publish(ScriptedRtmpServer.Script script, String path) throws Exception {
        server = new ScriptedRtmpServer(vertx, script);
        return await(RtmpPublisher.publish(vertx, URI.create("rtmp://127.0.0.1:" + server.port() + path), RtmpPublisher.Options.defaults()));
    }

    @Test
    void publishSendsTheCommandSequenceEncodersSendAndStartsOnPublishStart() throws Exception {
        RtmpPublisher publisher = publish(ScriptedRtmpServer.Script.NORMAL, "/live/cam1");
        assertTrue(publisher.isPublishing());
        assertEquals(1, publisher.streamId());

        RtmpMessage first = server.received.get(0);
        assertEquals(new SetChunkSize(4096), ProtocolControlMessage.decode(first).orElseThrow(), "Set Chunk Size right after the handshake");
        List<CommandMessage> commands = server.commands();
        assertEquals(List.of("connect", "releaseStream", "FCPublish", "createStream", "publish"),
                commands.stream().map(CommandMessage::name).toList());
        Amf0Object connect = (Amf0Object) commands.get(0).commandObject();
        assertEquals("live", connect.string("app").orElseThrow());
        assertEquals("nonprivate", connect.string("type").orElseThrow());
        assertTrue(connect.string("flashVer").orElseThrow().startsWith("FMLE/3.0"));
        assertEquals("rtmp://127.0.0.1:" + server.port() + "/live", connect.string("tcUrl").orElseThrow());
        assertEquals(List.of(new Amf0String("cam1")), commands.get(1).arguments());
        assertEquals(List.of(new Amf0String("cam1")), commands.get(2).arguments());
        CommandMessage publish = commands.get(4);
        assertEquals(1, publish.messageStreamId(), "publish goes on the created stream");
        assertEquals(List.of(new Amf0String("cam1"), new Amf0String("live")), publish.arguments());
        assertEquals(5, commands.stream().map(CommandMessage::transactionId).distinct().count(), "one transaction id per command");
        await(publisher.close());
    }

    @Test
    void metadataGoesOutAsSetDataFrameOnMetaData() throws Exception {
        RtmpPublisher publisher = publish(ScriptedRtmpServer.Script.NORMAL, "/live/cam1");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("width", 1280);
        metadata.put("height", 720);
        metadata.put("videocodecid", 7);
        metadata.put("stereo", true);
        metadata.put("encoder", "glass2glass");
        await(publisher.sendMetadata(metadata));
        awaitCondition(() -> !server.data().isEmpty());
        DataMessage data = server.data().get(0);
        assertEquals(DataMessage.SET_DATA_FRAME, data.name());
        assertEquals(1, data.messageStreamId());
        var properties = ((Amf0EcmaArray) data.values().get(1)).properties();
        assertEquals(new Amf0Number(1280), properties.get("width"));
        assertEquals(new Amf0String("glass2glass"), properties.get("encoder"));
        assertEquals(1280.0, data.metadata().orElseThrow().width().orElseThrow());
        await(publisher.close());
    }

    @Test
    void mediaKeepsItsBytesAndTimestampsThroughExtendedTimestampsAndTheWrap() throws Exception {
        RtmpPublisher publisher = publish(ScriptedRtmpServer.Script.NORMAL, "/live/cam1");
        byte[] big = new byte[10_000]; // three chunks of 4096
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        long[] timestamps = {0, 0xFFFFFE, 0xFFFFFF, 0x1000000, 0xFFFFFFFFL, 0x1_0000_0005L};
        long[] onTheWire = {0, 0xFFFFFE, 0xFFFFFF, 0x1000000, 0xFFFFFFFFL, 5};
        for (long t : timestamps) {
            publisher.sendVideo(t, big);
            publisher.sendAudio(t, new byte[] {(byte) 0xaf, 1, 2, 3});
        }
        awaitCondition(() -> server.received.stream().filter(m -> m.typeId() == AudioMessage.TYPE_ID).count() == timestamps.length);
        List<RtmpMessage> video = server.received.stream().filter(m -> m.typeId() == VideoMessage.TYPE_ID).toList();
        List<RtmpMessage> audio = server.received.stream().filter(m -> m.typeId() == AudioMessage.TYPE_ID).toList();
        for (int i = 0; i < timestamps.length; i++) {
            assertEquals(onTheWire[i], video.get(i).timestamp(), "video timestamp " + Long.toHexString(timestamps[i]));
            assertEquals(onTheWire[i], audio.get(i).timestamp(), "audio timestamp " + Long.toHexString(timestamps[i]));
            assertArrayEquals(big, video.get(i).payload());
            assertEquals(1, video.get(i).messageStreamId());
        }
        await(publisher.close());
    }

    @Test
    void closeSendsFcUnpublishAndDeleteStreamThenClosesTheSocket() throws Exception {
        RtmpPublisher publisher = publish(ScriptedRtmpServer.Script.NORMAL, "/live/cam1");
        CountDownLatch closed = new CountDownLatch(1);
        publisher.closeHandler(v -> closed.countDown());
        await(publisher.close());
        assertTrue(closed.await(5, TimeUnit.SECONDS), "close handler called");
        awaitCondition(() -> server.commands().stream().anyMatch(c -> c.name().equals("deleteStream")));
        List<String> names = server.commands().stream().map(CommandMessage::name).toList();
        assertEquals(List.of("FCUnpublish", "deleteStream"), names.subList(names.size() - 2, names.size()));
        assertEquals(List.of(new Amf0Number(1)), server.commands().get(names.size() - 1).arguments());
        assertFalse(publisher.isPublishing());
        assertInstanceOf(IllegalStateException.class, failure(publisher.sendVideo(0, new byte[] {0x17})));
    }

    @Test
    void pingRequestsAreAnsweredAndEveryWindowIsAcknowledged() throws Exception {
        RtmpPublisher publisher = publish(ScriptedRtmpServer.Script.PING_AND_SMALL_WINDOW, "/live/cam1");
        awaitCondition(() -> controls(UserControlMessage.PingResponse.class).size() == 1
                && controls(Acknowledgement.class).size() >= 2);
        assertEquals(new UserControlMessage.PingResponse(ScriptedRtmpServer.PING_TIMESTAMP),
                controls(UserControlMessage.PingResponse.class).get(0));
        List<Acknowledgement> acks = controls(Acknowledgement.class);
        long previous = 0;
        for (Acknowledgement ack : acks) {
            assertTrue(ack.sequenceNumber() - previous >= ScriptedRtmpServer.SMALL_WINDOW, "one ack per window: " + acks);
            assertTrue(ack.sequenceNumber() <= server.bytesSentToClient.get(), "never more than received: " + acks);
            previous = ack.sequenceNumber();
        }
        await(publisher.close());
    }

    @Test
    void connectErrorFailsThePublishWithTheServersCodeAndDescription() {
        RtmpPublishException e = publishFailure(ScriptedRtmpServer.Script.REJECT_CONNECT, RtmpPublisher.Options.defaults());
        assertEquals("NetConnection.Connect.Rejected", e.code());
        assertEquals("No such application.", e.description());
    }

    @Test
    void silentServerFailsThePublishOnTimeout() {
        RtmpPublishException e = publishFailure(ScriptedRtmpServer.Script.SILENT,
                RtmpPublisher.Options.defaults().withTimeout(Duration.ofMillis(400)));
        assertEquals(RtmpPublishException.TIMEOUT, e.code());
        assertTrue(e.description().contains("HANDSHAKE"), e.description());
    }

    @Test
    void foreignS0VersionFailsTheHandshakeWithTheReason() {
        RtmpPublishException e = publishFailure(ScriptedRtmpServer.Script.S0_VERSION_6, RtmpPublisher.Options.defaults());
        assertEquals(RtmpPublishException.HANDSHAKE, e.code());
        assertTrue(e.description().contains("version 6"), e.description());
    }

    @Test
    void connectionClosedBeforePublishStartFailsThePublish() {
        RtmpPublishException e = publishFailure(ScriptedRtmpServer.Script.CLOSE_AFTER_CONNECT, RtmpPublisher.Options.defaults());
        assertEquals(RtmpPublishException.CLOSED, e.code());
        assertTrue(e.description().contains("CONNECT_SENT"), e.description());
    }

    @Test
    void nothingListeningFailsThePublishWithConnect() throws Exception {
        ScriptedRtmpServer gone = new ScriptedRtmpServer(vertx, ScriptedRtmpServer.Script.NORMAL);
        int port = gone.port();
        gone.close();
        Throwable t = failure(RtmpPublisher.publish(vertx, URI.create("rtmp://127.0.0.1:" + port + "/live/x"), RtmpPublisher.Options.defaults()));
        assertEquals(RtmpPublishException.CONNECT, ((RtmpPublishException) t).code());
    }

    @Test
    void urlWithoutAStreamKeyIsRefused() {
        Throwable t = failure(RtmpPublisher.publish(vertx, URI.create("rtmp://127.0.0.1:1935/live"), RtmpPublisher.Options.defaults()));
        assertInstanceOf(IllegalArgumentException.class, t);
    }

    @Test
    void fullWriteQueueIsReportedUntilTheServerReadsAgainThenDrains() throws Exception {
        server = new ScriptedRtmpServer(vertx, ScriptedRtmpServer.Script.NORMAL);
        RtmpPublisher publisher = await(RtmpPublisher.publish(vertx, URI.create("rtmp://127.0.0.1:" + server.port() + "/live/cam1"),
                RtmpPublisher.Options.defaults().withWriteQueueMaxBytes(256 * 1024)));
        server.pauseReading();
        byte[] frame = new byte[64 * 1024];
        long sent = 0;
        // Loopback socket buffers hold a few MiB: keep writing until the queue fills and stays full.
        int fullChecks = 0;
        while (fullChecks < 5 && sent < 512L * 1024 * 1024) {
            if (publisher.writeQueueFull()) {
                fullChecks++;
                Thread.sleep(100);
            } else {
                fullChecks = 0;
                publisher.sendVideo(sent / 1000, frame);
                sent += frame.length;
            }
        }
        assertTrue(publisher.writeQueueFull(), "queue full and staying full after " + sent + " bytes while the server does not read");
        CountDownLatch drained = new CountDownLatch(1);
        publisher.drainHandler(v -> drained.countDown());
        server.resumeReading();
        assertTrue(drained.await(10, TimeUnit.SECONDS), "drain handler once the server reads again");
        assertTrue(publisher.queuedBytes() <= 128 * 1024, "drained to half: " + publisher.queuedBytes());
        await(publisher.close());
    }

    private <T> List<T> controls(Class<T> type) {
        return server.received.stream().map(ProtocolControlMessage::decode).filter(o -> o.isPresent() && type.isInstance(o.get()))
                .map(o -> type.cast(o.get())).toList();
    }

    private RtmpPublishException publishFailure(ScriptedRtmpServer.Script script, RtmpPublisher.Options options) {
        try {
            server = new ScriptedRtmpServer(vertx, script);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Throwable t = failure(RtmpPublisher.publish(vertx, URI.create("rtmp://127.0.0.1:" + server.port() + "/live/cam1"), options));
        return assertInstanceOf(RtmpPublishException.class, t);
    }

    static Throwable failure(Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
