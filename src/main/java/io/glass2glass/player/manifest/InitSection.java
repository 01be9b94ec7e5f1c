package io.glass2glass.player.manifest;

import java.net.URI;

/**
 * The Media Initialization Section of EXT-X-MAP (RFC 8216 §4.3.2.5).
 *
 * @param uri the resource, resolved
 * @param byteRange the part of it that holds the section, or null for the whole resource
 */
public record InitSection(URI uri, ByteRange byteRange) {
}
