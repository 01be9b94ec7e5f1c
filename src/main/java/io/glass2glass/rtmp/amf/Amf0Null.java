package io.glass2glass.rtmp.amf;

/** The AMF0 null value (AMF0 specification §2.7). */
public record Amf0Null() implements Amf0Value {
    public static final Amf0Null INSTANCE = new Amf0Null();
}
