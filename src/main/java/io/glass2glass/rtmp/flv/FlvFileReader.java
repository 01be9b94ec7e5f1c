package io.glass2glass.rtmp.flv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an FLV file (Adobe "Video File Format Specification v10.1", Annex E.2 the FLV header, E.3
 * the FLV file body of PreviousTagSize fields and tags, E.4.1 the FLVTAG header): the tags whose
 * bodies are exactly what an RTMP publisher sends as audio, video and data messages.
 *
 * <p>Every declared length (the header's DataOffset, each tag's 24-bit DataSize) is checked
 * against a limit before anything is allocated, and every PreviousTagSize against the tag before
 * it. A broken file is a value ({@link Invalid}) naming the byte offset, never an exception;
 * {@link IOException} only reports the stream's own failures.
 */
public final class FlvFileReader implements AutoCloseable {

    /** TagType of an audio tag (E.4.1). */
    public static final int AUDIO = 8;
    /** TagType of a video tag. */
    public static final int VIDEO = 9;
    /** TagType of a script data tag (onMetaData). */
    public static final int SCRIPT_DATA = 18;
    /** The DataSize field's own ceiling (UI24). */
    public static final int MAX_TAG_BYTES = 0xFF_FFFF;

    private static final int HEADER_BYTES = 9;
    /** A DataOffset beyond this is not an FLV version 1 header with a few extra bytes, but garbage. */
    private static final int MAX_DATA_OFFSET = 4096;
    private static final int TAG_HEADER_BYTES = 11;

    /** The FLV header (E.2). */
    public record Header(int version, boolean hasAudio, boolean hasVideo) {}

    /** What {@link #next()} found. */
    public sealed interface Next permits Tag, End, Invalid {}

    /**
     * One tag (E.4.1).
     *
     * @param type {@link #AUDIO}, {@link #VIDEO}, {@link #SCRIPT_DATA} or another (reserved) TagType
     * @param timestampMillis the 32-bit timestamp: Timestamp with TimestampExtended as its upper 8 bits
     * @param body the tag's data (AUDIODATA, VIDEODATA or SCRIPTDATA), DataSize bytes
     */
    public record Tag(int type, long timestampMillis, byte[] body) implements Next {
        public Tag {
            Objects.requireNonNull(body, "body");
        }
    }

    /** The file ended cleanly, after a tag's PreviousTagSize (or right after a tag, where writers leave the last one out). */
    public record End() implements Next {}

    /** The file is not FLV, is truncated, or declares a length beyond the limit. */
    public record Invalid(String reason, long offset) implements Next {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A whole file: its header and tags, in file order. */
    public record FlvFile(Header header, List<Tag> tags) {
        public FlvFile {
            tags = List.copyOf(tags);
        }
    }

    private final InputStream in;
    private final int maxTagBytes;
    private long offset;
    private Header header;
    private long previousTagSize;
    private boolean done;
    private Invalid invalid;

    /**
     * @param maxTagBytes the largest DataSize accepted (at most {@link #MAX_TAG_BYTES}); a larger one is {@link Invalid}
     */
    public FlvFileReader(InputStream in, int maxTagBytes) {
        if (maxTagBytes < 0 || maxTagBytes > MAX_TAG_BYTES) {
            throw new IllegalArgumentException("maxTagBytes out of 0.." + MAX_TAG_BYTES + ": " + maxTagBytes);
        }
        this.in = in;
        this.maxTagBytes = maxTagBytes;
    }

    /**
     * Reads a whole file of at most {@code maxFileBytes}.
     *
     * @throws IOException if it cannot be read, is larger than the limit, or is not a valid FLV file (the reason and offset in the message)
     */
    public static FlvFile read(Path path, long maxFileBytes, int maxTagBytes) throws IOException {
        long size = Files.size(path);
        if (size > maxFileBytes) {
            throw new IOException(path + ": " + size + " bytes, more than the limit of " + maxFileBytes);
        }
        try (FlvFileReader reader = new FlvFileReader(new BufferedInputStream(Files.newInputStream(path)), maxTagBytes)) {
            List<Tag> tags = new ArrayList<>();
            while (true) {
                Next next = reader.next();
                if (next instanceof Tag t) {
                    tags.add(t);
                } else if (next instanceof Invalid bad) {
                    throw new IOException(path + ": not a valid FLV file: " + bad.reason() + " at byte " + bad.offset());
                } else {
                    return new FlvFile(reader.header, tags);
                }
            }
        }
    }

