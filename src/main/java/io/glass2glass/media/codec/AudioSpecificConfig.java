package io.glass2glass.media.codec;

import java.util.Arrays;

/**
 * The MPEG-4 Audio AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1): the DecoderSpecificInfo of an
 * {@code esds} box and the body of the FLV AAC sequence header, and the RFC 6381 §3.3
 * {@code mp4a.40.x} codecs string derived from it.
 *
 * <p>Only the fields every AAC decoder reads first are interpreted (object type, sampling
 * frequency, channel configuration); the bytes are kept as they came, so a parsed configuration is
 * written back unchanged.
 */
public final class AudioSpecificConfig {

    /** AAC Low Complexity, the object type RTMP publishers and our encoder send. */
    public static final int AAC_LC = 2;

    /** samplingFrequencyIndex 0..12 (ISO/IEC 14496-3 §1.6.3.4, Table 1.18). */
    private static final int[] SAMPLING_FREQUENCIES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };
    private static final int EXPLICIT_FREQUENCY = 0xF;
    private static final int ESCAPE_OBJECT_TYPE = 31;

    private final byte[] bytes;
    private final int objectType;
    private final int samplingFrequencyIndex;
    private final int samplingFrequency;
    private final int channelConfiguration;

    private AudioSpecificConfig(byte[] bytes, int objectType, int samplingFrequencyIndex, int samplingFrequency, int channelConfiguration) {
        this.bytes = bytes;
        this.objectType = objectType;
        this.samplingFrequencyIndex = samplingFrequencyIndex;
        this.samplingFrequency = samplingFrequency;
        this.channelConfiguration = channelConfiguration;
    }

    /**
     * Reads the leading fields of an AudioSpecificConfig.
     *
     * @throws IllegalArgumentException if it is truncated, the object type is 0 (null) or the
     *     sampling frequency index is reserved
     */
    public static AudioSpecificConfig parse(byte[] bytes) {
        BitReader in = new BitReader(bytes);
        int objectType = in.bits(5);
        if (objectType == ESCAPE_OBJECT_TYPE) {
            objectType = 32 + in.bits(6);
        }
        if (objectType == 0) {
            throw new IllegalArgumentException("AudioSpecificConfig with null object type");
        }
        int index = in.bits(4);
        int frequency;
        if (index == EXPLICIT_FREQUENCY) {
            frequency = in.bits(24);
        } else if (index < SAMPLING_FREQUENCIES.length) {
            frequency = SAMPLING_FREQUENCIES[index];
        } else {
            throw new IllegalArgumentException("reserved samplingFrequencyIndex " + index);
        }
        int channels = in.bits(4);
        return new AudioSpecificConfig(bytes.clone(), objectType, index, frequency, channels);
    }

    /**
     * The two-byte (five with an unlisted rate) configuration of AAC-LC with a 1024-sample frame,
     * as an encoder producing raw AAC frames would announce it.
     *
     * @param channels 1 to 6, or 8 (channelConfiguration 7)
     */
    public static AudioSpecificConfig aacLc(int sampleRate, int channels) {
        if (sampleRate <= 0 || sampleRate > 0xFFFFFF) {
            throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
        }
        int channelConfiguration = switch (channels) {
            case 1, 2, 3, 4, 5, 6 -> channels;
            case 8 -> 7;
            default -> throw new IllegalArgumentException("no AAC channel configuration for " + channels + " channels");
        };
        int index = 0;
        while (index < SAMPLING_FREQUENCIES.length && SAMPLING_FREQUENCIES[index] != sampleRate) {
            index++;
        }
        long bits = AAC_LC;
        int length = 5;
        if (index < SAMPLING_FREQUENCIES.length) {
            bits = bits << 4 | index;
            length += 4;
        } else {
            index = EXPLICIT_FREQUENCY;
            bits = (bits << 4 | index) << 24 | sampleRate;
            length += 28;
        }
        // GASpecificConfig: frameLengthFlag 0 (1024 samples), dependsOnCoreCoder 0, extensionFlag 0.
        bits = bits << 7 | (long) channelConfiguration << 3;
        length += 7;
        int size = (length + 7) / 8;
        bits <<= size * 8 - length;
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (bits >>> (8 * (size - 1 - i)));
        }
        return new AudioSpecificConfig(bytes, AAC_LC, index, sampleRate, channelConfiguration);
    }

    /** audioObjectType, e.g. 2 for AAC-LC, 5 for SBR (HE-AAC). */
    public int objectType() {
        return objectType;
    }

    /** samplingFrequencyIndex; 15 when the frequency is given explicitly. */
    public int samplingFrequencyIndex() {
        return samplingFrequencyIndex;
    }

    /** Sampling frequency in Hz. */
    public int samplingFrequency() {
        return samplingFrequency;
    }

    /** channelConfiguration; 0 means the channels are described by a program config element. */
    public int channelConfiguration() {
        return channelConfiguration;
    }

    /** The encoded configuration, as carried in {@code esds} and {@code TrackInfo.decoderConfig()}. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** RFC 6381 §3.3 codecs string, e.g. {@code mp4a.40.2}. */
    public String codecString() {
        return "mp4a.40." + objectType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioSpecificConfig that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "AudioSpecificConfig[" + codecString() + ", " + samplingFrequency + " Hz, channelConfiguration " + channelConfiguration + "]";
    }

    /** Reads big-endian bit fields, failing on truncation. */
    private static final class BitReader {

        private final byte[] data;
        private int bit;

        BitReader(byte[] data) {
            this.data = data;
        }

        int bits(int count) {
            if (bit + count > data.length * 8L) {
                throw new IllegalArgumentException("AudioSpecificConfig truncated: " + data.length + " bytes");
            }
            int value = 0;
            for (int i = 0; i < count; i++, bit++) {
                value = value << 1 | (data[bit >>> 3] >> (7 - (bit & 7))) & 1;
            }
            return value;
        }
    }
}
