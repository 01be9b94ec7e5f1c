package io.glass2glass.ingest.rtmp;

import io.glass2glass.rtmp.chunk.Acknowledgement;
import io.glass2glass.rtmp.chunk.ChunkDecoder;
import io.glass2glass.rtmp.chunk.ChunkEncoder;
import io.glass2glass.rtmp.chunk.ProtocolControlMessage;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.SetChunkSize;
import io.glass2glass.rtmp.chunk.UserControlMessage;
import io.glass2glass.rtmp.chunk.WindowAcknowledgementSize;
import io.glass2glass.rtmp.handshake.ServerHandshake;
import io.glass2glass.rtmp.message.ControlMessage;
import io.glass2glass.rtmp.message.MessageResult;
import io.glass2glass.rtmp.message.PublishEvent;
import io.glass2glass.rtmp.message.PublishSession;
import io.glass2glass.rtmp.message.PublishStatus;
import io.glass2glass.rtmp.message.RtmpMessageDecoder;
import io.glass2glass.rtmp.message.RtmpMessageEncoder;
import io.glass2glass.rtmp.message.SessionStep;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One RTMP TCP connection, driven on its event loop: handshake (RTMP spec 1.0 §5.2), chunk stream
 * (§5.3), messages (§6, §7) and the publish session (§7.2.2.6). Media is handed to a
 * {@link LiveIngest} worker; any protocol failure closes this connection only, with one log line.
 */
final class RtmpConnection {

    /** How long a connection refused with a status stays open for the publisher to read it. */
    static final long LINGER_MILLIS = 1000;

    private final RtmpServer server;
    private final NetSocket socket;
    private final Context context;
    private final String peer;
    private final ServerHandshake handshake = new ServerHandshake();
    private final ChunkDecoder chunks = new ChunkDecoder();
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final RtmpMessageDecoder messages = new RtmpMessageDecoder();
    private final PublishSession session = new PublishSession();
    private String stream;
    /** Bytes received since the handshake, for Acknowledgements; the window is the publisher's, 0 until it sets one. */
    private long receivedBytes;
    private long lastReadNanos = System.nanoTime();
    private long acknowledgedBytes;
    private long peerWindow;
    /** The stream's counters, looked up once: they are bumped on every read. */
    private RtmpServer.StreamCounters counters;
    private LiveIngest ingest;
    private boolean closed;

    RtmpConnection(RtmpServer server, NetSocket socket, Context context) {
        this.server = server;
        this.socket = socket;
        this.context = context;
        this.peer = socket.remoteAddress() == null ? "?" : socket.remoteAddress().toString();
    }

    void start() {
        socket.handler(this::received);
        socket.closeHandler(v -> ended());
        socket.exceptionHandler(e -> fail("io", "connection error: " + e.getMessage()));
    }

    private void received(Buffer buffer) {
        if (closed) {
            return;
        }
        lastReadNanos = System.nanoTime();
        byte[] data = buffer.getBytes();
        if (counters != null) {
            counters.bytes().add(data.length);
        }
        if (handshake.state() != ServerHandshake.State.DONE) {
            byte[] reply = handshake.feed(data);
            if (handshake.state() == ServerHandshake.State.FAILED) {
                fail("handshake", "handshake failed: " + handshake.failureReason());
                return;
            }
            if (reply.length > 0) {
                socket.write(Buffer.buffer(reply));
            }
            if (handshake.state() != ServerHandshake.State.DONE) {
                return;
            }
            data = handshake.leftover();
            if (data.length == 0) {
                return;
            }
        }
        receivedBytes += data.length;
        var decoded = chunks.decode(data);
        for (RtmpMessage raw : decoded) {
            if (closed) {
                return;
            }
            MessageResult result = messages.decode(raw);
            if (raw.chunkStreamId() == ProtocolControlMessage.CONTROL_CHUNK_STREAM_ID
                    && result instanceof MessageResult.Decoded d && d.message() instanceof ControlMessage c) {
                control(c.control()); // the decoder already read it: no second decode
            }
            step(session.handle(result));
        }
        acknowledge();
        if (!closed && chunks.state() == ChunkDecoder.State.MALFORMED) {
            fail("chunk", "malformed chunk stream: " + chunks.malformed().map(m -> m.reason()).orElse("?"));
        }
    }

