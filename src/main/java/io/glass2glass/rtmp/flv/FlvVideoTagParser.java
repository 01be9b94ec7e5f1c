package io.glass2glass.rtmp.flv;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AnnexB;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import java.util.Arrays;
import java.util.Objects;

/**
 * Maps the body of an RTMP video message (type 9) to a {@link FlvTagResult}: the FLV VIDEODATA tag
 * (Adobe "Video File Format Specification v10.1", Annex E.4.3.1) with its AVCVIDEOPACKET (E.4.3.2).
 *
 * <p>Only H.264 (CodecID 7) is ingested. Enhanced RTMP tags (Veovera "Enhanced RTMP" v1/v2,
 * "ExVideoTagHeader"), recognised by the IsExHeader bit 0x80 of the first byte, are answered with
 * {@link FlvTagResult.Unsupported} naming their FourCC ({@code hvc1}, {@code av01}, {@code vp09},
 * …), so that a HEVC or AV1 publisher gets a clear refusal rather than misparsed pictures; so are
 * the legacy codec ids other than 7.
 *
 * <p>Timing: samples and the track use timescale 1000, the RTMP millisecond clock, so the RTMP
 * timestamp and the composition time offset are carried without rounding; the packager rescales
 * to its own media timescale (e.g. 90 kHz) in one place. {@code dts} is the RTMP timestamp and
 * {@code pts = dts + CompositionTime}; {@code duration} is 0, as it is only known when the next
 * sample arrives.
 *
 * <p>Capture time: the caller passes {@code wallClockBaseMicros}, the wall-clock time (µs since the
 * epoch) that RTMP timestamp 0 of this stream corresponds to (typically the receive time of the
 * first media message minus its timestamp); a sample's {@code captureTimeMicros} is that base plus
 * its pts.
 *
 * <p>Stateless per tag and safe to share between threads: the sequence header is not remembered,
 * so NAL units are checked against the 4-byte length prefixes that {@link MediaSample} requires,
 * and a sequence header announcing another length size is refused. Malformed input never throws.
 */
public final class FlvVideoTagParser {

    /** FLV CodecID of AVC (E.4.3.1). */
    static final int CODEC_AVC = 7;
    /** FLV FrameType of a keyframe (E.4.3.1). */
    static final int FRAME_KEY = 1;
    /** FLV FrameType of a video info/command frame (E.4.3.1). */
    static final int FRAME_INFO_COMMAND = 5;
    /** The IsExHeader bit of an Enhanced RTMP video tag. */
    static final int EX_HEADER = 0x80;

    private static final int AVC_SEQUENCE_HEADER = 0;
    private static final int AVC_NALU = 1;
    private static final int AVC_END_OF_SEQUENCE = 2;
    /** Bytes before the AVC payload: the FrameType/CodecID byte, AVCPacketType, CompositionTime. */
    private static final int AVC_HEADER_BYTES = 5;
    /** Enhanced RTMP VideoPacketType values whose FourCC is not at bytes 1..4. */
    private static final int EX_MULTITRACK = 6;
    private static final int EX_MOD_EX = 7;
    private static final String PUBLISH_H264 = "; publish H.264";

    /**
     * Parses one video tag body.
     *
     * @param payload the RTMP message body; not modified, and not retained (the sample holds a copy)
     * @param timestampMillis the RTMP message timestamp, 0 to 2^32-1
     * @param wallClockBaseMicros the wall-clock time (µs since the epoch) of RTMP timestamp 0
     * @throws IllegalArgumentException only if {@code timestampMillis} is outside the RTMP range
     */
    public FlvTagResult parse(byte[] payload, long timestampMillis, long wallClockBaseMicros) {
        Objects.requireNonNull(payload, "payload");
        RtmpTimestamp.requireValid(timestampMillis);
        if (payload.length == 0) {
            return new FlvTagResult.Malformed("empty video tag");
        }
        int first = payload[0] & 0xFF;
        if ((first & EX_HEADER) != 0) {
            return enhanced(payload, first);
        }
        int frameType = first >>> 4;
        int codecId = first & 0x0F;
        if (frameType == FRAME_INFO_COMMAND) {
            return new FlvTagResult.Ignored("video info/command frame");
        }
        if (codecId != CODEC_AVC) {
            return new FlvTagResult.Unsupported("FLV video codec id " + codecId + " (" + codecName(codecId) + ") is not supported" + PUBLISH_H264);
        }
        if (frameType < FRAME_KEY || frameType > 4) {
            return new FlvTagResult.Malformed("reserved video frame type " + frameType);
        }
        if (payload.length < 2) {
            return new FlvTagResult.Malformed("AVC video tag of 1 byte ends before its AVCPacketType");
        }
        int packetType = payload[1] & 0xFF;
        if (packetType > AVC_END_OF_SEQUENCE) {
            return new FlvTagResult.Malformed("reserved AVCPacketType " + packetType);
        }
        if (payload.length < AVC_HEADER_BYTES) {
            return new FlvTagResult.Malformed("AVC video tag of " + payload.length + " bytes ends inside its CompositionTime");
        }
        return switch (packetType) {
            case AVC_SEQUENCE_HEADER -> sequenceHeader(Arrays.copyOfRange(payload, AVC_HEADER_BYTES, payload.length));
            case AVC_NALU -> sample(payload, frameType, timestampMillis, wallClockBaseMicros);
            default -> new FlvTagResult.EndOfSequence();
        };
    }

