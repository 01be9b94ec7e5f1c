package io.glass2glass.rtmp.message;

/** One decoded RTMP message, one type per message kind (RTMP spec 1.0 §7.1). */
public sealed interface Message
        permits CommandMessage, DataMessage, MediaMessage, ControlMessage, OtherMessage {

    /** The message stream id the message travelled on (§5.3.1.2.1); 0 for NetConnection traffic. */
    int messageStreamId();
}
