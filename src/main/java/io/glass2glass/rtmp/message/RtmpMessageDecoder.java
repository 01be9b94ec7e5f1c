package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.amf.Amf0Decoder;
import io.glass2glass.rtmp.amf.Amf0Null;
import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Result;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import io.glass2glass.rtmp.chunk.ProtocolControlMessage;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import java.util.List;

/**
 * Turns a raw {@link RtmpMessage} into a typed {@link Message} by its type id (RTMP spec 1.0 §7.1).
 * Never throws: anything it cannot read becomes {@link MessageResult.Malformed}.
 */
public final class RtmpMessageDecoder {

    /** The format byte that opens an AMF3 command or data body when its content is plain AMF0 (§7.1.1). */
    private static final int AMF0_FORMAT = 0x00;

    private final Amf0Decoder amf0 = new Amf0Decoder();

    /** Decodes one raw message. */
    public MessageResult decode(RtmpMessage raw) {
        try {
            return decodeChecked(raw);
        } catch (RuntimeException e) {
            // A last guard: a bug in a lower layer must close one connection, not reach the event loop.
            return new MessageResult.Malformed("cannot decode message type " + raw.typeId() + ": " + e);
        }
    }

    private MessageResult decodeChecked(RtmpMessage raw) {
        int typeId = raw.typeId();
        byte[] payload = raw.payload();
        if (ProtocolControlMessage.isControlType(typeId)) {
            return ProtocolControlMessage.decode(raw)
                    .<MessageResult>map(c -> new MessageResult.Decoded(new ControlMessage(c)))
                    .orElseGet(() -> new MessageResult.Malformed(
                            "truncated protocol control message type " + typeId + " (§5.4)"));
        }
        return switch (typeId) {
            case AudioMessage.TYPE_ID -> decoded(new AudioMessage(raw.messageStreamId(), raw.timestamp(), payload));
            case VideoMessage.TYPE_ID -> decoded(new VideoMessage(raw.messageStreamId(), raw.timestamp(), payload));
            case CommandMessage.TYPE_ID -> command(raw, 0);
            case DataMessage.TYPE_ID -> data(raw, 0);
            case CommandMessage.AMF3_TYPE_ID -> amf0Format(payload) ? command(raw, 1) : amf3NotSupported();
            case DataMessage.AMF3_TYPE_ID -> amf0Format(payload) ? data(raw, 1) : amf3NotSupported();
            default -> decoded(new OtherMessage(raw));
        };
    }

    private MessageResult command(RtmpMessage raw, int offset) {
        byte[] payload = raw.payload();
        Amf0Result result = amf0.decode(payload, offset, payload.length - offset);
        if (result instanceof Amf0Result.Malformed m) {
            return new MessageResult.Malformed("command: " + m.reason() + " at byte " + m.offset());
        }
        List<Amf0Value> values = ((Amf0Result.Decoded) result).values();
        if (values.size() < 2 || !(values.get(0) instanceof Amf0String name)
                || !(values.get(1) instanceof Amf0Number transactionId)) {
            return new MessageResult.Malformed(
                    "command must start with a name string and a transaction id number (§7.2)");
        }
        Amf0Value commandObject = values.size() > 2 && !(values.get(2) instanceof Amf0Null) ? values.get(2) : null;
        List<Amf0Value> arguments = values.size() > 3 ? values.subList(3, values.size()) : List.of();
        return decoded(new CommandMessage(raw.messageStreamId(), name.value(), transactionId.value(), commandObject,
                arguments));
    }

    private MessageResult data(RtmpMessage raw, int offset) {
        byte[] payload = raw.payload();
        Amf0Result result = amf0.decode(payload, offset, payload.length - offset);
        if (result instanceof Amf0Result.Malformed m) {
            return new MessageResult.Malformed("data: " + m.reason() + " at byte " + m.offset());
        }
        List<Amf0Value> values = ((Amf0Result.Decoded) result).values();
        if (values.isEmpty() || !(values.get(0) instanceof Amf0String name)) {
            return new MessageResult.Malformed("data message must start with a handler name string (§7.1.2)");
        }
        return decoded(new DataMessage(raw.messageStreamId(), raw.timestamp(), name.value(),
                values.subList(1, values.size())));
    }

    private static boolean amf0Format(byte[] payload) {
        return payload.length > 0 && payload[0] == AMF0_FORMAT;
    }

    private static MessageResult amf3NotSupported() {
        return new MessageResult.Malformed("AMF3 is not supported");
    }

    private static MessageResult decoded(Message message) {
        return new MessageResult.Decoded(message);
    }
}
