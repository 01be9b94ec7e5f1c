package io.glass2glass.rtmp.chunk;

/**
 * Why a chunk stream (RTMP spec §5.3) was rejected; the connection that sent it is closed.
 *
 * @param reason human-readable cause, for the log
 */
public record Malformed(String reason) {
}
