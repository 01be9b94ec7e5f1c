package io.glass2glass.rtmp.flv;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AudioSpecificConfig;
import java.util.Arrays;
import java.util.Objects;

/**
 * Maps the body of an RTMP audio message (type 8) to a {@link FlvTagResult}: the FLV AUDIODATA tag
 * (Adobe "Video File Format Specification v10.1", Annex E.4.2.1) with its AACAUDIODATA (E.4.2.2).
 *
 * <p>Only AAC (SoundFormat 10) is ingested. The SoundRate, SoundSize and SoundType bits are not
 * read: for AAC the AudioSpecificConfig is authoritative (E.4.2.1). Every other sound format,
 * including the Enhanced RTMP audio tags (Veovera "Enhanced RTMP" v2, "ExAudioTagHeader",
 * SoundFormat 9 followed by a FourCC such as {@code Opus} or {@code ac-3}), is answered with
 * {@link FlvTagResult.Unsupported}.
 *
 * <p>Timing: samples carry the RTMP millisecond clock (timescale 1000) with
 * {@code dts = pts = timestamp} and {@code duration} 0 (known only when the next frame arrives);
 * every AAC frame is a sync sample. The {@link TrackInfo} of a sequence header has the sampling
 * frequency as its timescale, as {@link TrackInfo#audio} defines; the packager rescales the samples.
 * That frequency is the AudioSpecificConfig's samplingFrequency field: for HE-AAC with explicit
 * SBR signalling (object type 5) it is the AAC core rate, half the output rate.
 *
 * <p>Capture time: the caller passes {@code wallClockBaseMicros}, the wall-clock time (µs since the
 * epoch) that RTMP timestamp 0 of this stream corresponds to; a sample's {@code captureTimeMicros}
 * is that base plus its timestamp.
 *
 * <p>Stateless and safe to share between threads. Malformed input never throws.
 */
public final class FlvAudioTagParser {

    /** FLV SoundFormat of AAC (E.4.2.1). */
    static final int SOUND_FORMAT_AAC = 10;
    /** FLV SoundFormat 9, reserved in v10.1, marks an Enhanced RTMP ExAudioTagHeader. */
    static final int SOUND_FORMAT_EX_HEADER = 9;

    private static final int AAC_SEQUENCE_HEADER = 0;
    private static final int AAC_RAW = 1;
    /** Bytes before the AAC payload: the SoundFormat byte and AACPacketType. */
    private static final int AAC_HEADER_BYTES = 2;
    /** Enhanced RTMP AudioPacketType values whose FourCC is not at bytes 1..4. */
    private static final int EX_MULTITRACK = 5;
    private static final int EX_MOD_EX = 7;
    private static final String PUBLISH_AAC = "; publish AAC";

    /**
     * Parses one audio tag body.
     *
     * @param payload the RTMP message body; not modified, and not retained (the result holds a copy)
     * @param timestampMillis the RTMP message timestamp, 0 to 2^32-1
     * @param wallClockBaseMicros the wall-clock time (µs since the epoch) of RTMP timestamp 0
     * @throws IllegalArgumentException only if {@code timestampMillis} is outside the RTMP range
     */
    public FlvTagResult parse(byte[] payload, long timestampMillis, long wallClockBaseMicros) {
        Objects.requireNonNull(payload, "payload");
        RtmpTimestamp.requireValid(timestampMillis);
        if (payload.length == 0) {
            return new FlvTagResult.Malformed("empty audio tag");
        }
        int soundFormat = (payload[0] & 0xFF) >>> 4;
        if (soundFormat == SOUND_FORMAT_EX_HEADER) {
            return enhanced(payload);
        }
        if (soundFormat != SOUND_FORMAT_AAC) {
            return new FlvTagResult.Unsupported("FLV sound format " + soundFormat + " (" + soundFormatName(soundFormat) + ") is not supported" + PUBLISH_AAC);
        }
        if (payload.length < AAC_HEADER_BYTES) {
            return new FlvTagResult.Malformed("AAC audio tag of 1 byte ends before its AACPacketType");
        }
        int packetType = payload[1] & 0xFF;
        byte[] body = Arrays.copyOfRange(payload, AAC_HEADER_BYTES, payload.length);
        return switch (packetType) {
            case AAC_SEQUENCE_HEADER -> sequenceHeader(body);
            case AAC_RAW -> sample(body, timestampMillis, wallClockBaseMicros);
            default -> new FlvTagResult.Malformed("reserved AACPacketType " + packetType);
        };
    }

