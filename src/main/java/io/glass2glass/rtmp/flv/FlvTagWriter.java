package io.glass2glass.rtmp.flv;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import java.util.Objects;

/**
 * Writes the bodies of RTMP video and audio messages, the inverse of {@link FlvVideoTagParser} and
 * {@link FlvAudioTagParser}: the FLV VIDEODATA tag with its AVCVIDEOPACKET (Adobe "Video File Format
 * Specification v10.1", Annex E.4.3.1/E.4.3.2) and the AUDIODATA tag with its AACAUDIODATA
 * (E.4.2.1/E.4.2.2).
 *
 * <p>Video data is length-prefixed NAL units with 4-byte lengths, as {@link MediaSample} carries
 * them, so the sequence header must announce 4-byte lengths. Times are RTMP milliseconds: a
 * sample's dts and pts are each rounded to the nearest millisecond and the CompositionTime is their
 * difference, so that {@code dts + CompositionTime} is the rounded pts. Stateless.
 */
public final class FlvTagWriter {

    /** FrameType 1 (keyframe) and CodecID 7 (AVC), E.4.3.1. */
    private static final int AVC_KEY = FlvVideoTagParser.FRAME_KEY << 4 | FlvVideoTagParser.CODEC_AVC;
    /** FrameType 2 (inter frame) and CodecID 7 (AVC). */
    private static final int AVC_INTER = 2 << 4 | FlvVideoTagParser.CODEC_AVC;
    /**
     * SoundFormat 10 (AAC) with SoundRate 3, SoundSize 1 and SoundType 1: E.4.2.1 fixes these for
     * AAC, the AudioSpecificConfig being what describes the stream.
     */
    private static final int AAC_FLAGS = FlvAudioTagParser.SOUND_FORMAT_AAC << 4 | 3 << 2 | 1 << 1 | 1;
    private static final int SEQUENCE_HEADER = 0;
    private static final int AVC_NALU = 1;
    private static final int AVC_END_OF_SEQUENCE = 2;
    private static final int AAC_RAW = 1;
    /** CompositionTime is SI24 (E.4.3.2). */
    static final int MIN_COMPOSITION_TIME = -(1 << 23);
    static final int MAX_COMPOSITION_TIME = (1 << 23) - 1;

    private FlvTagWriter() {
    }

    /**
     * The AVC sequence header (AVCPacketType 0, CompositionTime 0): a keyframe tag whose body is the
     * track's AVCDecoderConfigurationRecord.
     *
     * @throws IllegalArgumentException if the track is not H.264 video with a valid avcC announcing 4-byte NAL unit lengths
     */
    public static byte[] avcSequenceHeader(TrackInfo video) {
        Objects.requireNonNull(video, "video");
        if (video.kind() != MediaKind.VIDEO || !video.codecs().startsWith("avc1")) {
            throw new IllegalArgumentException("not an H.264 video track: " + video.kind() + " " + video.codecs());
        }
        byte[] avcC = video.decoderConfig();
        int lengthSize = AvcDecoderConfigurationRecord.parse(avcC).nalUnitLengthSize();
        if (lengthSize != 4) {
            throw new IllegalArgumentException("avcC announces " + lengthSize + "-byte NAL unit lengths; samples carry 4-byte ones");
        }
        return avc(AVC_KEY, SEQUENCE_HEADER, 0, avcC);
    }

    /**
     * One access unit (AVCPacketType 1) from a video sample in any timescale.
     *
     * @throws IllegalArgumentException if the sample is not video or its composition offset does not fit SI24 milliseconds
     */
    public static byte[] avcNalUnits(MediaSample sample) {
        Objects.requireNonNull(sample, "sample");
        if (sample.kind() != MediaKind.VIDEO) {
            throw new IllegalArgumentException("not a video sample: " + sample.kind());
        }
        long cts = millis(sample.pts(), sample.timescale()) - millis(sample.dts(), sample.timescale());
        if (cts < MIN_COMPOSITION_TIME || cts > MAX_COMPOSITION_TIME) {
            throw new IllegalArgumentException("composition time offset " + cts + " ms does not fit SI24");
        }
        return avcNalUnits(sample.keyframe(), (int) cts, sample.data());
    }

