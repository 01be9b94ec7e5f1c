package io.glass2glass.rtmp.client;

import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.chunk.ChunkDecoder;
import io.glass2glass.rtmp.chunk.ChunkEncoder;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.SetChunkSize;
import io.glass2glass.rtmp.chunk.UserControlMessage;
import io.glass2glass.rtmp.chunk.WindowAcknowledgementSize;
import io.glass2glass.rtmp.handshake.ServerHandshake;
import io.glass2glass.rtmp.message.CommandMessage;
import io.glass2glass.rtmp.message.DataMessage;
import io.glass2glass.rtmp.message.MessageResult;
import io.glass2glass.rtmp.message.PublishEvent;
import io.glass2glass.rtmp.message.PublishSession;
import io.glass2glass.rtmp.message.RtmpMessageDecoder;
import io.glass2glass.rtmp.message.RtmpMessageEncoder;
import io.glass2glass.rtmp.message.SessionStep;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server for publisher tests built from the real server-side codec stages (ServerHandshake,
 * ChunkDecoder/Encoder, RtmpMessageDecoder, PublishSession) with behaviour the production
 * {@code RtmpServer} never shows: a small acknowledgement window, Ping Requests, a refused
 * {@code connect}, silence, a foreign S0, a socket that stops reading. It records every message
 * it receives, raw, so tests can check exact timestamps and chunking.
 */
public final class ScriptedRtmpServer implements AutoCloseable {

    /** What the server does besides the normal publish answers. */
    public enum Script { NORMAL, PING_AND_SMALL_WINDOW, REJECT_CONNECT, SILENT, S0_VERSION_6, CLOSE_AFTER_CONNECT }

    static final long PING_TIMESTAMP = 0xCAFE;
    static final long SMALL_WINDOW = 2500;
    static final int PADDING_BYTES = 3000;

    /** Every message received, in order, across connections. */
    public final List<RtmpMessage> received = new CopyOnWriteArrayList<>();
    final AtomicLong bytesSentToClient = new AtomicLong();
    private final Script script;
    private final NetServer server;
    private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();

    public ScriptedRtmpServer(Vertx vertx, Script script) throws Exception {
        this(vertx, script, 0);
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port). */
    public ScriptedRtmpServer(Vertx vertx, Script script, int port) throws Exception {
        this.script = script;
        this.server = vertx.createNetServer();
        server.connectHandler(this::accept);
        await(server.listen(port, "127.0.0.1"));
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops reading from every connection: the client's writes pile up in the socket buffers. */
    public void pauseReading() {
        sockets.forEach(NetSocket::pause);
    }

    public void resumeReading() {
        sockets.forEach(NetSocket::resume);
    }

    /** Decoded commands received, by name, in order. */
    public List<CommandMessage> commands() {
        RtmpMessageDecoder decoder = new RtmpMessageDecoder();
        return received.stream().map(decoder::decode).filter(r -> r instanceof MessageResult.Decoded)
                .map(r -> ((MessageResult.Decoded) r).message()).filter(m -> m instanceof CommandMessage)
                .map(m -> (CommandMessage) m).toList();
    }

    /** Decoded data messages received. */
    public List<DataMessage> data() {
        RtmpMessageDecoder decoder = new RtmpMessageDecoder();
        return received.stream().map(decoder::decode).filter(r -> r instanceof MessageResult.Decoded)
                .map(r -> ((MessageResult.Decoded) r).message()).filter(m -> m instanceof DataMessage)
                .map(m -> (DataMessage) m).toList();
    }

    /** Drops every connection, as a crashed or restarted server would. */
    public void closeConnections() {
        sockets.forEach(NetSocket::close);
    }

    private void accept(NetSocket socket) {
        sockets.add(socket);
        Connection c = new Connection(socket);
        socket.handler(c::received);
    }

    /** Stops listening and drops every connection. */
    @Override
    public void close() throws Exception {
        closeConnections();
        await(server.close());
    }

    private static void await(Future<?> f) throws Exception {
        f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One client connection, on the server's event loop. */
    private final class Connection {
        private final NetSocket socket;
        private final ServerHandshake handshake = new ServerHandshake();
        private final ChunkDecoder chunks = new ChunkDecoder();
        private final ChunkEncoder encoder = new ChunkEncoder();
        private final RtmpMessageDecoder messages = new RtmpMessageDecoder();
        private final PublishSession session = new PublishSession();

        Connection(NetSocket socket) {
            this.socket = socket;
        }

        void received(Buffer buffer) {
            if (script == Script.SILENT) {
                return;
            }
            byte[] data = buffer.getBytes();
            if (handshake.state() != ServerHandshake.State.DONE) {
                if (script == Script.S0_VERSION_6) {
                    byte[] answer = new byte[1 + 2 * 1536];
                    answer[0] = 6;
                    send(answer);
                    return;
                }
                byte[] reply = handshake.feed(data);
                if (reply.length > 0) {
                    send(reply);
                }
                if (handshake.state() != ServerHandshake.State.DONE) {
                    return;
                }
                data = handshake.leftover();
            }
            for (RtmpMessage raw : chunks.decode(data)) {
                received.add(raw);
                MessageResult result = messages.decode(raw);
                if (result instanceof MessageResult.Decoded d && d.message() instanceof CommandMessage c && c.name().equals("connect")) {
                    if (script == Script.REJECT_CONNECT) {
                        Amf0Object info = Amf0Object.builder().put("level", "error").put("code", "NetConnection.Connect.Rejected")
                                .put("description", "No such application.").build();
                        write(List.of(RtmpMessageEncoder.encode(new CommandMessage(0, "_error", c.transactionId(), null, List.of(info)), 3)));
                        return;
                    }
                    if (script == Script.CLOSE_AFTER_CONNECT) {
                        socket.close();
                        return;
                    }
                }
                SessionStep step = session.handle(result);
                write(step.replies());
                for (PublishEvent e : step.events()) {
                    if (e instanceof PublishEvent.PublishRequested p) {
                        write(session.accept(p.streamKey()).replies());
                        if (script == Script.PING_AND_SMALL_WINDOW) {
                            write(List.of(new UserControlMessage.PingRequest(PING_TIMESTAMP).toMessage(0)));
                            // Bytes enough to fill another acknowledgement window.
                            write(List.of(RtmpMessageEncoder.encode(new DataMessage(0, 0, "|RtmpSampleAccess",
                                    List.of(new Amf0String("x".repeat(PADDING_BYTES)))), 5)));
                        }
                    }
                }
            }
        }

        private void write(List<RtmpMessage> replies) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (RtmpMessage reply : replies) {
                if (script == Script.PING_AND_SMALL_WINDOW && reply.typeId() == WindowAcknowledgementSize.TYPE_ID) {
                    reply = new WindowAcknowledgementSize(SMALL_WINDOW).toMessage(0);
                }
                encoder.encode(reply, out);
                if (reply.typeId() == SetChunkSize.TYPE_ID) {
                    encoder.setChunkSize(RtmpMessageEncoder.CHUNK_SIZE);
                }
            }
            if (out.size() > 0) {
                send(out.toByteArray());
            }
        }

        private void send(byte[] bytes) {
            bytesSentToClient.addAndGet(bytes.length);
            socket.write(Buffer.buffer(bytes));
        }
    }
}
