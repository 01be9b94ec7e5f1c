package io.glass2glass.rtmp.amf;

/** The AMF0 undefined value (AMF0 specification §2.8). */
public record Amf0Undefined() implements Amf0Value {
    public static final Amf0Undefined INSTANCE = new Amf0Undefined();
}
