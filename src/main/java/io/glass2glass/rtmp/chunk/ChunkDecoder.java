package io.glass2glass.rtmp.chunk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incoming chunk stream decoder (RTMP spec §5.3): turns bytes, fed as they arrive, into complete
 * {@link RtmpMessage}s.
 *
 * <p>Handles basic headers of 1, 2 and 3 bytes (§5.3.1.1), message headers of format 0–3 with
 * per-chunk-stream state (§5.3.1.2), extended timestamps (§5.3.1.3, repeated in format 3 chunks
 * whenever the stream's last format 0/1/2 header used one, as ffmpeg and OBS send them),
 * interleaved chunk streams, Set Chunk Size applied as soon as it is decoded (§5.4.1) and Abort
 * (§5.4.2). A format 3 header that starts a new message adds the timestamp field of the stream's
 * last format 0/1/2 header (as ffmpeg and SRS do).
 *
 * <p>Limits are checked before anything is allocated. Malformed input never throws: the decoder
 * records a {@link Malformed}, moves to {@link State#MALFORMED} and ignores all further input.
 */
public final class ChunkDecoder {

    /** Decoder state, Netty style. */
    public enum State { BASIC_HEADER, MESSAGE_HEADER, EXTENDED_TIMESTAMP, PAYLOAD, MALFORMED }

    /** Chunk size before any Set Chunk Size (§5.4.1). */
    public static final int DEFAULT_CHUNK_SIZE = 128;
    /** Largest incoming chunk size accepted (the spec allows 0x7FFFFFFF; no real client needs more). */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    /** Default largest message accepted. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 8 * 1024 * 1024;
    /** Default number of chunk streams tracked per connection. */
    public static final int DEFAULT_MAX_CHUNK_STREAMS = 64;
    /**
     * Bytes all unfinished messages of a connection may hold together: without it, 64 chunk streams
     * each assembling an 8 MB message would let one peer pin 512 MB.
     */
    public static final int MAX_PENDING_BYTES = 16 * 1024 * 1024;

    private static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};
    private static final int EXTENDED = 0xFFFFFF;

    /** What the decoder remembers per chunk stream id (§5.3.1.2). */
    private static final class ChunkStream {
        long timestamp;
        long delta;
        int length;
        int typeId;
        int messageStreamId;
        boolean extended;
        byte[] buffer;
        int received;
    }

    private final int maxMessageLength;
    private final int maxChunkStreams;
    /** Chunk stream ids encoders use (2-8 typically) are looked up in an array: this runs once per chunk. */
    private static final int LOW_IDS = 64;
    private final ChunkStream[] lowStreams = new ChunkStream[LOW_IDS];
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private int streamCount;
    private final byte[] header = new byte[11];
    private int headerFill;
    private int headerNeed;
    private State state = State.BASIC_HEADER;
    private Malformed malformed;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private long pendingBytes;

    private int fmt;
    private int csid;
    private ChunkStream current;
    private long headerTimestampField;

    /** A decoder with the default limits. */
    public ChunkDecoder() {
        this(DEFAULT_MAX_MESSAGE_LENGTH, DEFAULT_MAX_CHUNK_STREAMS);
    }

    /**
     * A decoder with explicit limits.
     *
     * @param maxMessageLength largest message length accepted, 0..0xFFFFFF
     * @param maxChunkStreams  number of chunk stream ids tracked at once, at least 1
     */
    public ChunkDecoder(int maxMessageLength, int maxChunkStreams) {
        if (maxMessageLength < 0 || maxMessageLength > RtmpMessage.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("maxMessageLength must be 0..0xFFFFFF: " + maxMessageLength);
        }
        if (maxChunkStreams < 1) {
            throw new IllegalArgumentException("maxChunkStreams must be positive: " + maxChunkStreams);
        }
        this.maxMessageLength = maxMessageLength;
        this.maxChunkStreams = maxChunkStreams;
    }

    /** Current state. */
    public State state() {
        return state;
    }

    /** Why decoding stopped, if it did. */
    public Optional<Malformed> malformed() {
        return Optional.ofNullable(malformed);
    }

    /** Incoming chunk size in effect. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Decodes the whole array; see {@link #decode(ByteBuffer)}. */
    public List<RtmpMessage> decode(byte[] data) {
        return decode(ByteBuffer.wrap(data));
    }

    /** Decodes a slice of an array; see {@link #decode(ByteBuffer)}. */
    public List<RtmpMessage> decode(byte[] data, int offset, int length) {
        return decode(ByteBuffer.wrap(data, offset, length));
    }

    /**
     * Consumes all remaining bytes of {@code in} and returns the messages they complete, in order.
     * Partial chunks are kept for the next call. Once malformed, returns the messages completed before
     * the fault and nothing afterwards.
     */
    public List<RtmpMessage> decode(ByteBuffer in) {
        List<RtmpMessage> out = new ArrayList<>();
        while (in.hasRemaining() && state != State.MALFORMED) {
            switch (state) {
                case BASIC_HEADER -> readBasicHeader(in);
                case MESSAGE_HEADER -> readMessageHeader(in, out);
                case EXTENDED_TIMESTAMP -> readExtendedTimestamp(in, out);
                case PAYLOAD -> readPayload(in, out);
                case MALFORMED -> in.position(in.limit());
            }
        }
        if (state == State.MALFORMED) {
            in.position(in.limit());
        }
        return out;
    }

    private boolean fill(ByteBuffer in) {
        int n = Math.min(in.remaining(), headerNeed - headerFill);
        in.get(header, headerFill, n);
        headerFill += n;
        return headerFill == headerNeed;
    }

    private void readBasicHeader(ByteBuffer in) {
        if (headerFill == 0) {
            header[0] = in.get();
            headerFill = 1;
            int low = header[0] & 0x3F;
            headerNeed = low == 0 ? 2 : low == 1 ? 3 : 1;
        }
        if (!fill(in)) {
            return;
        }
        fmt = (header[0] & 0xFF) >>> 6;
        int low = header[0] & 0x3F;
        csid = switch (low) {
            case 0 -> 64 + (header[1] & 0xFF);
            case 1 -> 64 + (header[1] & 0xFF) + ((header[2] & 0xFF) << 8);
            default -> low;
        };
        current = csid < LOW_IDS ? lowStreams[csid] : streams.get(csid);
        if (current == null) {
            if (fmt != 0) {
                fail("format " + fmt + " chunk on chunk stream " + csid + " without a previous header");
                return;
            }
            if (streamCount >= maxChunkStreams) {
                fail("more than " + maxChunkStreams + " chunk streams");
                return;
            }
            current = new ChunkStream();
            streamCount++;
            if (csid < LOW_IDS) {
                lowStreams[csid] = current;
            } else {
                streams.put(csid, current);
            }
        }
        headerFill = 0;
        headerNeed = MESSAGE_HEADER_LENGTH[fmt];
        state = State.MESSAGE_HEADER;
    }

    private void readMessageHeader(ByteBuffer in, List<RtmpMessage> out) {
        if (headerNeed > 0 && !fill(in)) {
            return;
        }
        ChunkStream s = current;
        if (fmt < 3) {
            if (s.received > 0) {
                fail("format " + fmt + " header on chunk stream " + csid + " in the middle of a message");
                return;
            }
            headerTimestampField = uint24(0);
            if (fmt <= 1) {
                int length = uint24(3);
                if (length > maxMessageLength) {
                    fail("message length " + length + " on chunk stream " + csid + " exceeds the limit "
                            + maxMessageLength);
                    return;
                }
                s.length = length;
                s.typeId = header[6] & 0xFF;
            }
            if (fmt == 0) {
                s.messageStreamId = (header[7] & 0xFF) | (header[8] & 0xFF) << 8
                        | (header[9] & 0xFF) << 16 | (header[10] & 0xFF) << 24;
            }
            s.extended = headerTimestampField == EXTENDED;
        }
        headerFill = 0;
        if (s.extended) {
            headerNeed = 4;
            state = State.EXTENDED_TIMESTAMP;
        } else {
            startChunk(fmt == 3 ? s.delta : headerTimestampField, out);
        }
    }

    private void readExtendedTimestamp(ByteBuffer in, List<RtmpMessage> out) {
        if (!fill(in)) {
            return;
        }
        headerFill = 0;
        startChunk(ProtocolControlMessage.readUint32(header, 0), out);
    }

    /** Applies the timestamp (field, delta or extended value) and moves on to the payload. */
    private void startChunk(long timestampValue, List<RtmpMessage> out) {
        ChunkStream s = current;
        switch (fmt) {
            case 0 -> {
                s.timestamp = timestampValue;
                s.delta = timestampValue;
            }
            case 1, 2 -> {
                s.delta = timestampValue;
                s.timestamp = (s.timestamp + timestampValue) & 0xFFFFFFFFL;
            }
            default -> {
                if (s.received == 0) {
                    s.delta = timestampValue;
                    s.timestamp = (s.timestamp + timestampValue) & 0xFFFFFFFFL;
                }
            }
        }
        if (s.length == 0) {
            state = State.BASIC_HEADER;
            complete(s, new byte[0], out);
            return;
        }
        if (s.buffer == null) {
            // Grow with the data actually received, so a declared length alone never reserves memory.
            int size = Math.min(s.length, Math.max(chunkSize, 4096));
            if (!reserve(size)) {
                return;
            }
            s.buffer = new byte[size];
        }
        headerNeed = Math.min(chunkSize, s.length - s.received);
        state = State.PAYLOAD;
    }

    private void readPayload(ByteBuffer in, List<RtmpMessage> out) {
        ChunkStream s = current;
        int n = Math.min(in.remaining(), headerNeed);
        if (s.received + n > s.buffer.length) {
            int size = Math.min(s.length, Math.max(s.received + n, s.buffer.length * 2));
            if (!reserve(size - s.buffer.length)) {
                return;
            }
            s.buffer = Arrays.copyOf(s.buffer, size);
        }
        in.get(s.buffer, s.received, n);
        s.received += n;
        headerNeed -= n;
        if (headerNeed > 0) {
            return;
        }
        state = State.BASIC_HEADER;
        if (s.received == s.length) {
            byte[] payload = s.buffer.length == s.length ? s.buffer : Arrays.copyOf(s.buffer, s.length);
            pendingBytes -= s.buffer.length;
            s.buffer = null;
            s.received = 0;
            complete(s, payload, out);
        }
    }

    private void complete(ChunkStream s, byte[] payload, List<RtmpMessage> out) {
        RtmpMessage message = new RtmpMessage(csid, s.messageStreamId, s.typeId, s.timestamp, payload);
        if (s.typeId == SetChunkSize.TYPE_ID) {
            if (payload.length < 4) {
                fail("Set Chunk Size payload of " + payload.length + " bytes");
                return;
            }
            long size = ProtocolControlMessage.readUint32(payload, 0) & 0x7FFFFFFFL;
            if (size == 0 || size > MAX_CHUNK_SIZE) {
                fail("Set Chunk Size " + size + " outside 1.." + MAX_CHUNK_SIZE);
                return;
            }
            chunkSize = (int) size;
        } else if (s.typeId == AbortMessage.TYPE_ID) {
            if (payload.length < 4) {
                fail("Abort Message payload of " + payload.length + " bytes");
                return;
            }
            long target = ProtocolControlMessage.readUint32(payload, 0);
            ChunkStream aborted = target < LOW_IDS ? lowStreams[(int) target]
                    : target <= RtmpMessage.MAX_CHUNK_STREAM_ID ? streams.get((int) target) : null;
            if (aborted != null) {
                pendingBytes -= aborted.buffer == null ? 0 : aborted.buffer.length;
                aborted.buffer = null;
                aborted.received = 0;
            }
        }
        out.add(message);
    }

    /** Accounts for {@code bytes} more of unfinished messages; false (and malformed) past {@link #MAX_PENDING_BYTES}. */
    private boolean reserve(long bytes) {
        if (pendingBytes + bytes > MAX_PENDING_BYTES) {
            fail("unfinished messages would hold " + (pendingBytes + bytes) + " bytes, over the limit " + MAX_PENDING_BYTES);
            return false;
        }
        pendingBytes += bytes;
        return true;
    }

    private int uint24(int at) {
        return (header[at] & 0xFF) << 16 | (header[at + 1] & 0xFF) << 8 | (header[at + 2] & 0xFF);
    }

    private void fail(String reason) {
        malformed = new Malformed(reason);
        state = State.MALFORMED;
        current = null;
        streams.clear();
        Arrays.fill(lowStreams, null);
        streamCount = 0;
    }
}
