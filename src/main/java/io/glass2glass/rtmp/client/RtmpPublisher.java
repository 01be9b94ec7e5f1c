package io.glass2glass.rtmp.client;

import io.glass2glass.rtmp.amf.Amf0Boolean;
import io.glass2glass.rtmp.amf.Amf0EcmaArray;
import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import io.glass2glass.rtmp.chunk.Acknowledgement;
import io.glass2glass.rtmp.chunk.ChunkDecoder;
import io.glass2glass.rtmp.chunk.ChunkEncoder;
import io.glass2glass.rtmp.chunk.RtmpMessage;
import io.glass2glass.rtmp.chunk.SetChunkSize;
import io.glass2glass.rtmp.chunk.UserControlMessage;
import io.glass2glass.rtmp.chunk.WindowAcknowledgementSize;
import io.glass2glass.rtmp.handshake.ClientHandshake;
import io.glass2glass.rtmp.message.AudioMessage;
import io.glass2glass.rtmp.message.CommandMessage;
import io.glass2glass.rtmp.message.ControlMessage;
import io.glass2glass.rtmp.message.DataMessage;
import io.glass2glass.rtmp.message.MessageResult;
import io.glass2glass.rtmp.message.RtmpMessageDecoder;
import io.glass2glass.rtmp.message.RtmpMessageEncoder;
import io.glass2glass.rtmp.message.VideoMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publishing RTMP client on a Vert.x {@link NetClient} (Adobe RTMP specification 1.0): handshake
 * (§5.2), Set Chunk Size (§5.4.1), {@code connect} (§7.2.1.1), {@code releaseStream},
 * {@code FCPublish}, {@code createStream} (§7.2.1.3), {@code publish} (§7.2.2.6), then
 * {@code @setDataFrame onMetaData} and audio/video messages (§7.1.2, §7.1.4, §7.1.5) carrying FLV tag
 * bodies; the same sequence ffmpeg and OBS send.
 *
 * <p>Everything protocol-related runs on one event-loop context and never blocks it, so many
 * publishers can share one event loop. The send methods may be called from any thread: each message
 * is chunked whole under a lock and handed to the socket, and its bytes count towards the write
 * queue until the socket has written them, which is what {@link #writeQueueFull()} and
 * {@link #drainHandler} report, as on a Vert.x {@code WriteStream}. Ping Requests are answered
 * (§7.1.7) and Acknowledgements sent per the server's window (§5.4.3, §5.4.4).
 *
 * <p>Timestamps are 32-bit milliseconds: larger values wrap, and the chunk encoder writes extended
 * timestamps (§5.3.1.3) from 0xFFFFFF on.
 */
public final class RtmpPublisher {

    /**
     * Publishing settings.
     *
     * @param timeout how long the whole sequence up to {@code NetStream.Publish.Start} may take
     * @param flashVer the {@code flashVer} sent in {@code connect}
     * @param chunkSize outgoing chunk size announced right after the handshake
     * @param writeQueueMaxBytes bytes handed to the socket but not yet written beyond which {@link #writeQueueFull()} is true
     */
    public record Options(Duration timeout, String flashVer, int chunkSize, long writeQueueMaxBytes) {

        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(flashVer, "flashVer");
            if (timeout.isNegative() || timeout.isZero() || chunkSize < 128 || chunkSize > ChunkDecoder.MAX_CHUNK_SIZE
                    || writeQueueMaxBytes < 1) {
                throw new IllegalArgumentException("invalid RTMP publisher options");
            }
        }

        /** 10 s to start publishing, chunks of 4096 bytes, 1 MiB write queue. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), "FMLE/3.0 (compatible; glass2glass)", 4096, 1 << 20);
        }

        public Options withTimeout(Duration t) {
            return new Options(t, flashVer, chunkSize, writeQueueMaxBytes);
        }

        public Options withWriteQueueMaxBytes(long bytes) {
            return new Options(timeout, flashVer, chunkSize, bytes);
        }
    }

    /** Where the publisher stands; only the context's thread changes it. */
    public enum State { CONNECTING, HANDSHAKE, CONNECT_SENT, CREATE_STREAM_SENT, PUBLISH_SENT, PUBLISHING, CLOSED }

    /** Chunk streams as ffmpeg uses them: commands, audio, video, and stream-level commands and data. */
    static final int COMMAND_CHUNK_STREAM = 3;
    static final int AUDIO_CHUNK_STREAM = 4;
    static final int VIDEO_CHUNK_STREAM = 6;
    static final int SOURCE_CHUNK_STREAM = 8;

    private static final int TX_CONNECT = 1;
    private static final int TX_RELEASE_STREAM = 2;
    private static final int TX_FC_PUBLISH = 3;
    private static final int TX_CREATE_STREAM = 4;
    private static final int TX_PUBLISH = 5;
    private static final int TX_FC_UNPUBLISH = 6;
    private static final int TX_DELETE_STREAM = 7;
    /** Largest message accepted from the server: commands and control messages are small. */
    private static final int MAX_INCOMING_MESSAGE = 1 << 20;
    private static final String PUBLISH_START = "NetStream.Publish.Start";
    /** What a server sends when it ends a publish itself, e.g. on a take-over. */
    public static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";

    private final Vertx vertx;
    private final Context context;
    private final NetClient client;
    private final boolean ownClient;
    private final String host;
    private final int port;
    private final String app;
    private final String streamKey;
    private final String tcUrl;
    private final Options options;
    private final Promise<RtmpPublisher> started = Promise.promise();
    private final ClientHandshake handshake = new ClientHandshake();
    private final ChunkDecoder chunks = new ChunkDecoder(MAX_INCOMING_MESSAGE, ChunkDecoder.DEFAULT_MAX_CHUNK_STREAMS);
    private final RtmpMessageDecoder messages = new RtmpMessageDecoder();
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final Object writeLock = new Object();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();

    private volatile State state = State.CONNECTING;
    private volatile int streamId;
    private volatile boolean drainWanted;
    private volatile Handler<Void> drainHandler;
    private volatile Handler<Void> closeHandler;
    private volatile String closeCode;
    private volatile String closeReason;
    private NetSocket socket;
    private long timer = -1;
    private long receivedBytes;
    private long acknowledgedBytes;
    private long windowSize;
    private boolean closeHandled;

    private RtmpPublisher(Vertx vertx, NetClient client, boolean ownClient, URI url, Options options) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.ownClient = ownClient;
        this.options = options;
        if (!"rtmp".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("not an rtmp://host[:port]/app/key URL: " + url);
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        int slash = path.lastIndexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("an RTMP publish URL names an application and a stream key: rtmp://host[:port]/app/key");
        }
        this.host = url.getHost();
        this.port = url.getPort() < 0 ? 1935 : url.getPort();
        this.app = path.substring(1, slash);
        this.streamKey = path.substring(slash + 1) + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        this.tcUrl = "rtmp://" + host + ":" + port + "/" + app;
    }

    /**
     * Connects to {@code rtmp://host[:port]/app/key} and publishes {@code key} live on a connection of
     * its own {@link NetClient}; the future completes on {@code NetStream.Publish.Start} and fails with
     * an {@link RtmpPublishException} on an {@code _error}, an error {@code onStatus}, a closed
     * connection or the timeout. Call from any thread; the publisher runs on the caller's context, or
     * on a fresh event-loop context outside Vert.x.
     */
    public static Future<RtmpPublisher> publish(Vertx vertx, URI rtmpUrl, Options options) {
        NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis())));
        RtmpPublisher p;
        try {
            p = new RtmpPublisher(vertx, client, true, rtmpUrl, options);
        } catch (RuntimeException e) {
            client.close();
            return Future.failedFuture(e);
        }
        return p.begin();
    }

    /** As {@link #publish(Vertx, URI, Options)}, on a shared {@link NetClient} that {@link #close()} leaves open. */
    public static Future<RtmpPublisher> publish(Vertx vertx, NetClient client, URI rtmpUrl, Options options) {
        try {
            return new RtmpPublisher(vertx, client, false, rtmpUrl, options).begin();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<RtmpPublisher> begin() {
        context.runOnContext(v -> {
            timer = vertx.setTimer(options.timeout().toMillis(), t -> {
                timer = -1;
                fail(RtmpPublishException.TIMEOUT, "no " + PUBLISH_START + " within " + options.timeout().toMillis() + " ms (state " + state + ")");
            });
            client.connect(port, host).onComplete(ar -> {
                if (ar.failed()) {
                    fail(RtmpPublishException.CONNECT, "cannot connect to " + host + ":" + port + ": " + ar.cause().getMessage());
                    return;
                }
                connected(ar.result());
            });
        });
        return started.future();
    }

    private void connected(NetSocket s) {
        socket = s;
        if (state == State.CLOSED) {
            s.close();
            return;
        }
        state = State.HANDSHAKE;
        s.handler(this::received);
        s.closeHandler(v -> ended());
        s.exceptionHandler(e -> closing(RtmpPublishException.CLOSED, "connection error: " + e.getMessage()));
        writeRaw(handshake.start());
    }

    private void received(Buffer buffer) {
        if (state == State.CLOSED) {
            return;
        }
        byte[] data = buffer.getBytes();
        receivedBytes += data.length;
        if (handshake.state() != ClientHandshake.State.DONE) {
            byte[] c2 = handshake.feed(data);
            if (handshake.state() == ClientHandshake.State.FAILED) {
                fail(RtmpPublishException.HANDSHAKE, handshake.failureReason());
                return;
            }
            if (c2.length > 0) {
                writeRaw(c2);
            }
            if (handshake.state() != ClientHandshake.State.DONE) {
                return;
            }
            sendConnect();
            data = handshake.leftover();
        }
        for (RtmpMessage raw : chunks.decode(data)) {
            if (state == State.CLOSED) {
                return;
            }
            handle(messages.decode(raw));
        }
        if (state != State.CLOSED && chunks.state() == ChunkDecoder.State.MALFORMED) {
            fail(RtmpPublishException.PROTOCOL, "malformed chunk stream: " + chunks.malformed().map(m -> m.reason()).orElse("?"));
            return;
        }
        acknowledge();
    }

    /** Set Chunk Size then {@code connect} (§7.2.1.1) with the fields encoders send. */
    private void sendConnect() {
        synchronized (writeLock) {
            write(new SetChunkSize(options.chunkSize()).toMessage(0));
            // Our chunks after Set Chunk Size use the size it announced (§5.4.1).
            encoder.setChunkSize(options.chunkSize());
        }
        Amf0Object connect = Amf0Object.builder()
                .put("app", app)
                .put("type", "nonprivate")
                .put("flashVer", options.flashVer())
                .put("tcUrl", tcUrl)
                .build();
        command(0, COMMAND_CHUNK_STREAM, "connect", TX_CONNECT, connect, List.of());
        state = State.CONNECT_SENT;
    }

    private void handle(MessageResult result) {
        if (result instanceof MessageResult.Malformed m) {
            fail(RtmpPublishException.PROTOCOL, "malformed message: " + m.reason());
            return;
        }
        var message = ((MessageResult.Decoded) result).message();
        if (message instanceof ControlMessage c) {
            control(c);
        } else if (message instanceof CommandMessage c) {
            command(c);
        }
        // Data and media from a server (|RtmpSampleAccess, …) mean nothing to a publisher.
    }

    private void control(ControlMessage message) {
        if (message.control() instanceof WindowAcknowledgementSize w) {
            windowSize = w.windowSize();
        } else if (message.control() instanceof UserControlMessage.PingRequest ping) {
            write(new UserControlMessage.PingResponse(ping.timestamp()).toMessage(0));
        }
        // Set Chunk Size and Abort are applied by the chunk decoder; Set Peer Bandwidth limits what a
        // publisher sends, and a live source cannot send less than it produces.
    }

    private void command(CommandMessage c) {
        int tx = (int) c.transactionId();
        switch (c.name()) {
            case RtmpMessageEncoder.RESULT -> {
                if (tx == TX_CONNECT && state == State.CONNECT_SENT) {
                    command(0, COMMAND_CHUNK_STREAM, "releaseStream", TX_RELEASE_STREAM, null, List.of(new Amf0String(streamKey)));
                    command(0, COMMAND_CHUNK_STREAM, "FCPublish", TX_FC_PUBLISH, null, List.of(new Amf0String(streamKey)));
                    command(0, COMMAND_CHUNK_STREAM, "createStream", TX_CREATE_STREAM, null, List.of());
                    state = State.CREATE_STREAM_SENT;
                } else if (tx == TX_CREATE_STREAM && state == State.CREATE_STREAM_SENT) {
                    Amf0Value id = c.arguments().isEmpty() ? c.commandObject() : c.arguments().get(0);
                    if (!(id instanceof Amf0Number n) || n.value() < 1 || n.value() > Integer.MAX_VALUE) {
                        fail(RtmpPublishException.PROTOCOL, "createStream answered without a stream id");
                        return;
                    }
                    streamId = (int) n.value();
                    command(streamId, SOURCE_CHUNK_STREAM, "publish", TX_PUBLISH, null,
                            List.of(new Amf0String(streamKey), new Amf0String("live")));
                    state = State.PUBLISH_SENT;
                }
            }
            case "_error" -> {
                // releaseStream and FCPublish are extensions some servers refuse; only these two matter.
                if (tx == TX_CONNECT || tx == TX_CREATE_STREAM || tx == TX_PUBLISH) {
                    status(c, "_error to " + (tx == TX_CONNECT ? "connect" : tx == TX_CREATE_STREAM ? "createStream" : "publish"));
                }
            }
            case RtmpMessageEncoder.ON_STATUS -> status(c, null);
            default -> {
                // onFCPublish, onBWDone, close: nothing to answer.
            }
        }
    }

    /** An {@code onStatus} or {@code _error}: the info object's level and code decide. */
    private void status(CommandMessage c, String errorContext) {
        Amf0Value info = c.arguments().isEmpty() ? c.commandObject() : c.arguments().get(0);
        String code = "";
        String level = errorContext == null ? "" : "error";
        String description = "";
        if (info instanceof Amf0Object o) {
            code = o.string("code").orElse("");
            level = o.string("level").orElse(level);
            description = o.string("description").orElse("");
        }
        if (PUBLISH_START.equals(code) && state == State.PUBLISH_SENT) {
            state = State.PUBLISHING;
            cancelTimer();
            started.tryComplete(this);
            return;
        }
        if (errorContext == null && !"error".equals(level) && !code.endsWith(".Failed") && !code.endsWith(".Denied")
                && !code.endsWith(".BadName")) {
            if (UNPUBLISH_SUCCESS.equals(code) && state == State.PUBLISHING) {
                // The server ended our publish (another publisher took the stream over); it closes next.
                closing(code, code + ": " + description);
            }
            return;
        }
        fail(code.isEmpty() ? (errorContext == null ? "onStatus" : errorContext) : code,
                description.isEmpty() ? (errorContext == null ? "error status" : errorContext) : description);
    }

    /** Sends an Acknowledgement each time another window of bytes has arrived (§5.4.3). */
    private void acknowledge() {
        if (windowSize > 0 && receivedBytes - acknowledgedBytes >= windowSize) {
            acknowledgedBytes = receivedBytes;
            write(new Acknowledgement(receivedBytes & 0xFFFFFFFFL).toMessage(0));
        }
    }

    /**
     * Sends {@code @setDataFrame onMetaData} (FLV spec 10.1 Annex E.5) with the given properties:
     * numbers, booleans, strings or AMF0 values.
     *
     * @throws IllegalArgumentException for a value of another type
     */
    public Future<Void> sendMetadata(Map<String, ?> metadata) {
        var properties = Amf0EcmaArray.builder();
        metadata.forEach((k, v) -> properties.put(k, amf0(k, v)));
        DataMessage data = new DataMessage(streamId, 0, DataMessage.SET_DATA_FRAME,
                List.of(new Amf0String(DataMessage.ON_META_DATA), properties.build()));
        return publishing() ? write(RtmpMessageEncoder.encode(data, SOURCE_CHUNK_STREAM)) : notPublishing();
    }

    /** Sends one FLV video tag body (§7.1.5) at {@code timestampMs}, taken modulo 2^32. */
    public Future<Void> sendVideo(long timestampMs, byte[] flvVideoTagBody) {
        return publishing()
                ? write(new RtmpMessage(VIDEO_CHUNK_STREAM, streamId, VideoMessage.TYPE_ID, timestampMs & 0xFFFFFFFFL, flvVideoTagBody))
                : notPublishing();
    }

    /** Sends one FLV audio tag body (§7.1.4) at {@code timestampMs}, taken modulo 2^32. */
    public Future<Void> sendAudio(long timestampMs, byte[] flvAudioTagBody) {
        return publishing()
                ? write(new RtmpMessage(AUDIO_CHUNK_STREAM, streamId, AudioMessage.TYPE_ID, timestampMs & 0xFFFFFFFFL, flvAudioTagBody))
                : notPublishing();
    }

    /** Whether the bytes handed to the socket and not yet written exceed the options' limit. */
    public boolean writeQueueFull() {
        return queuedBytes.get() >= options.writeQueueMaxBytes();
    }

    /** Called on the publisher's context once a full write queue has drained to half its limit. */
    public RtmpPublisher drainHandler(Handler<Void> handler) {
        drainHandler = handler;
        return this;
    }

    /** Called once on the publisher's context when the connection closes, whoever closed it. */
    public RtmpPublisher closeHandler(Handler<Void> handler) {
        closeHandler = handler;
        return this;
    }

    /** Why the connection ended (the server's error status, a protocol error, …), or {@code null}. */
    public String closeReason() {
        return closeReason;
    }

    /**
     * The status code or local cause ({@link RtmpPublishException#CLOSED}, …) the connection ended
     * with, or {@code null}; {@link #UNPUBLISH_SUCCESS} when the server ended the publish itself.
     */
    public String closeCode() {
        return closeCode;
    }

    public State state() {
        return state;
    }

    /** Whether media may be sent: published and not closed. */
    public boolean isPublishing() {
        return state == State.PUBLISHING;
    }

    /** The message stream id {@code createStream} gave. */
    public int streamId() {
        return streamId;
    }

    public String streamKey() {
        return streamKey;
    }

    /** Bytes the socket has written so far. */
    public long bytesSent() {
        return sentBytes.get();
    }

    /** Bytes handed to the socket and not yet written. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** The context every handler runs on. */
    public Context context() {
        return context;
    }

    /**
     * Ends the publish: {@code FCUnpublish} and {@code deleteStream} (§7.2.2.3) once written, the
     * socket is closed. Call from any thread; completes when the connection is closed.
     */
    public Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            if (state == State.CLOSED) {
                closed.complete();
                return;
            }
            if (state == State.PUBLISHING) {
                command(0, COMMAND_CHUNK_STREAM, "FCUnpublish", TX_FC_UNPUBLISH, null, List.of(new Amf0String(streamKey)));
                Future<Void> last = command(0, COMMAND_CHUNK_STREAM, "deleteStream", TX_DELETE_STREAM, null,
                        List.of(new Amf0Number(streamId)));
                closing(RtmpPublishException.CLOSED, "closed by the publisher");
                state = State.CLOSED;
                last.onComplete(ar -> closeSocket().onComplete(closed));
            } else {
                fail(RtmpPublishException.CLOSED, "closed by the publisher in state " + state);
                closeSocket().onComplete(closed);
            }
        });
        return closed.future();
    }

    /**
     * Drops the connection at once, with no {@code FCUnpublish} or {@code deleteStream}: what the
     * server sees of an encoder that crashed. Call from any thread; completes when the socket is closed.
     */
    public Future<Void> abort() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            if (state == State.CLOSED) {
                closed.complete();
                return;
            }
            boolean wasPublishing = state == State.PUBLISHING;
            state = State.CLOSED;
            cancelTimer();
            closing(RtmpPublishException.CLOSED, RtmpPublishException.CLOSED + ": connection dropped by the publisher");
            if (!wasPublishing) {
                started.tryFail(new RtmpPublishException(RtmpPublishException.CLOSED, "connection dropped by the publisher"));
            }
            closeSocket().onComplete(closed);
        });
        return closed.future();
    }

    private boolean publishing() {
        return state == State.PUBLISHING;
    }

    private Future<Void> notPublishing() {
        return Future.failedFuture(new IllegalStateException("not publishing (state " + state + ")"));
    }

    private Future<Void> command(int messageStreamId, int chunkStream, String name, double tx, Amf0Value commandObject,
            List<Amf0Value> arguments) {
        CommandMessage c = new CommandMessage(messageStreamId, name, tx, commandObject, arguments);
        return write(RtmpMessageEncoder.encode(c, chunkStream));
    }

    private Future<Void> write(RtmpMessage message) {
        synchronized (writeLock) {
            return writeRaw(encoder.encode(message));
        }
    }

    private Future<Void> writeRaw(byte[] bytes) {
        NetSocket s = socket;
        if (s == null) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        int n = bytes.length;
        if (queuedBytes.addAndGet(n) >= options.writeQueueMaxBytes()) {
            drainWanted = true;
        }
        Future<Void> f = s.write(Buffer.buffer(bytes));
        f.onComplete(ar -> written(n, ar.succeeded()));
        return f;
    }

    private void written(int n, boolean ok) {
        if (ok) {
            sentBytes.addAndGet(n);
        }
        long left = queuedBytes.addAndGet(-n);
        if (drainWanted && left <= options.writeQueueMaxBytes() / 2) {
            drainWanted = false;
            Handler<Void> h = drainHandler;
            if (h != null) {
                context.runOnContext(h);
            }
        }
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Ends the publish on an error: fails the start future if pending, else records the reason; closes the socket. */
    private void fail(String code, String description) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasPublishing = state == State.PUBLISHING;
        state = State.CLOSED;
        cancelTimer();
        closing(code, code + ": " + description);
        if (!wasPublishing) {
            started.tryFail(new RtmpPublishException(code, description));
        }
        closeSocket();
    }

    /** Records the first cause of the end of the connection. */
    private void closing(String code, String reason) {
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    private Future<Void> closeSocket() {
        if (socket == null) {
            ended();
            return Future.succeededFuture();
        }
        return socket.close();
    }

    /** The connection is gone: tell whoever waits, once. */
    private void ended() {
        if (state != State.CLOSED) {
            String during = state.toString();
            state = State.CLOSED;
            cancelTimer();
            closing(RtmpPublishException.CLOSED, "connection closed by the server");
            started.tryFail(new RtmpPublishException(RtmpPublishException.CLOSED, "connection closed by the server during " + during));
        }
        if (closeHandled) {
            return;
        }
        closeHandled = true;
        if (ownClient) {
            client.close();
        }
        Handler<Void> h = closeHandler;
        if (h != null) {
            h.handle(null);
        }
        // A writer waiting for the queue to drain must learn that nothing more will drain.
        Handler<Void> d = drainHandler;
        if (drainWanted && d != null) {
            drainWanted = false;
            d.handle(null);
        }
    }

    private static Amf0Value amf0(String key, Object value) {
        if (value instanceof Amf0Value v) {
            return v;
        }
        if (value instanceof Number n) {
            return new Amf0Number(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return new Amf0Boolean(b);
        }
        if (value instanceof CharSequence s) {
            return new Amf0String(s.toString());
        }
        throw new IllegalArgumentException("metadata " + key + ": not a number, boolean or string: " + value);
    }

    @Override
    public String toString() {
        return "RtmpPublisher[" + tcUrl + "/" + (streamKey.length() <= 3 ? streamKey : streamKey.substring(0, 3) + "…") + ", " + state + "]";
    }
}
