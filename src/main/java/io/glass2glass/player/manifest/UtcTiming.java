package io.glass2glass.player.manifest;

/**
 * A UTCTiming element (ISO/IEC 23009-1 §5.8.4.11): how a player synchronises its clock with the
 * server's, e.g. {@code urn:mpeg:dash:utc:http-iso:2014} with the URL of a time endpoint as value.
 * The value is kept as written (for http schemes it may list several URLs separated by spaces).
 */
public record UtcTiming(String schemeIdUri, String value) {
}
