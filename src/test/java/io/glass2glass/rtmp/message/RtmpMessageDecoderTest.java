package io.glass2glass.rtmp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.SetChunkSize;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding of RTMP messages by type id (RTMP spec 1.0 §7.1) and the typed command and metadata views (§7.2). */
class RtmpMessageDecoderTest {

    private final RtmpMessageDecoder decoder = new RtmpMessageDecoder();

    static Stream<MessageCodecTable.Row> rows() {
        return MessageCodecTable.ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decodesTableRow(MessageCodecTable.Row row) {
        assertEquals(new MessageResult.Decoded(row.message()), decoder.decode(row.raw()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decodesTableRowSentAsAmf3CommandOrDataWithAmf0Body(MessageCodecTable.Row row) {
        RtmpMessage raw = row.raw();
        int amf3Type = raw.typeId() == DataMessage.TYPE_ID ? DataMessage.AMF3_TYPE_ID : CommandMessage.AMF3_TYPE_ID;
        byte[] body = new byte[raw.payload().length + 1];
        System.arraycopy(raw.payload(), 0, body, 1, raw.payload().length);
        RtmpMessage amf3 = new RtmpMessage(raw.chunkStreamId(), raw.messageStreamId(), amf3Type, raw.timestamp(), body);
        assertEquals(new MessageResult.Decoded(row.message()), decoder.decode(amf3));
    }

    @Test
    void connectViewReadsAppTcUrlFlashVerAndObjectEncoding() {
        CommandMessage connect = (CommandMessage) MessageCodecTable.row("connect (ffmpeg)").message();
        assertEquals(new Command.Connect("live", "rtmp://localhost:1935/live", "FMLE/3.0 (compatible; Lavf61.7.100)", 0),
                connect.command());
    }

    @Test
    void commandViewsOfTheFfmpegSequence() {
        assertEquals(new Command.ReleaseStream("key"), command("releaseStream"));
        assertEquals(new Command.FcPublish("key"), command("FCPublish"));
        assertEquals(new Command.CreateStream(), command("createStream"));
        assertEquals(new Command.Publish("key", PublishType.LIVE), command("publish"));
        assertEquals(new Command.FcUnpublish("key"), command("FCUnpublish"));
        assertEquals(new Command.DeleteStream(1), command("deleteStream"));
        assertEquals(new Command.CloseStream(), new CommandMessage(1, "closeStream", 0, null, List.of()).command());
        assertEquals(new Command.Other("_checkbw"), new CommandMessage(0, "_checkbw", 9, null, List.of()).command());
    }

    @Test
    void publishTypeRecordAndAppend() {
        assertEquals(new Command.Publish("k", PublishType.RECORD), new CommandMessage(1, "publish", 5, null,
                List.of(new Amf0String("k"),
                        new Amf0String("record"))).command());
        assertEquals(new Command.Publish("k", PublishType.APPEND), new CommandMessage(1, "publish", 5, null,
                List.of(new Amf0String("k"),
                        new Amf0String("append"))).command());
    }

    @Test
    void metadataViewReadsTheFfmpegEcmaArray() {
        DataMessage data = (DataMessage) MessageCodecTable.row("@setDataFrame onMetaData (ffmpeg)").message();
        StreamMetadata metadata = data.metadata().orElseThrow();
        assertEquals(1280.0, metadata.width().orElseThrow());
        assertEquals(720.0, metadata.height().orElseThrow());
        assertEquals(30.0, metadata.framerate().orElseThrow());
        assertEquals(new CodecId.Number(7), metadata.videoCodecId().orElseThrow());
        assertEquals(new CodecId.Number(10), metadata.audioCodecId().orElseThrow());
        assertEquals(48000.0, metadata.audioSampleRate().orElseThrow());
        assertEquals("Lavf61.7.100", metadata.encoder().orElseThrow());
    }

    @Test
    void metadataViewReadsAnObjectWithAFourCcCodecId() {
        DataMessage data = new DataMessage(1, 0, "@setDataFrame", List.of(
                new Amf0String("onMetaData"),
                Amf0Object.builder()
                        .put("videocodecid", "hvc1").put("width", 3840.0).build()));
        StreamMetadata metadata = data.metadata().orElseThrow();
        assertEquals(new CodecId.FourCc("hvc1"), metadata.videoCodecId().orElseThrow());
        assertEquals(3840.0, metadata.width().orElseThrow());
        assertTrue(metadata.height().isEmpty());
    }

    @Test
    void mediaKeepsPayloadTimestampAndStreamId() {
        byte[] tag = {0x17, 0x01, 0, 0, 0};
        assertEquals(new MessageResult.Decoded(new VideoMessage(1, 40, tag)),
                decoder.decode(new RtmpMessage(6, 1, 9, 40, tag)));
        assertEquals(new MessageResult.Decoded(new AudioMessage(1, 21, new byte[] {(byte) 0xAF, 1})),
                decoder.decode(new RtmpMessage(4, 1, 8, 21, new byte[] {(byte) 0xAF, 1})));
    }

    @Test
    void controlMessagesComeThroughTheChunkLayerClasses() {
        assertEquals(new MessageResult.Decoded(new ControlMessage(new SetChunkSize(4096))),
                decoder.decode(new SetChunkSize(4096).toMessage(0)));
        assertInstanceOf(MessageResult.Malformed.class, decoder.decode(new RtmpMessage(2, 0, 1, 0, new byte[2])));
    }

    @Test
    void realAmf3IsMalformed() {
        byte[] amf3 = {0x06, 0x0F, 'c', 'o', 'n', 'n', 'e', 'c', 't'};
        assertEquals(new MessageResult.Malformed("AMF3 is not supported"),
                decoder.decode(new RtmpMessage(3, 0, CommandMessage.AMF3_TYPE_ID, 0, amf3)));
        assertEquals(new MessageResult.Malformed("AMF3 is not supported"),
                decoder.decode(new RtmpMessage(3, 0, DataMessage.AMF3_TYPE_ID, 0, new byte[0])));
    }

    @Test
    void commandWithoutTransactionIdIsMalformed() {
        byte[] onlyName = MessageCodecTable.bytes("020007636f6e6e656374");
        assertInstanceOf(MessageResult.Malformed.class, decoder.decode(new RtmpMessage(3, 0, 20, 0, onlyName)));
    }

    @Test
    void truncatedAmfIsMalformed() {
        byte[] bytes = MessageCodecTable.row("connect (ffmpeg)").bytes();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);
        assertInstanceOf(MessageResult.Malformed.class, decoder.decode(new RtmpMessage(3, 0, 20, 0, truncated)));
    }

    @Test
    void otherTypesArePassedThrough() {
        RtmpMessage aggregate = new RtmpMessage(4, 1, 22, 0, new byte[] {1, 2, 3});
        assertEquals(new MessageResult.Decoded(new OtherMessage(aggregate)), decoder.decode(aggregate));
    }

    private static Command command(String rowName) {
        return ((CommandMessage) MessageCodecTable.row(rowName).message()).command();
    }
}
