package io.glass2glass.rtmp.flv;

import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import java.util.Objects;

/**
 * What one FLV video or audio tag body (FLV specification v10.1, Annex E.4.2 VIDEODATA, E.4.3
 * AUDIODATA) means to the ingest: a new track configuration, a sample, the end of the sequence, or
 * a reason why the tag is skipped, refused or broken. The publish session answers
 * {@link Unsupported} and {@link Malformed} by closing that one connection with the reason.
 */
public sealed interface FlvTagResult
        permits FlvTagResult.SequenceHeader,
                FlvTagResult.Sample,
                FlvTagResult.EndOfSequence,
                FlvTagResult.Ignored,
                FlvTagResult.Unsupported,
                FlvTagResult.Malformed {

    /**
     * A sequence header: AVCPacketType 0 (the AVCDecoderConfigurationRecord) or AACPacketType 0
     * (the AudioSpecificConfig). The track starts or changes its configuration here.
     *
     * @param decoderConfig the configuration record exactly as carried in the tag
     * @param track the track it describes; {@code track.decoderConfig()} is the same bytes
     */
    record SequenceHeader(byte[] decoderConfig, TrackInfo track) implements FlvTagResult {
        public SequenceHeader {
            Objects.requireNonNull(decoderConfig, "decoderConfig");
            Objects.requireNonNull(track, "track");
        }
    }

    /** One coded access unit: AVCPacketType 1 (NAL units) or AACPacketType 1 (a raw AAC frame). */
    record Sample(MediaSample sample) implements FlvTagResult {
        public Sample {
            Objects.requireNonNull(sample, "sample");
        }
    }

    /** AVCPacketType 2: the publisher ended the AVC sequence; a new sequence header may follow. */
    record EndOfSequence() implements FlvTagResult {
    }

    /** A well-formed tag that carries no media, e.g. a video info/command frame (frame type 5). */
    record Ignored(String reason) implements FlvTagResult {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A well-formed tag in a codec or mode glass2glass does not ingest (Enhanced RTMP FourCCs,
     * legacy codecs other than AVC and AAC); the reason tells the publisher what to send instead.
     */
    record Unsupported(String reason) implements FlvTagResult {
        public Unsupported {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A truncated or invalid tag body. */
    record Malformed(String reason) implements FlvTagResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
