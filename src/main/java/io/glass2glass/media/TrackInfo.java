package io.glass2glass.media;

/**
 * What a decoder needs to know about one encoded track: the CMAF header is written from it.
 *
 * @param codecs RFC 6381 codecs string, e.g. {@code avc1.64001f} or {@code mp4a.40.2}
 * @param timescale ticks per second of every sample time in this track
 * @param decoderConfig the body of the AVCDecoderConfigurationRecord (video, ISO/IEC 14496-15
 *     §5.3.3) or the AudioSpecificConfig (audio, ISO/IEC 14496-3 §1.6.2.1)
 * @param frameRate nominal frames per second (video), 0 for audio
 */
public record TrackInfo(
        MediaKind kind,
        String codecs,
        int timescale,
        int width,
        int height,
        double frameRate,
        int sampleRate,
        int channels,
        byte[] decoderConfig) {

    public static TrackInfo video(String codecs, int timescale, int width, int height, double frameRate, byte[] avcC) {
        return new TrackInfo(MediaKind.VIDEO, codecs, timescale, width, height, frameRate, 0, 0, avcC);
    }

    public static TrackInfo audio(String codecs, int sampleRate, int channels, byte[] audioSpecificConfig) {
        return new TrackInfo(MediaKind.AUDIO, codecs, sampleRate, 0, 0, 0, sampleRate, channels, audioSpecificConfig);
    }
}
