package io.glass2glass.rtmp.amf;

/** An AMF0 number: an IEEE-754 double, big-endian (AMF0 specification §2.2). */
public record Amf0Number(double value) implements Amf0Value {
}