    private static FlvTagResult sequenceHeader(byte[] avcC) {
        AvcDecoderConfigurationRecord record;
        try {
            record = AvcDecoderConfigurationRecord.parse(avcC);
        } catch (IllegalArgumentException e) {
            return new FlvTagResult.Malformed("invalid AVC sequence header: " + e.getMessage());
        }
        if (record.nalUnitLengthSize() != 4) {
            return new FlvTagResult.Unsupported("AVC sequence header with " + record.nalUnitLengthSize()
                    + "-byte NAL unit lengths is not supported; only 4-byte lengths are");
        }
        // Width and height stay 0: they are not in the avcC header fields, only deep in the SPS;
        // the encoder that decodes this stream learns them from the first picture.
        TrackInfo track = TrackInfo.video(record.codecString(), RtmpTimestamp.TIMESCALE, 0, 0, 0, avcC);
        return new FlvTagResult.SequenceHeader(avcC, track);
    }

    private static FlvTagResult sample(byte[] payload, int frameType, long dts, long wallClockBaseMicros) {
        // CompositionTime is SI24 (E.4.3.2): shift the 24 bits to the top and back to extend the sign.
        int compositionTime = ((payload[2] & 0xFF) << 24 | (payload[3] & 0xFF) << 16 | (payload[4] & 0xFF) << 8) >> 8;
        byte[] data = Arrays.copyOfRange(payload, AVC_HEADER_BYTES, payload.length);
        if (data.length == 0) {
            return new FlvTagResult.Ignored("AVC NALU tag without NAL units");
        }
        try {
            AnnexB.splitLengthPrefixed(data);
        } catch (IllegalArgumentException e) {
            return new FlvTagResult.Malformed("invalid AVC NAL units: " + e.getMessage());
        }
        long pts = dts + compositionTime;
        MediaSample sample = new MediaSample(MediaKind.VIDEO, dts, pts, 0, RtmpTimestamp.TIMESCALE,
                frameType == FRAME_KEY, data, RtmpTimestamp.captureTimeMicros(wallClockBaseMicros, pts));
        return new FlvTagResult.Sample(sample);
    }

    private static FlvTagResult enhanced(byte[] payload, int first) {
        int frameType = (first >>> 4) & 0x07;
        int packetType = first & 0x0F;
        if (frameType == FRAME_INFO_COMMAND) {
            return new FlvTagResult.Ignored("Enhanced RTMP video command frame");
        }
        if (packetType == EX_MULTITRACK) {
            return new FlvTagResult.Unsupported("Enhanced RTMP multitrack video is not supported" + PUBLISH_H264);
        }
        if (packetType == EX_MOD_EX) {
            return new FlvTagResult.Unsupported("Enhanced RTMP ModEx video is not supported" + PUBLISH_H264);
        }
        if (payload.length < 5) {
            return new FlvTagResult.Malformed("Enhanced RTMP video tag of " + payload.length + " bytes ends inside its FourCC");
        }
        return new FlvTagResult.Unsupported("Enhanced RTMP " + FourCc.read(payload, 1).describe() + " is not supported" + PUBLISH_H264);
    }

    /** Names of the legacy FLV CodecID values (E.4.3.1). */
    private static String codecName(int codecId) {
        return switch (codecId) {
            case 1 -> "JPEG";
            case 2 -> "Sorenson H.263";
            case 3 -> "Screen video";
            case 4 -> "On2 VP6";
            case 5 -> "On2 VP6 with alpha";
            case 6 -> "Screen video version 2";
            default -> "reserved";
        };
    }
}
