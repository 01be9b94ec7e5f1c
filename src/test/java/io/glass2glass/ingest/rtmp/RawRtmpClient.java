package io.glass2glass.ingest.rtmp;

import io.glass2glass.rtmp.amf.Amf0Encoder;
import io.glass2glass.rtmp.amf.Amf0Null;
import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import io.glass2glass.rtmp.chunk.ChunkDecoder;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.message.CommandMessage;
import io.glass2glass.rtmp.message.MessageResult;
import io.glass2glass.rtmp.message.RtmpMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bare RTMP client for hand-built and hostile input: the plain handshake (RTMP spec 1.0 §5.2.5),
 * then chunks written byte for byte, and everything the server sends read until it closes.
 */
final class RawRtmpClient implements AutoCloseable {

    /** Chunk size until a Set Chunk Size (§5.4.1). */
    private static final int CHUNK_SIZE = 128;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawRtmpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A connection with nothing sent yet. */
    static RawRtmpClient open(int port) throws IOException {
        return new RawRtmpClient(port);
    }

    /** A connection past the plain handshake: C0C1 with a zero C1, then S1 echoed as C2. */
    static RawRtmpClient handshaken(int port) throws IOException {
        RawRtmpClient c = new RawRtmpClient(port);
        byte[] c0c1 = new byte[1537];
        c0c1[0] = 3;
        c.write(c0c1);
        byte[] s0s1s2 = c.in.readNBytes(3073);
        if (s0s1s2.length != 3073) {
            c.close();
            throw new IOException("short S0S1S2: " + s0s1s2.length + " bytes");
        }
        c.out.write(s0s1s2, 1, 1536);
        c.out.flush();
        return c;
    }

    void write(byte[]... parts) throws IOException {
        for (byte[] p : parts) {
            out.write(p);
        }
        out.flush();
    }

    /** Half-closes: the server sees the end of our input. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads until the server closes the connection and returns what it sent.
     *
     * @throws AssertionError when the server keeps the connection open for 5 s
     */
    byte[] readUntilClosed(String what) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    return received.toByteArray();
                }
                received.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(what + ": the server did not close the connection", e);
        } catch (IOException e) {
            return received.toByteArray(); // reset by the server: closed as well
        }
        throw new AssertionError(what + ": the server kept the connection open");
    }

    /** Reads whatever the server sends during {@code millis}, the connection staying open. */
    byte[] readFor(long millis) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        socket.setSoTimeout(100);
        try {
            while (System.nanoTime() < deadline) {
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    received.write(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    // nothing yet
                }
            }
        } finally {
            socket.setSoTimeout(5000);
        }
        return received.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * One message as chunks (§5.3.1): a format 0 header, then format 3 headers every 128 bytes.
     * Timestamp 0; chunk stream ids 2..63 (one-byte basic header).
     */
    static byte[] message(int chunkStreamId, int typeId, int messageStreamId, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(chunkStreamId);
        b.write(0);
        b.write(0);
        b.write(0);
        b.write(payload.length >>> 16);
        b.write(payload.length >>> 8);
        b.write(payload.length);
        b.write(typeId);
        for (int i = 0; i < 4; i++) {
            b.write(messageStreamId >>> (8 * i)); // little-endian (§5.3.1.2.1)
        }
        for (int at = 0; at < payload.length; at += CHUNK_SIZE) {
            if (at > 0) {
                b.write(0xC0 | chunkStreamId);
            }
            b.write(payload, at, Math.min(CHUNK_SIZE, payload.length - at));
        }
        return b.toByteArray();
    }

    /** An AMF0 command message (type 20) on chunk stream 3: name, transaction id, null command object, arguments. */
    static byte[] command(int messageStreamId, String name, double transactionId, Amf0Value... arguments) {
        List<Amf0Value> values = new ArrayList<>(List.of(new Amf0String(name), new Amf0Number(transactionId), Amf0Null.INSTANCE));
        values.addAll(List.of(arguments));
        return message(3, 20, messageStreamId, Amf0Encoder.encode(values));
    }

    /** {@code connect} (§7.2.1.1) with its command object, transaction id 1. */
    static byte[] connect(String app) {
        Amf0Object commandObject = Amf0Object.builder().put("app", app).put("tcUrl", "rtmp://127.0.0.1/" + app).build();
        return message(3, 20, 0, Amf0Encoder.encode(new Amf0String("connect"), new Amf0Number(1), commandObject));
    }

    /** The command messages among what a server sent after the handshake, decoded with the server's own codec. */
    static List<CommandMessage> commands(byte[] received) {
        List<CommandMessage> commands = new ArrayList<>();
        RtmpMessageDecoder decoder = new RtmpMessageDecoder();
        for (RtmpMessage raw : new ChunkDecoder().decode(received)) {
            if (decoder.decode(raw) instanceof MessageResult.Decoded d && d.message() instanceof CommandMessage c) {
                commands.add(c);
            }
        }
        return commands;
    }
}
