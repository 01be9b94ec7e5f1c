package io.glass2glass.media;

/**
 * One rung of an ABR ladder: what the encoder is asked to produce and what players choose from.
 *
 * @param id the rendition's name in URLs ({@code /live/{stream}/{id}/media.m3u8}): [a-z0-9_-]+
 * @param bitrateKbps target (average) bitrate
 * @param width 0 for audio; a published track passed through may be odd-sized (a ladder's rungs are even)
 * @param height 0 for audio
 */
public record Rendition(String id, MediaKind kind, int width, int height, int bitrateKbps) {

    public Rendition {
        if (id == null || !id.matches("[a-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("rendition id must match [a-z0-9_-]{1,32}: " + id);
        }
        if (bitrateKbps <= 0) {
            throw new IllegalArgumentException("rendition " + id + ": bitrate must be positive");
        }
        if (kind == MediaKind.VIDEO && (width <= 0 || height <= 0)) {
            throw new IllegalArgumentException("rendition " + id + ": width and height must be positive");
        }
    }

    public static Rendition video(String id, int width, int height, int bitrateKbps) {
        return new Rendition(id, MediaKind.VIDEO, width, height, bitrateKbps);
    }

    public static Rendition audio(String id, int bitrateKbps) {
        return new Rendition(id, MediaKind.AUDIO, 0, 0, bitrateKbps);
    }
}
