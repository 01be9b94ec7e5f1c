package io.glass2glass.packager.cmaf;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes single-track CMAF headers and CMAF segments (ISO/IEC 23000-19 §7.3) as ISO base media
 * file format boxes (ISO/IEC 14496-12), for H.264 video ({@code avc1}, ISO/IEC 14496-15 §5.4) and
 * AAC audio ({@code mp4a}, ISO/IEC 14496-14 §5.6).
 */
public final class CmafWriter {

    private static final int MOVIE_TIMESCALE = 1000;
    /** ISO 639-2/T "und", packed as three 5-bit letters (ISO/IEC 14496-12 §8.4.2.3). */
    private static final int LANGUAGE_UND = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);

    private static final int TKHD_ENABLED_IN_MOVIE = 0x000003;
    private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
    private static final int TRUN_DATA_OFFSET = 0x000001;
    private static final int TRUN_SAMPLE_DURATION = 0x000100;
    private static final int TRUN_SAMPLE_SIZE = 0x000200;
    private static final int TRUN_SAMPLE_FLAGS = 0x000400;
    private static final int TRUN_COMPOSITION_OFFSET = 0x000800;

    /** sample_flags (§8.8.3.1) of a sync sample: depends on no other sample. */
    private static final int SYNC_SAMPLE_FLAGS = 2 << 24;
    /** sample_flags of a non-sync sample: depends on others, sample_is_non_sync_sample set. */
    private static final int NON_SYNC_SAMPLE_FLAGS = 1 << 24 | 1 << 16;

    /** ISO/IEC 14496-1 §7.2.2.1 descriptor tags and values used in esds. */
    private static final int ES_DESCRIPTOR = 0x03;
    private static final int DECODER_CONFIG_DESCRIPTOR = 0x04;
    private static final int DECODER_SPECIFIC_INFO = 0x05;
    private static final int SL_CONFIG_DESCRIPTOR = 0x06;
    private static final int OBJECT_TYPE_MPEG4_AUDIO = 0x40;
    private static final int STREAM_TYPE_AUDIO = 0x05;
    /** Largest AAC frame per channel: 6144 bits (ISO/IEC 14496-3 §4.5.3.2). */
    private static final int AAC_MAX_FRAME_BYTES_PER_CHANNEL = 768;

    private CmafWriter() {
    }

    /**
     * The CMAF header of one track (ISO/IEC 23000-19 §7.3.1): {@code ftyp} and a {@code moov} with
     * empty sample tables and an {@code mvex} announcing fragments.
     *
     * @param trackId the track_ID that segments of this track carry in {@code tfhd}, 1 or more
     */
    public static byte[] header(TrackInfo track, int trackId) {
        if (trackId <= 0) {
            throw new IllegalArgumentException("track_ID must be positive: " + trackId);
        }
        boolean video = track.kind() == MediaKind.VIDEO;
        BoxWriter out = new BoxWriter(1024 + track.decoderConfig().length);
        out.box("ftyp", b -> b.fourCc("iso6").u32(0).fourCc("iso6").fourCc("cmfc").fourCc("dash"));
        out.box("moov", moov -> {
            moov.fullBox("mvhd", 0, 0, b -> b
                    .u32(0).u32(0) // creation_time, modification_time
                    .u32(MOVIE_TIMESCALE)
                    .u32(0) // duration: unknown, the track is fragmented and live
                    .u32(0x00010000) // rate 1.0
                    .u16(0x0100) // volume 1.0
                    .zeros(2 + 8)
                    .unityMatrix()
                    .zeros(6 * 4)
                    .u32(trackId + 1L));
            moov.box("trak", trak -> {
                trak.fullBox("tkhd", 0, TKHD_ENABLED_IN_MOVIE, b -> b
                        .u32(0).u32(0) // creation_time, modification_time
                        .u32(trackId)
                        .u32(0) // reserved
                        .u32(0) // duration
                        .zeros(8)
                        .u16(0) // layer
                        .u16(0) // alternate_group
                        .u16(video ? 0 : 0x0100)
                        .u16(0)
                        .unityMatrix()
                        .u32(video ? (long) track.width() << 16 : 0)
                        .u32(video ? (long) track.height() << 16 : 0));
                trak.box("mdia", mdia -> {
                    mdia.fullBox("mdhd", 0, 0, b -> b
                            .u32(0).u32(0)
                            .u32(track.timescale())
                            .u32(0)
                            .u16(LANGUAGE_UND)
                            .u16(0));
                    mdia.fullBox("hdlr", 0, 0, b -> b
                            .u32(0) // pre_defined
                            .fourCc(video ? "vide" : "soun")
                            .zeros(3 * 4)
                            .bytes(nullTerminated(video ? "glass2glass video" : "glass2glass audio")));
                    mdia.box("minf", minf -> {
                        if (video) {
                            minf.fullBox("vmhd", 0, 1, b -> b.u16(0).zeros(3 * 2));
                        } else {
                            minf.fullBox("smhd", 0, 0, b -> b.u16(0).u16(0));
                        }
                        minf.box("dinf", dinf -> dinf.fullBox("dref", 0, 0, dref -> dref
                                .u32(1)
                                // flags 1: the media data is in this file
                                .fullBox("url ", 0, 1, url -> { })));
                        minf.box("stbl", stbl -> {
                            stbl.fullBox("stsd", 0, 0, stsd -> {
                                stsd.u32(1);
                                if (video) {
                                    writeAvc1(stsd, track);
                                } else {
                                    writeMp4a(stsd, track);
                                }
                            });
                            stbl.fullBox("stts", 0, 0, b -> b.u32(0));
                            stbl.fullBox("stsc", 0, 0, b -> b.u32(0));
                            stbl.fullBox("stsz", 0, 0, b -> b.u32(0).u32(0));
                            stbl.fullBox("stco", 0, 0, b -> b.u32(0));
                        });
                    });
                });
            });
            moov.box("mvex", mvex -> mvex.fullBox("trex", 0, 0, b -> b
                    .u32(trackId)
                    .u32(1) // default_sample_description_index
                    .u32(0).u32(0).u32(0)));
        });
        return out.toByteArray();
    }

    /**
     * One CMAF segment holding one CMAF fragment (ISO/IEC 23000-19 §7.3.2, §7.3.3): {@code styp},
     * {@code moof} and {@code mdat}. Every sample's duration, size, flags and composition offset
     * are written in a version 1 {@code trun}, so offsets may be negative.
     *
     * @param sequenceNumber mfhd sequence_number, 0 to 2^32-1, increasing from segment to segment
     * @param baseMediaDecodeTime decode time of the first sample, in the track's timescale
     * @param samples in decode order, all of the track's kind and timescale
     */
    public static byte[] segment(TrackInfo track, int trackId, long sequenceNumber, long baseMediaDecodeTime, List<MediaSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a CMAF fragment needs at least one sample");
        }
        if (trackId <= 0) {
            throw new IllegalArgumentException("track_ID must be positive: " + trackId);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sequence_number out of range: " + sequenceNumber);
        }
        if (baseMediaDecodeTime < 0) {
            throw new IllegalArgumentException("negative baseMediaDecodeTime: " + baseMediaDecodeTime);
        }
        long mdatPayload = 0;
        for (MediaSample sample : samples) {
            checkSample(track, sample);
            mdatPayload += sample.data().length;
        }
        // Leaves headroom for styp, moof and the mdat header inside one Java array.
        if (mdatPayload > Integer.MAX_VALUE - 64L * 1024 - 16L * samples.size()) {
            throw new IllegalArgumentException("segment of " + mdatPayload + " bytes is too large");
        }
        boolean video = track.kind() == MediaKind.VIDEO;

        BoxWriter out = new BoxWriter(256 + 16 * samples.size() + (int) mdatPayload);
        out.box("styp", b -> b.fourCc("msdh").u32(0).fourCc("msdh").fourCc("cmfs").fourCc("iso6"));
        int moofStart = out.position();
        int[] dataOffsetAt = new int[1];
        out.box("moof", moof -> {
            moof.fullBox("mfhd", 0, 0, b -> b.u32(sequenceNumber));
            moof.box("traf", traf -> {
                traf.fullBox("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF, b -> b.u32(trackId));
                traf.fullBox("tfdt", 1, 0, b -> b.u64(baseMediaDecodeTime));
                int flags = TRUN_DATA_OFFSET | TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS | TRUN_COMPOSITION_OFFSET;
                traf.fullBox("trun", 1, flags, trun -> {
                    trun.u32(samples.size());
                    dataOffsetAt[0] = trun.position();
                    trun.u32(0);
                    for (MediaSample sample : samples) {
                        boolean sync = !video || sample.keyframe();
                        trun.u32(sample.duration())
                                .u32(sample.data().length)
                                .u32(sync ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS)
                                .u32(sample.compositionOffset());
                    }
                });
            });
        });
        // With default-base-is-moof, data_offset counts from the first byte of this moof.
        out.patchU32(dataOffsetAt[0], out.position() + 8 - moofStart);
        out.u32(8 + mdatPayload).fourCc("mdat");
        samples.forEach(sample -> out.bytes(sample.data()));
        return out.toByteArray();
    }

    private static void checkSample(TrackInfo track, MediaSample sample) {
        if (sample.kind() != track.kind()) {
            throw new IllegalArgumentException("a " + sample.kind() + " sample in a " + track.kind() + " track");
        }
        if (sample.timescale() != track.timescale()) {
            throw new IllegalArgumentException("sample timescale " + sample.timescale() + " in a track of timescale " + track.timescale());
        }
        if (sample.duration() < 0 || sample.duration() > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sample duration out of range: " + sample.duration());
        }
        long offset = sample.compositionOffset();
        if (offset < Integer.MIN_VALUE || offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("composition offset out of range: " + offset);
        }
    }

    /** AVCSampleEntry (ISO/IEC 14496-15 §5.4.2.1) over VisualSampleEntry (ISO/IEC 14496-12 §12.1.3). */
    private static void writeAvc1(BoxWriter stsd, TrackInfo track) {
        stsd.box("avc1", b -> {
            writeSampleEntryHeader(b);
            b.u16(0).u16(0) // pre_defined, reserved
                    .zeros(3 * 4) // pre_defined
                    .u16(track.width())
                    .u16(track.height())
                    .u32(0x00480000) // horizresolution 72 dpi
                    .u32(0x00480000) // vertresolution 72 dpi
                    .u32(0) // reserved
                    .u16(1) // frame_count
                    .zeros(32) // compressorname: empty Pascal string
                    .u16(0x0018) // depth: colour, no alpha
                    .u16(0xFFFF); // pre_defined -1
            b.box("avcC", avcC -> avcC.bytes(track.decoderConfig()));
        });
    }

    /** MP4AudioSampleEntry (ISO/IEC 14496-14 §5.6) over AudioSampleEntry (ISO/IEC 14496-12 §12.2.3). */
    private static void writeMp4a(BoxWriter stsd, TrackInfo track) {
        stsd.box("mp4a", b -> {
            writeSampleEntryHeader(b);
            b.zeros(2 * 4) // reserved
                    .u16(track.channels())
                    .u16(16) // samplesize
                    .u16(0) // pre_defined
                    .u16(0) // reserved
                    // 16.16 fixed point; a rate above 65535 Hz cannot be written, and decoders take
                    // the rate from the AudioSpecificConfig anyway.
                    .u32(track.sampleRate() <= 0xFFFF ? (long) track.sampleRate() << 16 : 0);
            b.fullBox("esds", 0, 0, esds -> writeEsDescriptor(esds, track));
        });
    }

    /** ES_Descriptor (ISO/IEC 14496-1 §7.2.6.5) with its DecoderConfigDescriptor and SLConfigDescriptor. */
    private static void writeEsDescriptor(BoxWriter out, TrackInfo track) {
        byte[] asc = track.decoderConfig();
        int decSpecificInfo = descriptorSize(asc.length);
        int decoderConfig = descriptorSize(13 + decSpecificInfo);
        int slConfig = descriptorSize(1);
        descriptorHeader(out, ES_DESCRIPTOR, 3 + decoderConfig + slConfig);
        out.u16(0).u8(0); // ES_ID 0 as stored in a file (ISO/IEC 14496-14 §3.1.2); no dependency, URL or OCR stream
        descriptorHeader(out, DECODER_CONFIG_DESCRIPTOR, 13 + decSpecificInfo);
        out.u8(OBJECT_TYPE_MPEG4_AUDIO)
                .u8(STREAM_TYPE_AUDIO << 2 | 1) // upStream 0, reserved 1
                .u24(AAC_MAX_FRAME_BYTES_PER_CHANNEL * Math.max(1, track.channels())) // bufferSizeDB
                .u32(0) // maxBitrate: not known ahead of a live encode
                .u32(0); // avgBitrate
        descriptorHeader(out, DECODER_SPECIFIC_INFO, asc.length);
        out.bytes(asc);
        descriptorHeader(out, SL_CONFIG_DESCRIPTOR, 1);
        out.u8(2); // predefined: reserved for use in MP4 files
    }

    /** Size of a descriptor with {@code payload} bytes: tag, expandable size field, payload. */
    private static int descriptorSize(int payload) {
        int sizeBytes = 1;
        while (payload >>> (7 * sizeBytes) != 0) {
            sizeBytes++;
        }
        return 1 + sizeBytes + payload;
    }

    /** Tag and expandable size (ISO/IEC 14496-1 §8.3.3): 7 bits per byte, high bit = more follow. */
    private static void descriptorHeader(BoxWriter out, int tag, int payload) {
        out.u8(tag);
        int sizeBytes = descriptorSize(payload) - 1 - payload;
        for (int i = sizeBytes - 1; i >= 0; i--) {
            out.u8((payload >>> (7 * i)) & 0x7F | (i > 0 ? 0x80 : 0));
        }
    }

    /** SampleEntry (ISO/IEC 14496-12 §8.5.2.2): reserved, data_reference_index 1 (the dref entry). */
    private static void writeSampleEntryHeader(BoxWriter out) {
        out.zeros(6).u16(1);
    }

    private static byte[] nullTerminated(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, utf8.length + 1);
    }
}
