package io.glass2glass.media;

/**
 * One compressed access unit, as an encoder or the RTMP ingest hands it on.
 *
 * <p>Times are in {@code timescale} ticks per second. Video data is a sequence of NAL units each
 * prefixed by a 4-byte big-endian length (ISO/IEC 14496-15 §5.3, the form MP4 and FLV carry); audio
 * data is one raw AAC frame without ADTS header.
 *
 * @param captureTimeMicros wall-clock time (µs since the epoch) at which the source captured the
 *     first frame of this access unit; carried end to end so that live latency can be measured
 */
public record MediaSample(
        MediaKind kind,
        long dts,
        long pts,
        long duration,
        int timescale,
        boolean keyframe,
        byte[] data,
        long captureTimeMicros) {

    /** Composition time offset (pts - dts), as trun carries it. */
    public long compositionOffset() {
        return pts - dts;
    }
}
