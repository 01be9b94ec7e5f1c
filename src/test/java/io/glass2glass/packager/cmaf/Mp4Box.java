package io.glass2glass.packager.cmaf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A parsed ISO/IEC 14496-12 box, for tests that check what the packager writes: the box tree of a
 * CMAF header or segment, plus readers for the fields tests ask about most.
 *
 * <p>{@link #parse(byte[])} returns a root whose children are the top-level boxes, so paths read
 * like {@code root.find("moov/trak/mdia/mdhd")}. Field readers ({@link #u32(int)}…) take offsets
 * from the start of the payload, i.e. after the 8-byte header (a FullBox's version is at 0).
 *
 * @param type four-character code, {@code ""} for the root
 * @param data the whole file the box is in
 * @param offset where the box starts in {@code data}
 * @param size the box's size, header included
 * @param payloadOffset where the payload starts in {@code data}
 * @param children child boxes, for the container types this parser knows
 */
public record Mp4Box(String type, byte[] data, int offset, int size, int payloadOffset, List<Mp4Box> children) {

    /** Container boxes, with the bytes of their own fields that come before the child boxes. */
    private static final Map<String, Integer> CHILDREN_AFTER = Map.ofEntries(
            Map.entry("moov", 0), Map.entry("trak", 0), Map.entry("mdia", 0), Map.entry("minf", 0),
            Map.entry("dinf", 0), Map.entry("stbl", 0), Map.entry("mvex", 0), Map.entry("moof", 0),
            Map.entry("traf", 0), Map.entry("edts", 0), Map.entry("mfra", 0), Map.entry("sinf", 0),
            Map.entry("schi", 0),
            Map.entry("stsd", 8), Map.entry("dref", 8), // FullBox header + entry_count
            Map.entry("avc1", 78), Map.entry("avc3", 78), Map.entry("hvc1", 78), Map.entry("hev1", 78),
            Map.entry("encv", 78), // VisualSampleEntry fields
            Map.entry("mp4a", 28), Map.entry("enca", 28)); // AudioSampleEntry fields

    /** sample_flags bit sample_is_non_sync_sample (ISO/IEC 14496-12 §8.8.3.1). */
    private static final int NON_SYNC_SAMPLE = 1 << 16;

    public Mp4Box {
        children = List.copyOf(children);
    }

    /**
     * Parses a whole file or segment.
     *
     * @throws IllegalArgumentException if a box size runs past its parent or is too small
     */
    public static Mp4Box parse(byte[] data) {
        return new Mp4Box("", data, 0, data.length, 0, parseBoxes(data, 0, data.length));
    }

    // ---- tree navigation ----

    /** The first box at a slash-separated path below this one, e.g. {@code "moov/trak/tkhd"}. */
    public Mp4Box find(String path) {
        Mp4Box box = this;
        for (String type : path.split("/")) {
            Mp4Box parent = box;
            box = parent.child(type).orElseThrow(() -> new NoSuchElementException(
                    "no " + type + " in " + (parent.type().isEmpty() ? "file" : parent.type()) + " (path " + path + ", children "
                            + parent.children().stream().map(Mp4Box::type).toList() + ")"));
        }
        return box;
    }

    /** Every box at a slash-separated path below this one, in file order. */
    public List<Mp4Box> findAll(String path) {
        List<Mp4Box> level = List.of(this);
        for (String type : path.split("/")) {
            List<Mp4Box> next = new ArrayList<>();
            for (Mp4Box box : level) {
                box.children().stream().filter(c -> c.type().equals(type)).forEach(next::add);
            }
            level = next;
        }
        return level;
    }

    public boolean has(String path) {
        return !findAll(path).isEmpty();
    }

    public Optional<Mp4Box> child(String type) {
        return children.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** The tree below this box, one type per line, indented two spaces a level. */
    public String outline() {
        StringBuilder text = new StringBuilder();
        outline(this, type.isEmpty() ? 0 : 1, text);
        return text.toString();
    }

    private static void outline(Mp4Box box, int depth, StringBuilder text) {
        if (depth > 0) {
            text.append("  ".repeat(Math.max(0, depth - 1))).append(box.type()).append('\n');
        }
        box.children().forEach(c -> outline(c, depth + 1, text));
    }

    // ---- field readers, offsets relative to the payload ----

    public int payloadSize() {
        return offset + size - payloadOffset;
    }

    public byte[] payload() {
        return Arrays.copyOfRange(data, payloadOffset, offset + size);
    }

    /** FullBox version. */
    public int version() {
        return u8(0);
    }

    /** FullBox flags. */
    public int flags() {
        return u24(1);
    }

    public int u8(int at) {
        return data[index(at, 1)] & 0xFF;
    }

    public int u16(int at) {
        int i = index(at, 2);
        return (data[i] & 0xFF) << 8 | data[i + 1] & 0xFF;
    }

    public int u24(int at) {
        int i = index(at, 3);
        return (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | data[i + 2] & 0xFF;
    }

    public long u32(int at) {
        return i32(at) & 0xFFFFFFFFL;
    }

    public int i32(int at) {
        int i = index(at, 4);
        return (data[i] & 0xFF) << 24 | (data[i + 1] & 0xFF) << 16 | (data[i + 2] & 0xFF) << 8 | data[i + 3] & 0xFF;
    }

    public long u64(int at) {
        return u32(at) << 32 | u32(at + 4);
    }

    public String fourCc(int at) {
        return new String(data, index(at, 4), 4, StandardCharsets.ISO_8859_1);
    }

    public byte[] bytes(int at, int length) {
        int i = index(at, length);
        return Arrays.copyOfRange(data, i, i + length);
    }

    private int index(int at, int length) {
        if (at < 0 || at + length > payloadSize()) {
            throw new IndexOutOfBoundsException(type + ": " + length + " bytes at " + at + " of a " + payloadSize() + "-byte payload");
        }
        return payloadOffset + at;
    }

    // ---- what tests ask of CMAF headers and segments ----

    /** One sample as a {@code trun} describes it, defaults from {@code tfhd} filled in. */
    public record TrunSample(long duration, long size, int flags, long compositionOffset) {

        public boolean isSync() {
            return (flags & NON_SYNC_SAMPLE) == 0;
        }

        /** sample_depends_on: 1 depends on others, 2 depends on no other sample. */
        public int dependsOn() {
            return flags >>> 24 & 0x3;
        }
    }

    /** mdhd timescale of the first track of a CMAF header. */
    public static int timescale(byte[] init) {
        Mp4Box mdhd = parse(init).find("moov/trak/mdia/mdhd");
        return (int) mdhd.u32(mdhd.version() == 1 ? 20 : 12);
    }

    /** Four-character code of the first sample entry of a CMAF header, e.g. {@code avc1}. */
    public static String sampleEntryType(byte[] init) {
        Mp4Box stsd = parse(init).find("moov/trak/mdia/minf/stbl/stsd");
        if (stsd.children().isEmpty()) {
            throw new NoSuchElementException("stsd has no sample entry");
        }
        return stsd.children().get(0).type();
    }

    /** mfhd sequence_number of the first fragment of a segment. */
    public static long sequenceNumber(byte[] segment) {
        return parse(segment).find("moof/mfhd").u32(4);
    }

    /** tfdt baseMediaDecodeTime of the first fragment of a segment. */
    public static long tfdt(byte[] segment) {
        Mp4Box tfdt = parse(segment).find("moof/traf/tfdt");
        return tfdt.version() == 1 ? tfdt.u64(4) : tfdt.u32(4);
    }

    /** trun data_offset of the first fragment of a segment. */
    public static int dataOffset(byte[] segment) {
        Mp4Box trun = parse(segment).find("moof/traf/trun");
        if ((trun.flags() & 0x1) == 0) {
            throw new IllegalStateException("trun has no data_offset");
        }
        return trun.i32(8);
    }

    /** The samples of every trun of every fragment of a segment, in order. */
    public static List<TrunSample> trunSamples(byte[] segment) {
        List<TrunSample> samples = new ArrayList<>();
        for (Mp4Box traf : parse(segment).findAll("moof/traf")) {
            Mp4Box tfhd = traf.find("tfhd");
            TfhdDefaults defaults = TfhdDefaults.of(tfhd);
            for (Mp4Box trun : traf.findAll("trun")) {
                readTrun(trun, defaults, samples);
            }
        }
        return samples;
    }

    /**
     * The bytes of each sample of the first fragment, cut from the segment at the trun data_offset
     * (counted from the moof, as default-base-is-moof says) with the trun sizes.
     */
    public static List<byte[]> sampleData(byte[] segment) {
        Mp4Box root = parse(segment);
        Mp4Box moof = root.find("moof");
        Mp4Box tfhd = moof.find("traf/tfhd");
        if ((tfhd.flags() & 0x020000) == 0 || (tfhd.flags() & 0x1) != 0) {
            throw new IllegalStateException("only default-base-is-moof fragments are supported");
        }
        int at = moof.offset() + dataOffset(segment);
        List<byte[]> data = new ArrayList<>();
        for (Mp4Box trun : moof.findAll("traf/trun")) {
            List<TrunSample> samples = new ArrayList<>();
            readTrun(trun, TfhdDefaults.of(tfhd), samples);
            for (TrunSample sample : samples) {
                if (at + sample.size() > segment.length) {
                    throw new IllegalArgumentException("sample data runs past the end of the segment");
                }
                data.add(Arrays.copyOfRange(segment, at, at + (int) sample.size()));
                at += (int) sample.size();
            }
        }
        return data;
    }

    private record TfhdDefaults(Long duration, Long size, Integer flags) {

        static TfhdDefaults of(Mp4Box tfhd) {
            int flags = tfhd.flags();
            int at = 8; // version, flags, track_ID
            at += (flags & 0x01) != 0 ? 8 : 0; // base_data_offset
            at += (flags & 0x02) != 0 ? 4 : 0; // sample_description_index
            Long duration = null;
            Long size = null;
            Integer sampleFlags = null;
            if ((flags & 0x08) != 0) {
                duration = tfhd.u32(at);
                at += 4;
            }
            if ((flags & 0x10) != 0) {
                size = tfhd.u32(at);
                at += 4;
            }
            if ((flags & 0x20) != 0) {
                sampleFlags = tfhd.i32(at);
            }
            return new TfhdDefaults(duration, size, sampleFlags);
        }
    }

    private static void readTrun(Mp4Box trun, TfhdDefaults defaults, List<TrunSample> into) {
        int flags = trun.flags();
        long count = trun.u32(4);
        int at = 8;
        at += (flags & 0x001) != 0 ? 4 : 0; // data_offset
        Integer firstSampleFlags = null;
        if ((flags & 0x004) != 0) {
            firstSampleFlags = trun.i32(at);
            at += 4;
        }
        for (long i = 0; i < count; i++) {
            long duration = (flags & 0x100) != 0 ? trun.u32(at) : required(defaults.duration(), "sample duration");
            at += (flags & 0x100) != 0 ? 4 : 0;
            long size = (flags & 0x200) != 0 ? trun.u32(at) : required(defaults.size(), "sample size");
            at += (flags & 0x200) != 0 ? 4 : 0;
            int sampleFlags;
            if ((flags & 0x400) != 0) {
                sampleFlags = trun.i32(at);
                at += 4;
            } else if (i == 0 && firstSampleFlags != null) {
                sampleFlags = firstSampleFlags;
            } else {
                sampleFlags = required(defaults.flags(), "sample flags");
            }
            long compositionOffset = 0;
            if ((flags & 0x800) != 0) {
                compositionOffset = trun.version() == 0 ? trun.u32(at) : trun.i32(at);
                at += 4;
            }
            into.add(new TrunSample(duration, size, sampleFlags, compositionOffset));
        }
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalStateException(what + " neither in trun nor in tfhd (trex defaults are not read)");
        }
        return value;
    }

    private static List<Mp4Box> parseBoxes(byte[] data, int from, int to) {
        List<Mp4Box> boxes = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                throw new IllegalArgumentException("truncated box header at " + at);
            }
            long size = (data[at] & 0xFFL) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF;
            String type = new String(data, at + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (to - at < 16) {
                    throw new IllegalArgumentException("truncated largesize of " + type + " at " + at);
                }
                size = 0;
                for (int i = 8; i < 16; i++) {
                    size = size << 8 | data[at + i] & 0xFF;
                }
                header = 16;
            } else if (size == 0) {
                size = to - at; // extends to the end of its parent
            }
            if (size < header || size > to - at) {
                throw new IllegalArgumentException("box " + type + " at " + at + " has size " + size + " with " + (to - at) + " bytes left");
            }
            int end = at + (int) size;
            int payload = at + header;
            Integer skip = CHILDREN_AFTER.get(type);
            List<Mp4Box> children = skip == null || payload + skip > end ? List.of() : parseBoxes(data, payload + skip, end);
            boxes.add(new Mp4Box(type, data, at, (int) size, payload, children));
            at = end;
        }
        return boxes;
    }
}