    /**
     * One access unit (AVCPacketType 1).
     *
     * @param compositionTimeMillis pts minus dts in milliseconds, SI24
     * @param lengthPrefixedNalUnits NAL units each after a 4-byte big-endian length
     */
    public static byte[] avcNalUnits(boolean keyframe, int compositionTimeMillis, byte[] lengthPrefixedNalUnits) {
        Objects.requireNonNull(lengthPrefixedNalUnits, "lengthPrefixedNalUnits");
        if (compositionTimeMillis < MIN_COMPOSITION_TIME || compositionTimeMillis > MAX_COMPOSITION_TIME) {
            throw new IllegalArgumentException("composition time offset " + compositionTimeMillis + " ms does not fit SI24");
        }
        return avc(keyframe ? AVC_KEY : AVC_INTER, AVC_NALU, compositionTimeMillis, lengthPrefixedNalUnits);
    }

    /** The AVC end of sequence (AVCPacketType 2), sent before unpublishing or before a new sequence header. */
    public static byte[] avcEndOfSequence() {
        return avc(AVC_KEY, AVC_END_OF_SEQUENCE, 0, new byte[0]);
    }

    /**
     * The AAC sequence header (AACPacketType 0): the track's AudioSpecificConfig.
     *
     * @throws IllegalArgumentException if the track is not AAC audio
     */
    public static byte[] aacSequenceHeader(TrackInfo audio) {
        Objects.requireNonNull(audio, "audio");
        if (audio.kind() != MediaKind.AUDIO || !audio.codecs().startsWith("mp4a.40")) {
            throw new IllegalArgumentException("not an AAC audio track: " + audio.kind() + " " + audio.codecs());
        }
        return aac(SEQUENCE_HEADER, audio.decoderConfig());
    }

    /**
     * One raw AAC frame (AACPacketType 1) from an audio sample.
     *
     * @throws IllegalArgumentException if the sample is not audio
     */
    public static byte[] aacRaw(MediaSample sample) {
        Objects.requireNonNull(sample, "sample");
        if (sample.kind() != MediaKind.AUDIO) {
            throw new IllegalArgumentException("not an audio sample: " + sample.kind());
        }
        return aacRaw(sample.data());
    }

    /** One raw AAC frame (AACPacketType 1), without ADTS header. */
    public static byte[] aacRaw(byte[] frame) {
        return aac(AAC_RAW, Objects.requireNonNull(frame, "frame"));
    }

    /**
     * A time in {@code timescale} ticks as RTMP milliseconds, rounded half up (negative times
     * round the same way, so differences stay consistent).
     */
    public static long millis(long ticks, int timescale) {
        if (timescale <= 0) {
            throw new IllegalArgumentException("timescale must be positive: " + timescale);
        }
        if (timescale == 1000) {
            return ticks;
        }
        return Math.floorDiv(Math.multiplyExact(ticks, 2000L) + timescale, 2L * timescale);
    }

    private static byte[] avc(int first, int packetType, int compositionTime, byte[] data) {
        byte[] tag = new byte[5 + data.length];
        tag[0] = (byte) first;
        tag[1] = (byte) packetType;
        tag[2] = (byte) (compositionTime >> 16);
        tag[3] = (byte) (compositionTime >> 8);
        tag[4] = (byte) compositionTime;
        System.arraycopy(data, 0, tag, 5, data.length);
        return tag;
    }

    private static byte[] aac(int packetType, byte[] data) {
        byte[] tag = new byte[2 + data.length];
        tag[0] = (byte) AAC_FLAGS;
        tag[1] = (byte) packetType;
        System.arraycopy(data, 0, tag, 2, data.length);
        return tag;
    }
}
