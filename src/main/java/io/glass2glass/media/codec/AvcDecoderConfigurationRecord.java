package io.glass2glass.media.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1): the body of the {@code avcC} box
 * and of the FLV AVC sequence header, and the RFC 6381 §3.3 {@code avc1} codecs string derived from it.
 *
 * @param profileIndication profile_idc of the SPS
 * @param profileCompatibility the constraint_set flags byte of the SPS
 * @param levelIndication level_idc of the SPS
 * @param nalUnitLengthSize bytes in each NAL unit length prefix of the samples (1, 2 or 4)
 * @param sequenceParameterSets SPS NAL units, header byte included
 * @param pictureParameterSets PPS NAL units, header byte included
 */
public record AvcDecoderConfigurationRecord(
        int profileIndication,
        int profileCompatibility,
        int levelIndication,
        int nalUnitLengthSize,
        List<byte[]> sequenceParameterSets,
        List<byte[]> pictureParameterSets) {

    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;
    /** Profiles whose record ends with the chroma format and bit depth fields. */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 144);

    public AvcDecoderConfigurationRecord {
        sequenceParameterSets = List.copyOf(sequenceParameterSets);
        pictureParameterSets = List.copyOf(pictureParameterSets);
    }

    /**
     * Builds an avcC body with 4-byte NAL unit lengths; profile, compatibility and level are taken
     * from the first SPS, and so are the chroma format and bit depths for the High profiles.
     *
     * @throws IllegalArgumentException if a list is empty or too long, or a unit is not an SPS/PPS
     */
    public static byte[] fromParameterSets(List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty() || sps.size() > 31) {
            throw new IllegalArgumentException("avcC needs 1 to 31 SPS, got " + sps.size());
        }
        if (pps.isEmpty() || pps.size() > 255) {
            throw new IllegalArgumentException("avcC needs 1 to 255 PPS, got " + pps.size());
        }
        sps.forEach(unit -> requireParameterSet(unit, NAL_SPS, 4));
        pps.forEach(unit -> requireParameterSet(unit, NAL_PPS, 2));
        byte[] first = sps.get(0);
        int profile = first[1] & 0xFF;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(profile);
        out.write(first[2]);
        out.write(first[3]);
        out.write(0xFC | 3);
        out.write(0xE0 | sps.size());
        sps.forEach(unit -> writeParameterSet(out, unit));
        out.write(pps.size());
        pps.forEach(unit -> writeParameterSet(out, unit));
        if (HIGH_PROFILES.contains(profile)) {
            SpsChromaFormat format = SpsChromaFormat.of(first);
            out.write(0xFC | format.chromaFormatIdc());
            out.write(0xF8 | format.bitDepthLumaMinus8());
            out.write(0xF8 | format.bitDepthChromaMinus8());
            out.write(0);
        }
        return out.toByteArray();
    }

    /**
     * Builds an avcC body from encoder extradata in Annex B form (what libx264 puts in its global
     * header): the SPS and PPS are kept, any other NAL unit (SEI, AUD) is dropped.
     */
    public static byte[] fromAnnexB(byte[] annexBHeaders) {
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (byte[] unit : AnnexB.splitNalUnits(annexBHeaders)) {
            switch (unit[0] & 0x1F) {
                case NAL_SPS -> sps.add(unit);
                case NAL_PPS -> pps.add(unit);
                default -> {
                }
            }
        }
        return fromParameterSets(sps, pps);
    }

    /**
     * Reads and checks an avcC body. The High-profile trailer is optional, as many FLV encoders
     * leave it out; bytes after the parameter sets are not otherwise interpreted.
     *
     * @throws IllegalArgumentException if the version is not 1, a count is zero or a length runs
     *     past the end of the record
     */
    public static AvcDecoderConfigurationRecord parse(byte[] avcC) {
        if (avcC.length < 7) {
            throw new IllegalArgumentException("avcC of " + avcC.length + " bytes is too short");
        }
        if (avcC[0] != 1) {
            throw new IllegalArgumentException("avcC configurationVersion " + (avcC[0] & 0xFF) + ", expected 1");
        }
        int lengthSize = (avcC[4] & 0x03) + 1;
        if (lengthSize == 3) {
            throw new IllegalArgumentException("avcC lengthSizeMinusOne 2 is not allowed");
        }
        ByteBuffer in = ByteBuffer.wrap(avcC, 5, avcC.length - 5);
        List<byte[]> sps = readParameterSets(in, in.get() & 0x1F, NAL_SPS);
        if (!in.hasRemaining()) {
            throw new IllegalArgumentException("avcC truncated before numOfPictureParameterSets");
        }
        List<byte[]> pps = readParameterSets(in, in.get() & 0xFF, NAL_PPS);
        return new AvcDecoderConfigurationRecord(avcC[1] & 0xFF, avcC[2] & 0xFF, avcC[3] & 0xFF, lengthSize, sps, pps);
    }

    /** RFC 6381 §3.3 codecs string of an avcC body, e.g. {@code avc1.64001f}. */
    public static String codecString(byte[] avcC) {
        if (avcC.length < 4 || avcC[0] != 1) {
            throw new IllegalArgumentException("not an AVCDecoderConfigurationRecord");
        }
        return codecString(avcC[1] & 0xFF, avcC[2] & 0xFF, avcC[3] & 0xFF);
    }

    /** RFC 6381 §3.3 codecs string of this record, e.g. {@code avc1.64001f}. */
    public String codecString() {
        return codecString(profileIndication, profileCompatibility, levelIndication);
    }

    private static String codecString(int profile, int compatibility, int level) {
        return String.format("avc1.%02x%02x%02x", profile, compatibility, level);
    }

    private static void requireParameterSet(byte[] unit, int nalUnitType, int minLength) {
        if (unit.length < minLength || (unit[0] & 0x1F) != nalUnitType) {
            throw new IllegalArgumentException("not a " + (nalUnitType == NAL_SPS ? "SPS" : "PPS") + " NAL unit");
        }
        if (unit.length > 0xFFFF) {
            throw new IllegalArgumentException("parameter set of " + unit.length + " bytes does not fit avcC");
        }
    }

    private static void writeParameterSet(ByteArrayOutputStream out, byte[] unit) {
        out.write(unit.length >>> 8);
        out.write(unit.length);
        out.write(unit, 0, unit.length);
    }

    private static List<byte[]> readParameterSets(ByteBuffer in, int count, int nalUnitType) {
        String name = nalUnitType == NAL_SPS ? "SPS" : "PPS";
        if (count == 0) {
            throw new IllegalArgumentException("avcC has no " + name);
        }
        List<byte[]> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 2) {
                throw new IllegalArgumentException("avcC truncated in " + name + " " + i + " length");
            }
            int length = in.getShort() & 0xFFFF;
            if (length == 0 || length > in.remaining()) {
                throw new IllegalArgumentException("avcC " + name + " " + i + " length " + length + " with " + in.remaining() + " bytes left");
            }
            byte[] unit = new byte[length];
            in.get(unit);
            if ((unit[0] & 0x1F) != nalUnitType) {
                throw new IllegalArgumentException("avcC " + name + " " + i + " has NAL unit type " + (unit[0] & 0x1F));
            }
            units.add(unit);
        }
        return units;
    }

    /** The chroma format and bit depths of a High-profile SPS (ITU-T H.264 §7.3.2.1.1). */
    private record SpsChromaFormat(int chromaFormatIdc, int bitDepthLumaMinus8, int bitDepthChromaMinus8) {

        static SpsChromaFormat of(byte[] sps) {
            RbspReader reader = new RbspReader(sps, 4);
            reader.ue(); // seq_parameter_set_id
            int chromaFormatIdc = reader.ue();
            if (chromaFormatIdc == 3) {
                reader.bit(); // separate_colour_plane_flag
            }
            int lumaMinus8 = reader.ue();
            int chromaMinus8 = reader.ue();
            if (chromaFormatIdc > 3 || lumaMinus8 > 6 || chromaMinus8 > 6) {
                throw new IllegalArgumentException("SPS chroma format or bit depth out of range");
            }
            return new SpsChromaFormat(chromaFormatIdc, lumaMinus8, chromaMinus8);
        }
    }
}
