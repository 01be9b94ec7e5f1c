package io.glass2glass.rtmp.amf;

/** An AMF0 boolean: one byte, zero is false (AMF0 specification §2.3). */
public record Amf0Boolean(boolean value) implements Amf0Value {
}