    /**
     * The control messages a publisher may send that need an answer from this side: its Window
     * Acknowledgement Size (§5.4.4: acknowledge every that many bytes) and Ping Request (§7.1.7).
     */
    private void control(ProtocolControlMessage m) {
        if (m instanceof WindowAcknowledgementSize w && w.windowSize() > 0) {
            peerWindow = w.windowSize();
        } else if (m instanceof UserControlMessage.PingRequest ping) {
            writeControl(new UserControlMessage.PingResponse(ping.timestamp()));
        }
    }

    /** Sends an Acknowledgement (§5.4.3) each time a window of bytes has arrived since the last one. */
    private void acknowledge() {
        if (!closed && peerWindow > 0 && receivedBytes - acknowledgedBytes >= peerWindow) {
            acknowledgedBytes = receivedBytes;
            writeControl(new Acknowledgement(receivedBytes & 0xFFFFFFFFL));
        }
    }

    private void writeControl(ProtocolControlMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        encoder.encode(m.toMessage(0), out);
        socket.write(Buffer.buffer(out.toByteArray()));
    }

    private void step(SessionStep step) {
        write(step);
        for (PublishEvent event : step.events()) {
            if (closed) {
                return;
            }
            if (event instanceof PublishEvent.PublishRequested p) {
                publish(p);
            } else if (event instanceof PublishEvent.MediaArrived m) {
                counters.media().increment();
                if (m.media() instanceof io.glass2glass.rtmp.message.VideoMessage) {
                    counters.frames().increment();
                }
                if (!ingest.offer(m.media())) {
                    ingest.discardQueued(); // the publisher is dropped: encoding its backlog helps nobody
                    fail("queue", "rtmp stream " + stream + ": media queue full, publisher too fast for the encoder");
                    return;
                }
            } else if (event instanceof PublishEvent.Unpublished) {
                close();
            } else if (event instanceof PublishEvent.ProtocolError e) {
                fail("protocol", "protocol error: " + e.reason());
            }
        }
    }

