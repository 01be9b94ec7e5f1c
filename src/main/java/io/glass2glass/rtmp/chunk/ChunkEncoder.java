package io.glass2glass.rtmp.chunk;

import java.io.ByteArrayOutputStream;

/**
 * Outgoing chunk stream encoder (RTMP spec §5.3): writes each message as a format 0 chunk followed
 * by format 3 continuation chunks of at most the outgoing chunk size, with an extended timestamp
 * (§5.3.1.3) in every chunk when the timestamp is 0xFFFFFF or more.
 *
 * <p>The outgoing chunk size changes only through {@link #setChunkSize}; send a {@link SetChunkSize}
 * message with the same value first.
 */
public final class ChunkEncoder {

    private static final int EXTENDED = 0xFFFFFF;

    private int chunkSize;

    /** An encoder with the default chunk size of 128 bytes (§5.4.1). */
    public ChunkEncoder() {
        this(ChunkDecoder.DEFAULT_CHUNK_SIZE);
    }

    /** An encoder with the given outgoing chunk size, 1..16 MiB. */
    public ChunkEncoder(int chunkSize) {
        setChunkSize(chunkSize);
    }

    /** Outgoing chunk size in effect. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Changes the outgoing chunk size, 1..16 MiB. */
    public void setChunkSize(int chunkSize) {
        if (chunkSize < 1 || chunkSize > ChunkDecoder.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be 1.." + ChunkDecoder.MAX_CHUNK_SIZE + ": " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** The chunks of one message. */
    public byte[] encode(RtmpMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.payload().length + 32);
        encode(message, out);
        return out.toByteArray();
    }

    /** Encodes a control message on chunk stream 2, message stream 0, timestamp 0. */
    public byte[] encode(ProtocolControlMessage control) {
        return encode(control.toMessage(0));
    }

    /** Appends the chunks of one message to {@code out}. */
    public void encode(RtmpMessage message, ByteArrayOutputStream out) {
        int csid = message.chunkStreamId();
        byte[] payload = message.payload();
        long timestamp = message.timestamp();
        if (csid < RtmpMessage.MIN_CHUNK_STREAM_ID || csid > RtmpMessage.MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream id must be 2..65599: " + csid);
        }
        if (payload.length > RtmpMessage.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message longer than 0xFFFFFF bytes: " + payload.length);
        }
        if (message.typeId() < 0 || message.typeId() > 0xFF) {
            throw new IllegalArgumentException("type id must be 0..255: " + message.typeId());
        }
        if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("timestamp must be unsigned 32-bit: " + timestamp);
        }
        boolean extended = timestamp >= EXTENDED;
        writeBasicHeader(out, 0, csid);
        writeUint24(out, extended ? EXTENDED : (int) timestamp);
        writeUint24(out, payload.length);
        out.write(message.typeId());
        int msid = message.messageStreamId();
        out.write(msid);
        out.write(msid >>> 8);
        out.write(msid >>> 16);
        out.write(msid >>> 24);
        int written = 0;
        do {
            if (written > 0) {
                writeBasicHeader(out, 3, csid);
            }
            if (extended) {
                writeUint32(out, timestamp);
            }
            int n = Math.min(chunkSize, payload.length - written);
            out.write(payload, written, n);
            written += n;
        } while (written < payload.length);
    }

    /** Writes a 1-, 2- or 3-byte basic header (§5.3.1.1). */
    static void writeBasicHeader(ByteArrayOutputStream out, int fmt, int csid) {
        if (csid < 64) {
            out.write(fmt << 6 | csid);
        } else if (csid < 320) {
            out.write(fmt << 6);
            out.write(csid - 64);
        } else {
            out.write(fmt << 6 | 1);
            out.write((csid - 64) & 0xFF);
            out.write((csid - 64) >>> 8);
        }
    }

    private static void writeUint24(ByteArrayOutputStream out, int v) {
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeUint32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }
}
