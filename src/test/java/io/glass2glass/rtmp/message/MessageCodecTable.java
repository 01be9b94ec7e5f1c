package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.amf.Amf0EcmaArray;
import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import java.util.HexFormat;
import java.util.List;

/**
 * The one table of (name, decoded message, exact payload bytes) behind the decoder, encoder and fuzz
 * tests of the message layer (RTMP spec 1.0 §7.1, §7.2). Client rows are what ffmpeg sends when it
 * publishes; server rows are what {@link RtmpMessageEncoder} writes, with the builder that writes them.
 */
final class MessageCodecTable {

    /** One row; {@code serverBuilt} is the encoder's own message for server rows, {@code null} for client rows. */
    record Row(String name, int chunkStreamId, Message message, String hex, RtmpMessage serverBuilt) {

        byte[] bytes() {
            return MessageCodecTable.bytes(hex);
        }

        int typeId() {
            return message instanceof DataMessage ? DataMessage.TYPE_ID : CommandMessage.TYPE_ID;
        }

        RtmpMessage raw() {
            long timestamp = message instanceof DataMessage d ? d.timestamp() : 0;
            return new RtmpMessage(chunkStreamId, message.messageStreamId(), typeId(), timestamp, bytes());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Amf0Object FFMPEG_CONNECT_OBJECT = Amf0Object.builder()
            .put("app", "live")
            .put("type", "nonprivate")
            .put("flashVer", "FMLE/3.0 (compatible; Lavf61.7.100)")
            .put("tcUrl", "rtmp://localhost:1935/live")
            .build();

    static final Amf0EcmaArray FFMPEG_METADATA = Amf0EcmaArray.builder()
            .put("duration", 0.0)
            .put("width", 1280.0)
            .put("height", 720.0)
            .put("videodatarate", 2500.0)
            .put("framerate", 30.0)
            .put("videocodecid", 7.0)
            .put("audiodatarate", 128.0)
            .put("audiosamplerate", 48000.0)
            .put("audiosamplesize", 16.0)
            .put("stereo", true)
            .put("audiocodecid", 10.0)
            .put("encoder", "Lavf61.7.100")
            .put("filesize", 0.0)
            .build();

    static final List<Row> ROWS = List.of(
            new Row("connect (ffmpeg)", 3,
                    new CommandMessage(0, "connect", 1, FFMPEG_CONNECT_OBJECT, List.of()),
                    """
                020007636f6e6e656374003ff00000000000000300036170700200046c69766500047479706502000a6e6f6e70726976
                6174650008666c617368566572020023464d4c452f332e302028636f6d70617469626c653b204c61766636312e372e31
                3030290005746355726c02001a72746d703a2f2f6c6f63616c686f73743a313933352f6c697665000009
                """, null),
            new Row("releaseStream", 3,
                    new CommandMessage(0, "releaseStream", 2, null, List.of(str("key"))),
                    """
                02000d72656c6561736553747265616d004000000000000000050200036b6579
                """, null),
            new Row("FCPublish", 3,
                    new CommandMessage(0, "FCPublish", 3, null, List.of(str("key"))),
                    """
                02000946435075626c697368004008000000000000050200036b6579
                """, null),
            new Row("createStream", 3,
                    new CommandMessage(0, "createStream", 4, null, List.of()),
                    """
                02000c63726561746553747265616d00401000000000000005
                """, null),
            new Row("publish", 8,
                    new CommandMessage(1, "publish", 5, null, List.of(str("key"), str("live"))),
                    """
                0200077075626c697368004014000000000000050200036b65790200046c697665
                """, null),
            new Row("FCUnpublish", 3,
                    new CommandMessage(0, "FCUnpublish", 6, null, List.of(str("key"))),
                    """
                02000b4643556e7075626c697368004018000000000000050200036b6579
                """, null),
            new Row("deleteStream", 3,
                    new CommandMessage(0, "deleteStream", 7, null, List.of(num(1))),
                    """
                02000c64656c65746553747265616d00401c00000000000005003ff0000000000000
                """, null),
            new Row("@setDataFrame onMetaData (ffmpeg)", 4,
                    new DataMessage(1, 0, "@setDataFrame", List.of(str("onMetaData"), FFMPEG_METADATA)),
                    """
                02000d40736574446174614672616d6502000a6f6e4d65746144617461080000000d00086475726174696f6e00000000
                0000000000000577696474680040940000000000000006686569676874004086800000000000000d766964656f646174
                61726174650040a388000000000000096672616d657261746500403e000000000000000c766964656f636f6465636964
                00401c000000000000000d617564696f6461746172617465004060000000000000000f617564696f73616d706c657261
                74650040e7700000000000000f617564696f73616d706c6573697a65004030000000000000000673746572656f010100
                0c617564696f636f64656369640040240000000000000007656e636f64657202000c4c61766636312e372e3130300008
                66696c6573697a65000000000000000000000009
                """, null),
            new Row("_result for connect", RtmpMessageEncoder.COMMAND_CHUNK_STREAM_ID,
                    new CommandMessage(0, "_result", 1,
                            Amf0Object.builder().put("fmsVer", "FMS/3,0,1,123").put("capabilities", 31.0).build(),
                            List.of(Amf0Object.builder()
                                    .put("level", "status")
                                    .put("code", "NetConnection.Connect.Success")
                                    .put("description", "Connection succeeded.")
                                    .put("objectEncoding", 0.0)
                                    .build())),
                    """
                0200075f726573756c74003ff0000000000000030006666d7356657202000d464d532f332c302c312c313233000c6361
                706162696c697469657300403f0000000000000000090300056c6576656c0200067374617475730004636f646502001d
                4e6574436f6e6e656374696f6e2e436f6e6e6563742e53756363657373000b6465736372697074696f6e020015436f6e
                6e656374696f6e207375636365656465642e000e6f626a656374456e636f64696e67000000000000000000000009
                """, RtmpMessageEncoder.connectResult(1)),
            new Row("_result for createStream", RtmpMessageEncoder.COMMAND_CHUNK_STREAM_ID,
                    new CommandMessage(0, "_result", 4, null, List.of(num(1))),
                    """
                0200075f726573756c7400401000000000000005003ff0000000000000
                """, RtmpMessageEncoder.createStreamResult(4, 1)),
            new Row("onStatus NetStream.Publish.Start", RtmpMessageEncoder.STREAM_CHUNK_STREAM_ID,
                    new CommandMessage(1, "onStatus", 0, null, List.of(status("status", "NetStream.Publish.Start",
                            "Publishing key.", "key"))),
                    """
                0200086f6e537461747573000000000000000000050300056c6576656c0200067374617475730004636f64650200174e
                657453747265616d2e5075626c6973682e5374617274000b6465736372697074696f6e02000f5075626c697368696e67
                206b65792e000764657461696c730200036b6579000009
                """, RtmpMessageEncoder.onStatus(1, PublishStatus.PUBLISH_START, "Publishing key.", "key")),
            new Row("onStatus NetStream.Publish.BadName", RtmpMessageEncoder.STREAM_CHUNK_STREAM_ID,
                    new CommandMessage(1, "onStatus", 0, null, List.of(status("error", "NetStream.Publish.BadName",
                            "Stream key already in use.", "key"))),
                    """
                0200086f6e537461747573000000000000000000050300056c6576656c0200056572726f720004636f64650200194e65
                7453747265616d2e5075626c6973682e4261644e616d65000b6465736372697074696f6e02001a53747265616d206b65
                7920616c726561647920696e207573652e000764657461696c730200036b6579000009
                """, RtmpMessageEncoder.onStatus(1, PublishStatus.PUBLISH_BAD_NAME,
                    "Stream key already in use.", "key")),
            new Row("onFCPublish", RtmpMessageEncoder.COMMAND_CHUNK_STREAM_ID,
                    new CommandMessage(0, "onFCPublish", 0, null, List.of(Amf0Object.builder()
                            .put("code", "NetStream.Publish.Start").put("description", "key").build())),
                    """
                02000b6f6e46435075626c69736800000000000000000005030004636f64650200174e657453747265616d2e5075626c
                6973682e5374617274000b6465736372697074696f6e0200036b6579000009
                """, RtmpMessageEncoder.onFcPublish("key")));

    private MessageCodecTable() {
    }

    static Row row(String name) {
        return ROWS.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    private static Amf0Value str(String value) {
        return new Amf0String(value);
    }

    private static Amf0Value num(double value) {
        return new Amf0Number(value);
    }

    private static Amf0Object status(String level, String code, String description, String details) {
        return Amf0Object.builder().put("level", level).put("code", code).put("description", description)
                .put("details", details).build();
    }
}
