package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.amf.Amf0Encoder;
import io.glass2glass.rtmp.amf.Amf0Null;
import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.SetChunkSize;
import io.glass2glass.rtmp.chunk.SetPeerBandwidth;
import io.glass2glass.rtmp.chunk.UserControlMessage;
import io.glass2glass.rtmp.chunk.WindowAcknowledgementSize;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the messages a server sends a publisher (RTMP spec 1.0 §7.2.1.1 connect {@code _result},
 * §7.2.1.3 createStream {@code _result}, §7.2.2.6 {@code onStatus}, §5.4 and §6.2 control messages)
 * as raw {@link RtmpMessage}s for the chunk encoder.
 */
public final class RtmpMessageEncoder {

    /** Chunk stream for NetConnection commands, as Flash Media Server and ffmpeg use it. */
    public static final int COMMAND_CHUNK_STREAM_ID = 3;
    /** Chunk stream for NetStream commands ({@code onStatus}). */
    public static final int STREAM_CHUNK_STREAM_ID = 5;
    public static final long WINDOW_ACKNOWLEDGEMENT_SIZE = 5_000_000;
    public static final long PEER_BANDWIDTH = 5_000_000;
    /**
     * The chunk size announced on connect; the caller must switch its {@code ChunkEncoder} to it
     * right after sending the Set Chunk Size message (§5.4.1).
     */
    public static final int CHUNK_SIZE = 4096;
    public static final String FMS_VERSION = "FMS/3,0,1,123";
    public static final double CAPABILITIES = 31;
    public static final String RESULT = "_result";
    public static final String ON_STATUS = "onStatus";
    public static final String ON_FC_PUBLISH = "onFCPublish";

    private RtmpMessageEncoder() {
    }

    /**
     * What the server sends on {@code connect} before its {@code _result}: Window Acknowledgement Size,
     * Set Peer Bandwidth (dynamic), Set Chunk Size and User Control Stream Begin for stream 0.
     */
    public static List<RtmpMessage> connectControl() {
        return List.of(
                new WindowAcknowledgementSize(WINDOW_ACKNOWLEDGEMENT_SIZE).toMessage(0),
                new SetPeerBandwidth(PEER_BANDWIDTH, SetPeerBandwidth.DYNAMIC).toMessage(0),
                new SetChunkSize(CHUNK_SIZE).toMessage(0),
                streamBegin(0));
    }

    /** User Control Stream Begin (§7.1.7) for the given message stream. */
    public static RtmpMessage streamBegin(int streamId) {
        return new UserControlMessage.StreamBegin(streamId).toMessage(0);
    }

    /** The {@code _result} that accepts a {@code connect} (§7.2.1.1), echoing its transaction id. */
    public static RtmpMessage connectResult(double transactionId) {
        Amf0Object properties = Amf0Object.builder()
                .put("fmsVer", FMS_VERSION)
                .put("capabilities", CAPABILITIES)
                .build();
        Amf0Object information = Amf0Object.builder()
                .put("level", "status")
                .put("code", "NetConnection.Connect.Success")
                .put("description", "Connection succeeded.")
                .put("objectEncoding", 0.0)
                .build();
        return command(0, COMMAND_CHUNK_STREAM_ID, RESULT, transactionId, properties, List.of(information));
    }

    /** The {@code _result} of {@code createStream} (§7.2.1.3) carrying the new message stream id. */
    public static RtmpMessage createStreamResult(double transactionId, int streamId) {
        return command(0, COMMAND_CHUNK_STREAM_ID, RESULT, transactionId, null,
                List.of(new Amf0Number(streamId)));
    }

    /** {@code onStatus} on the publishing stream (§7.2.2.6); transaction id 0 as the spec requires. */
    public static RtmpMessage onStatus(int streamId, PublishStatus status, String description, String details) {
        return onStatus(streamId, status.level(), status.code(), description, details);
    }

    /** {@code onStatus} with any level and code, for refusals the layer above words itself. */
    public static RtmpMessage onStatus(int streamId, String level, String code, String description,
                                       String details) {
        Amf0Object information = Amf0Object.builder()
                .put("level", level)
                .put("code", code)
                .put("description", description)
                .put("details", details)
                .build();
        return command(streamId, STREAM_CHUNK_STREAM_ID, ON_STATUS, 0, null, List.of(information));
    }

    /** {@code onFCPublish}, the Flash Media Server answer to {@code FCPublish}. */
    public static RtmpMessage onFcPublish(String streamKey) {
        Amf0Object information = Amf0Object.builder()
                .put("code", PublishStatus.PUBLISH_START.code())
                .put("description", streamKey)
                .build();
        return command(0, COMMAND_CHUNK_STREAM_ID, ON_FC_PUBLISH, 0, null, List.of(information));
    }

    /** Encodes any AMF0 command message (type 20, §7.1.1); a {@code null} command object becomes AMF0 null. */
    public static RtmpMessage encode(CommandMessage message, int chunkStreamId) {
        return command(message.messageStreamId(), chunkStreamId, message.name(), message.transactionId(),
                message.commandObject(), message.arguments());
    }

    /** Encodes any AMF0 data message (type 18, §7.1.2). */
    public static RtmpMessage encode(DataMessage message, int chunkStreamId) {
        List<Amf0Value> values = new ArrayList<>(message.values().size() + 1);
        values.add(new Amf0String(message.name()));
        values.addAll(message.values());
        return new RtmpMessage(chunkStreamId, message.messageStreamId(), DataMessage.TYPE_ID, message.timestamp(),
                Amf0Encoder.encode(values));
    }

    private static RtmpMessage command(int messageStreamId, int chunkStreamId, String name, double transactionId,
                                       Amf0Value commandObject, List<Amf0Value> arguments) {
        List<Amf0Value> values = new ArrayList<>(arguments.size() + 3);
        values.add(new Amf0String(name));
        values.add(new Amf0Number(transactionId));
        values.add(commandObject == null ? Amf0Null.INSTANCE : commandObject);
        values.addAll(arguments);
        return new RtmpMessage(chunkStreamId, messageStreamId, CommandMessage.TYPE_ID, 0, Amf0Encoder.encode(values));
    }
}