    /** The file's header, once {@link #next()} has read it; null before or if it was invalid. */
    public Header header() {
        return header;
    }

    /** The next tag, the end of the file, or why the file cannot be read further (then every later call says so again). */
    public Next next() throws IOException {
        if (invalid != null) {
            return invalid;
        }
        if (done) {
            return new End();
        }
        if (header == null) {
            Invalid bad = readHeader();
            if (bad != null) {
                return fail(bad);
            }
        }
        long tagStart = offset;
        byte[] previous = readUpTo(4);
        if (previous.length == 0) {
            done = true; // the last PreviousTagSize left out, or a file of no tags
            return new End();
        }
        if (previous.length < 4) {
            return fail(new Invalid("file ends inside a PreviousTagSize", tagStart));
        }
        long declared = u32(previous, 0);
        if (declared != previousTagSize) {
            return fail(new Invalid("PreviousTagSize " + declared + " where the tag before it was " + previousTagSize + " bytes", tagStart));
        }
        long headerStart = offset;
        byte[] h = readUpTo(TAG_HEADER_BYTES);
        if (h.length == 0) {
            done = true;
            return new End();
        }
        if (h.length < TAG_HEADER_BYTES) {
            return fail(new Invalid("file ends inside a tag header", headerStart));
        }
        if ((h[0] & 0x20) != 0) {
            return fail(new Invalid("encrypted tag (Filter bit set, E.4.1) is not supported", headerStart));
        }
        int type = h[0] & 0x1F;
        int dataSize = u24(h, 1);
        long timestamp = (long) (h[7] & 0xFF) << 24 | u24(h, 4);
        if (dataSize > maxTagBytes) {
            return fail(new Invalid("tag DataSize " + dataSize + " is over the limit of " + maxTagBytes, headerStart));
        }
        byte[] body = readUpTo(dataSize);
        if (body.length < dataSize) {
            return fail(new Invalid("file ends inside a tag of " + dataSize + " bytes (" + body.length + " read)", headerStart));
        }
        previousTagSize = TAG_HEADER_BYTES + (long) dataSize;
        return new Tag(type, timestamp, body);
    }

    private Invalid readHeader() throws IOException {
        byte[] h = readUpTo(HEADER_BYTES);
        if (h.length < 3 || h[0] != 'F' || h[1] != 'L' || h[2] != 'V') {
            return new Invalid("no FLV signature", 0);
        }
        if (h.length < HEADER_BYTES) {
            return new Invalid("file ends inside the FLV header", 0);
        }
        int version = h[3] & 0xFF;
        if (version != 1) {
            return new Invalid("FLV version " + version + ", only version 1 is defined", 3);
        }
        long dataOffset = u32(h, 5);
        if (dataOffset < HEADER_BYTES || dataOffset > MAX_DATA_OFFSET) {
            return new Invalid("FLV header DataOffset " + dataOffset + " outside " + HEADER_BYTES + ".." + MAX_DATA_OFFSET, 5);
        }
        // A later version may make the header longer; the body starts at DataOffset (E.2).
        long skip = dataOffset - HEADER_BYTES;
        if (readUpTo((int) skip).length < skip) {
            return new Invalid("file ends inside the FLV header", offset);
        }
        header = new Header(version, (h[4] & 0x04) != 0, (h[4] & 0x01) != 0);
        return null;
    }

    private Invalid fail(Invalid bad) {
        invalid = bad;
        return bad;
    }

    /** Reads {@code n} bytes, fewer only at the end of the stream. */
    private byte[] readUpTo(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        offset += b.length;
        return b;
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | b[at + 2] & 0xFF;
    }

    private static long u32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
