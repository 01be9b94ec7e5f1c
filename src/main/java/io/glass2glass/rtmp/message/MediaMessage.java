package io.glass2glass.rtmp.message;

/** An audio or video message (RTMP spec 1.0 §7.1.4, §7.1.5): the body of an FLV tag and its timestamp. */
public sealed interface MediaMessage extends Message permits VideoMessage, AudioMessage {

    /** The message timestamp in milliseconds (§5.3.1.2). */
    long timestamp();

    /** A copy of the FLV tag body. */
    byte[] payload();
}
