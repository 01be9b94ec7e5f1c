package io.glass2glass.rtmp.amf;

/**
 * An AMF0 date: milliseconds since the Unix epoch in UTC and a reserved time-zone field that
 * senders should set to 0 (AMF0 specification §2.13).
 */
public record Amf0Date(double millis, short timezone) implements Amf0Value {
}
