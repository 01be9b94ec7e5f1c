package io.glass2glass.player.manifest;

/** A sub-range of a resource (RFC 8216 §4.3.2.2): {@code length} bytes from {@code offset}. */
public record ByteRange(long length, long offset) {
}
