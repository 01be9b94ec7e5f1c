package io.glass2glass.rtmp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.rtmp.chunk.RtmpMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The publisher-side state machine (RTMP spec 1.0 §7.2, §7.3.1) against the ffmpeg command sequence. */
class PublishSessionTest {

    private final RtmpMessageDecoder decoder = new RtmpMessageDecoder();
    private final PublishSession session = new PublishSession();

    @Test
    void ffmpegSequenceIsAnsweredWithMatchingTransactionIdsAndAPublishRequest() {
        SessionStep connect = send("connect (ffmpeg)");
        assertEquals(PublishSession.State.CONNECTED, session.state());
        List<RtmpMessage> expectedConnect = new ArrayList<>(RtmpMessageEncoder.connectControl());
        expectedConnect.add(MessageCodecTable.row("_result for connect").raw());
        assertEquals(expectedConnect, connect.replies());
        assertEquals(1.0, result(connect.replies().get(4)).transactionId());
        assertEquals(List.of(), connect.events());

        assertEquals(SessionStep.NOTHING, send("releaseStream"));
        assertEquals(List.of(RtmpMessageEncoder.onFcPublish("key")), send("FCPublish").replies());

        SessionStep createStream = send("createStream");
        assertEquals(PublishSession.State.STREAM_CREATED, session.state());
        assertEquals(List.of(MessageCodecTable.row("_result for createStream").raw()), createStream.replies());
        assertEquals(4.0, result(createStream.replies().get(0)).transactionId());

        SessionStep publish = send("publish");
        assertEquals(List.of(), publish.replies());
        assertEquals(List.of(new PublishEvent.PublishRequested("live", "key", PublishType.LIVE)), publish.events());
    }

    @Test
    void acceptAnswersPublishStartAndLetsMetadataAndMediaThrough() {
        publishRequested();
        SessionStep accepted = session.accept("key");
        assertEquals(PublishSession.State.PUBLISHING, session.state());
        assertEquals(List.of(RtmpMessageEncoder.streamBegin(1), MessageCodecTable.row("onStatus NetStream.Publish.Start").raw()),
                accepted.replies());

        SessionStep metadata = send("@setDataFrame onMetaData (ffmpeg)");
        PublishEvent.MetadataArrived arrived = assertInstanceOf(PublishEvent.MetadataArrived.class,
                metadata.events().get(0));
        assertEquals(1280.0, arrived.metadata().width().orElseThrow());

        VideoMessage video = new VideoMessage(1, 0, new byte[] {0x17, 0, 0, 0, 0});
        assertEquals(List.of(new PublishEvent.MediaArrived(video)), session.handle(video).events());
        AudioMessage audio = new AudioMessage(1, 23, new byte[] {(byte) 0xAF, 1, 2});
        assertEquals(List.of(new PublishEvent.MediaArrived(audio)), session.handle(audio).events());
    }

    @Test
    void unpublishAnswersUnpublishSuccessAndCloses() {
        publishRequested();
        session.accept("key");
        SessionStep unpublish = send("FCUnpublish");
        assertEquals(List.of(new PublishEvent.Unpublished("key")), unpublish.events());
        assertEquals(List.of(RtmpMessageEncoder.onStatus(1, PublishStatus.UNPUBLISH_SUCCESS,
                "key is now unpublished.", "key")), unpublish.replies());
        assertEquals(PublishSession.State.CLOSED, session.state());
        assertEquals(SessionStep.NOTHING, send("deleteStream"));
    }

    @Test
    void refuseAnswersAnErrorOnStatusAndCloses() {
        publishRequested();
        SessionStep refused = session.refuse("NetStream.Publish.BadName", "Stream key already in use.");
        assertEquals(List.of(MessageCodecTable.row("onStatus NetStream.Publish.BadName").raw()), refused.replies());
        assertEquals(PublishSession.State.CLOSED, session.state());
        assertEquals(SessionStep.NOTHING, session.handle(new VideoMessage(1, 0, new byte[] {0x17})));
    }

    @Test
    void acceptWithoutAPendingPublishIsAProgrammingError() {
        send("connect (ffmpeg)");
        assertThrows(IllegalStateException.class, () -> session.accept("key"));
    }

    @Test
    void publishBeforeConnectIsAProtocolError() {
        assertProtocolError(send("publish"), "publish before connect");
    }

    @Test
    void createStreamBeforeConnectIsAProtocolError() {
        assertProtocolError(send("createStream"), "createStream before connect");
    }

    @Test
    void publishBeforeCreateStreamIsAProtocolError() {
        send("connect (ffmpeg)");
        assertProtocolError(send("publish"), "publish before createStream");
    }

    @Test
    void connectWithoutCommandObjectIsAProtocolError() {
        assertProtocolError(session.handle(new CommandMessage(0, "connect", 1, null, List.of())),
                "connect without a command object");
    }

    @Test
    void secondConnectIsAProtocolError() {
        send("connect (ffmpeg)");
        assertProtocolError(send("connect (ffmpeg)"), "second connect");
    }

    @Test
    void mediaBeforePublishIsAProtocolError() {
        publishRequested();
        assertProtocolError(session.handle(new VideoMessage(1, 0, new byte[] {0x17})), "media before publish");
    }

    @Test
    void malformedAmfIsAProtocolError() {
        send("connect (ffmpeg)");
        byte[] bytes = MessageCodecTable.row("createStream").bytes();
        bytes[0] = 0x0F;
        SessionStep step = session.handle(decoder.decode(new RtmpMessage(3, 0, 20, 0, bytes)));
        PublishEvent.ProtocolError error = assertInstanceOf(PublishEvent.ProtocolError.class, step.events().get(0));
        assertTrue(error.reason().startsWith("malformed message: "), error.reason());
        assertEquals(PublishSession.State.FAILED, session.state());
        assertEquals(SessionStep.NOTHING, send("createStream"));
    }

    private void publishRequested() {
        send("connect (ffmpeg)");
        send("releaseStream");
        send("FCPublish");
        send("createStream");
        send("publish");
    }

    private SessionStep send(String rowName) {
        return session.handle(decoder.decode(MessageCodecTable.row(rowName).raw()));
    }

    private CommandMessage result(RtmpMessage reply) {
        return (CommandMessage) ((MessageResult.Decoded) decoder.decode(reply)).message();
    }

    private void assertProtocolError(SessionStep step, String reason) {
        assertEquals(List.of(new PublishEvent.ProtocolError(reason)), step.events());
        assertEquals(List.of(), step.replies());
        assertEquals(PublishSession.State.FAILED, session.state());
    }
}