    private static FlvTagResult sequenceHeader(byte[] asc) {
        AudioSpecificConfig config;
        try {
            config = AudioSpecificConfig.parse(asc);
        } catch (IllegalArgumentException e) {
            return new FlvTagResult.Malformed("invalid AAC sequence header: " + e.getMessage());
        }
        if (config.samplingFrequency() <= 0) {
            return new FlvTagResult.Malformed("invalid AAC sequence header: sampling frequency " + config.samplingFrequency());
        }
        // channelConfiguration 1..6 is that many channels, 7 is 7.1 (ISO/IEC 14496-3 §1.6.3.5,
        // Table 1.19); 0 defers to a program config element, which the packager cannot describe.
        int channelConfiguration = config.channelConfiguration();
        int channels = switch (channelConfiguration) {
            case 1, 2, 3, 4, 5, 6 -> channelConfiguration;
            case 7 -> 8;
            default -> 0;
        };
        if (channels == 0) {
            return new FlvTagResult.Unsupported("AAC channelConfiguration " + channelConfiguration + " is not supported; publish AAC with channelConfiguration 1 to 7");
        }
        TrackInfo track = TrackInfo.audio(config.codecString(), config.samplingFrequency(), channels, asc);
        return new FlvTagResult.SequenceHeader(asc, track);
    }

    private static FlvTagResult sample(byte[] frame, long timestampMillis, long wallClockBaseMicros) {
        if (frame.length == 0) {
            return new FlvTagResult.Ignored("AAC raw tag without a frame");
        }
        MediaSample sample = new MediaSample(MediaKind.AUDIO, timestampMillis, timestampMillis, 0, RtmpTimestamp.TIMESCALE,
                true, frame, RtmpTimestamp.captureTimeMicros(wallClockBaseMicros, timestampMillis));
        return new FlvTagResult.Sample(sample);
    }

    private static FlvTagResult enhanced(byte[] payload) {
        int packetType = payload[0] & 0x0F;
        if (packetType == EX_MULTITRACK) {
            return new FlvTagResult.Unsupported("Enhanced RTMP multitrack audio is not supported" + PUBLISH_AAC);
        }
        if (packetType == EX_MOD_EX) {
            return new FlvTagResult.Unsupported("Enhanced RTMP ModEx audio is not supported" + PUBLISH_AAC);
        }
        if (payload.length < 5) {
            return new FlvTagResult.Malformed("Enhanced RTMP audio tag of " + payload.length + " bytes ends inside its FourCC");
        }
        return new FlvTagResult.Unsupported("Enhanced RTMP " + FourCc.read(payload, 1).describe() + " audio is not supported" + PUBLISH_AAC);
    }

    /** Names of the FLV SoundFormat values (E.4.2.1). */
    private static String soundFormatName(int soundFormat) {
        return switch (soundFormat) {
            case 0 -> "Linear PCM, platform endian";
            case 1 -> "ADPCM";
            case 2 -> "MP3";
            case 3 -> "Linear PCM, little endian";
            case 4 -> "Nellymoser 16 kHz mono";
            case 5 -> "Nellymoser 8 kHz mono";
            case 6 -> "Nellymoser";
            case 7 -> "G.711 A-law";
            case 8 -> "G.711 mu-law";
            case 11 -> "Speex";
            case 14 -> "MP3 8 kHz";
            case 15 -> "device-specific sound";
            default -> "reserved";
        };
    }
}
