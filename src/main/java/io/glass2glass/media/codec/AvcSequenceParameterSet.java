package io.glass2glass.media.codec;

/**
 * What a player is told about an H.264 stream that is packaged without decoding it: the picture
 * size and nominal frame rate, read from the sequence parameter set (ITU-T H.264 §7.3.2.1.1
 * seq_parameter_set_data, §E.1.1 vui_parameters up to the timing information).
 *
 * @param width displayed width: the coded macroblocks minus the frame cropping (§7.4.2.1.1)
 * @param height displayed height
 * @param frameRate frames per second from the VUI timing information (time_scale divided by twice
 *     num_units_in_tick, §E.2.1), or 0 when the SPS carries none
 */
public record AvcSequenceParameterSet(int width, int height, double frameRate) {

    private static final int NAL_SPS = 7;
    /** Bigger than any level allows (level 6.2: 139,264 macroblocks per frame), so sizes never overflow. */
    private static final int MAX_MACROBLOCKS_PER_SIDE = 1024;

    /**
     * Parses an SPS NAL unit, header byte included, emulation prevention bytes still in place.
     *
     * @throws IllegalArgumentException if it is not an SPS, is truncated or has a field out of range
     */
    public static AvcSequenceParameterSet parse(byte[] nal) {
        if (nal.length < 4 || (nal[0] & 0x1F) != NAL_SPS) {
            throw new IllegalArgumentException("not an SPS NAL unit");
        }
        int profileIdc = nal[1] & 0xFF;
        RbspReader in = new RbspReader(nal, 4);
        in.ue(); // seq_parameter_set_id
        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        if (profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 244 || profileIdc == 44
                || profileIdc == 83 || profileIdc == 86 || profileIdc == 118 || profileIdc == 128 || profileIdc == 138
                || profileIdc == 139 || profileIdc == 134 || profileIdc == 135) {
            chromaFormatIdc = in.ue();
            if (chromaFormatIdc > 3) {
                throw new IllegalArgumentException("SPS chroma_format_idc " + chromaFormatIdc);
            }
            if (chromaFormatIdc == 3) {
                separateColourPlane = in.bit() == 1;
            }
            in.ue(); // bit_depth_luma_minus8
            in.ue(); // bit_depth_chroma_minus8
            in.bit(); // qpprime_y_zero_transform_bypass_flag
            if (in.bit() == 1) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (in.bit() == 1) {
                        skipScalingList(in, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        in.ue(); // log2_max_frame_num_minus4
        int pocType = in.ue();
        if (pocType == 0) {
            in.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (pocType == 1) {
            in.bit(); // delta_pic_order_always_zero_flag
            in.se(); // offset_for_non_ref_pic
            in.se(); // offset_for_top_to_bottom_field
            int cycle = in.ue();
            if (cycle > 255) {
                throw new IllegalArgumentException("SPS num_ref_frames_in_pic_order_cnt_cycle " + cycle);
            }
            for (int i = 0; i < cycle; i++) {
                in.se();
            }
        } else if (pocType != 2) {
            throw new IllegalArgumentException("SPS pic_order_cnt_type " + pocType);
        }
        in.ue(); // max_num_ref_frames
        in.bit(); // gaps_in_frame_num_value_allowed_flag
        int widthInMbs = in.ue() + 1;
        int heightInMapUnits = in.ue() + 1;
        if (widthInMbs > MAX_MACROBLOCKS_PER_SIDE || heightInMapUnits > MAX_MACROBLOCKS_PER_SIDE) {
            throw new IllegalArgumentException("SPS picture of " + widthInMbs + "x" + heightInMapUnits + " macroblocks");
        }
        int frameMbsOnly = in.bit();
        if (frameMbsOnly == 0) {
            in.bit(); // mb_adaptive_frame_field_flag
        }
        in.bit(); // direct_8x8_inference_flag
        int cropLeft = 0;
        int cropRight = 0;
        int cropTop = 0;
        int cropBottom = 0;
        if (in.bit() == 1) { // frame_cropping_flag
            cropLeft = in.ue();
            cropRight = in.ue();
            cropTop = in.ue();
            cropBottom = in.ue();
        }
        // Crop units (§7.4.2.1.1, Table 6-1): in chroma samples unless there is no separate chroma.
        int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
        int subWidthC = chromaFormatIdc == 3 ? 1 : 2;
        int subHeightC = chromaFormatIdc == 1 ? 2 : 1;
        int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
        int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (2 - frameMbsOnly);
        long width = widthInMbs * 16L - (long) cropUnitX * ((long) cropLeft + cropRight);
        long height = (2L - frameMbsOnly) * heightInMapUnits * 16 - (long) cropUnitY * ((long) cropTop + cropBottom);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("SPS cropping leaves a picture of " + width + "x" + height);
        }
        double frameRate = in.bit() == 1 ? vuiFrameRate(in) : 0; // vui_parameters_present_flag
        return new AvcSequenceParameterSet((int) width, (int) height, frameRate);
    }

    /** Reads vui_parameters (§E.1.1) as far as the timing information. */
    private static double vuiFrameRate(RbspReader in) {
        if (in.bit() == 1) { // aspect_ratio_info_present_flag
            if (in.bits(8) == 255) { // aspect_ratio_idc Extended_SAR
                in.bits(16); // sar_width
                in.bits(16); // sar_height
            }
        }
        if (in.bit() == 1) { // overscan_info_present_flag
            in.bit(); // overscan_appropriate_flag
        }
        if (in.bit() == 1) { // video_signal_type_present_flag
            in.bits(3); // video_format
            in.bit(); // video_full_range_flag
            if (in.bit() == 1) { // colour_description_present_flag
                in.bits(24); // colour_primaries, transfer_characteristics, matrix_coefficients
            }
        }
        if (in.bit() == 1) { // chroma_loc_info_present_flag
            in.ue();
            in.ue();
        }
        if (in.bit() == 0) { // timing_info_present_flag
            return 0;
        }
        long unitsInTick = in.bits(32);
        long timeScale = in.bits(32);
        // One frame is two ticks (field-based clock, §E.2.1 and Table E-6 with DeltaTfiDivisor 2).
        return unitsInTick == 0 || timeScale == 0 ? 0 : timeScale / (2.0 * unitsInTick);
    }

    private static void skipScalingList(RbspReader in, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++) {
            next = (last + in.se() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }
}