    private void write(SessionStep step) {
        if (step.replies().isEmpty()) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RtmpMessage reply : step.replies()) {
            encoder.encode(reply, out);
            if (reply.typeId() == SetChunkSize.TYPE_ID) {
                // Our chunks after Set Chunk Size use the size it announced (§5.4.1).
                encoder.setChunkSize(RtmpMessageEncoder.CHUNK_SIZE);
            }
        }
        socket.write(Buffer.buffer(out.toByteArray()));
    }

    private void publish(PublishEvent.PublishRequested request) {
        String key = request.streamKey();
        PublishPolicy.Decision decision = server.policy().decide(key, peerAddress());
        if (decision instanceof PublishPolicy.Decision.Refused refused) {
            write(session.refuse(PublishStatus.PUBLISH_DENIED.code(), "Publishing is not allowed with this key."));
            failAfterStatus("denied", "publish denied for key " + RtmpServer.redact(key == null ? "" : key) + ": " + refused.reason());
            return;
        }
        String claimed = ((PublishPolicy.Decision.Allowed) decision).stream();
        Future<Void> claim = server.claim(claimed, this);
        if (claim == null) {
            write(session.refuse(PublishStatus.PUBLISH_BAD_NAME.code(), "Stream " + claimed + " is already being published."));
            failAfterStatus("busy", "rtmp stream " + claimed + " already has a publisher");
            return;
        }
        claim.onComplete(ar -> {
            if (ar.failed()) {
                if (!closed) {
                    write(session.refuse(PublishStatus.PUBLISH_BAD_NAME.code(), "Stream " + claimed + " is already being published."));
                    failAfterStatus("busy", "rtmp stream " + claimed + " already has a publisher");
                }
            } else if (closed) {
                server.release(claimed, this); // gone while waiting for the stream
            } else {
                startPublish(claimed);
            }
        });
    }

    /**
     * Starts the pipeline of an accepted publish, where the server's {@link PublishSinks} send it (a
     * stream whose publisher came back continues its timeline, {@link StreamResume}).
     */
    private void startPublish(String name) {
        stream = name;
        counters = server.counters(name);
        Consumer<String> end = reason -> context.runOnContext(v -> unsupported(reason));
        PublishSinks.Sink sink = server.sinks().open(name, end);
        ingest = new LiveIngest(stream, sink, server.options().queueCapacity(), server::packagingPool, end);
        server.started(name, ingest);
        ingest.start();
        write(session.accept(stream));
    }

    /** Another publisher takes this stream over (take-over configured): this one is disconnected. */
    void takenOver() {
        if (!closed) {
            write(new SessionStep(List.of(RtmpMessageEncoder.onStatus(PublishSession.STREAM_ID, "status",
                    "NetStream.Unpublish.Success", "Another publisher took this stream over.", stream)), List.of()));
            RtmpServer.log("rtmp " + peer + ": stream " + stream + " taken over by another publisher");
            closeAfterStatus();
        }
    }

    private void unsupported(String reason) {
        if (closed) {
            return;
        }
        write(new SessionStep(List.of(RtmpMessageEncoder.onStatus(PublishSession.STREAM_ID, "error",
                "NetStream.Publish.Failed", reason, stream)), List.of()));
        failAfterStatus("unsupported", "rtmp stream " + stream + ": " + reason);
    }

    private InetAddress peerAddress() {
        try {
            // a numeric address: no name lookup happens here
            return socket.remoteAddress() == null ? null : InetAddress.getByName(socket.remoteAddress().hostAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private void fail(String cause, String message) {
        if (closed) {
            return;
        }
        server.countFailure(cause);
        RtmpServer.log("rtmp " + peer + ": " + message);
        close();
    }

    /**
     * Like {@link #fail} after an error status was written: the publisher must get to read it, so the
     * connection is closed only after {@link #LINGER_MILLIS}.
     */
    private void failAfterStatus(String cause, String message) {
        if (closed) {
            return;
        }
        server.countFailure(cause);
        RtmpServer.log("rtmp " + peer + ": " + message);
        closeAfterStatus();
    }

    /**
     * Ends the publish now but closes the socket a little later, discarding input meanwhile: closing
     * with unread input makes the kernel reset the connection, and a publisher still sending would
     * lose the status just written (ffmpeg then reports only "Broken pipe").
     */
    private void closeAfterStatus() {
        if (closed) {
            return;
        }
        closed = true;
        ended();
        context.owner().setTimer(LINGER_MILLIS, id -> socket.close());
    }

    /** Closes the connection and ends its publish, if any (the published segments stay). */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
        ended();
    }

    private void ended() {
        if (!closed) {
            // Closed by the peer or by the server's read idle timeout (RTMP has no goodbye of its own to tell them apart).
            long silentMillis = (System.nanoTime() - lastReadNanos) / 1_000_000;
            if (silentMillis >= server.options().idleSeconds() * 1000L - 250) {
                server.countFailure("idle");
                RtmpServer.log("rtmp " + peer + ": nothing received for " + silentMillis + " ms, closed"
                        + (stream == null ? "" : " (stream " + stream + ")"));
            } else if (handshake.state() != ServerHandshake.State.DONE) {
                server.countFailure("handshake");
                RtmpServer.log("rtmp " + peer + ": disconnected during the handshake");
            }
        }
        closed = true;
        server.closed(this);
        if (ingest != null) {
            LiveIngest i = ingest;
            String s = stream;
            ingest = null;
            i.end();
            Thread t = new Thread(() -> {
                try {
                    i.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    server.release(s, this);
                }
            }, "rtmp-end-" + s);
            t.setDaemon(true);
            t.start();
        }
    }
}
