package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.chunk.RtmpMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The server side of one publishing client, independent of sockets (RTMP spec 1.0 §7.2.1 NetConnection
 * and §7.2.2 NetStream commands, §7.3.1 message exchange for publishing a stream).
 *
 * <p>Drives the sequence real encoders (ffmpeg, OBS) send — {@code connect}, then {@code releaseStream},
 * {@code FCPublish} and {@code createStream}, then {@code publish}, {@code @setDataFrame} and media —
 * answering each with the same transaction id it carries. Anything out of order becomes a
 * {@link PublishEvent.ProtocolError} and the session {@link State#FAILED}; after that, or after
 * {@link State#CLOSED}, input is ignored. Not thread-safe: one connection, one event loop.
 */
public final class PublishSession {

    /** Where the session stands. */
    public enum State {
        AWAIT_CONNECT,
        CONNECTED,
        STREAM_CREATED,
        PUBLISHING,
        CLOSED,
        FAILED
    }

    /** The message stream id the session hands out on {@code createStream}. */
    public static final int STREAM_ID = 1;

    private State state = State.AWAIT_CONNECT;
    private String app = "";
    private Command.Publish pendingPublish;
    private String streamKey;

    public State state() {
        return state;
    }

    /** Handles a decoder result; a malformed message is a protocol error. */
    public SessionStep handle(MessageResult result) {
        if (isOver()) {
            return SessionStep.NOTHING;
        }
        if (result instanceof MessageResult.Malformed m) {
            return fail("malformed message: " + m.reason());
        }
        return handle(((MessageResult.Decoded) result).message());
    }

    /** Handles one decoded message. */
    public SessionStep handle(Message message) {
        Objects.requireNonNull(message, "message");
        if (isOver()) {
            return SessionStep.NOTHING;
        }
        if (message instanceof CommandMessage c) {
            return command(c.command(), c.transactionId());
        }
        if (message instanceof DataMessage d) {
            return data(d);
        }
        if (message instanceof MediaMessage m) {
            return state == State.PUBLISHING
                    ? SessionStep.event(new PublishEvent.MediaArrived(m))
                    : fail("media before publish");
        }
        // Control messages belong to the chunk layer; other types carry nothing a publish needs.
        return SessionStep.NOTHING;
    }

    /**
     * Accepts the pending publish: Stream Begin and {@code onStatus NetStream.Publish.Start}, then media flows.
     *
     * @throws IllegalStateException if no {@link PublishEvent.PublishRequested} is waiting for an answer
     */
    public SessionStep accept(String streamName) {
        Objects.requireNonNull(streamName, "streamName");
        requirePending();
        streamKey = pendingPublish.streamKey();
        pendingPublish = null;
        state = State.PUBLISHING;
        return SessionStep.replies(List.of(
                RtmpMessageEncoder.streamBegin(STREAM_ID),
                RtmpMessageEncoder.onStatus(STREAM_ID, PublishStatus.PUBLISH_START,
                        "Publishing " + streamName + ".", streamName)));
    }

    /**
     * Refuses the pending publish with an error {@code onStatus}, such as {@code NetStream.Publish.BadName};
     * the session is then closed.
     *
     * @throws IllegalStateException if no {@link PublishEvent.PublishRequested} is waiting for an answer
     */
    public SessionStep refuse(String code, String description) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        requirePending();
        String key = pendingPublish.streamKey();
        pendingPublish = null;
        state = State.CLOSED;
        return SessionStep.replies(List.of(RtmpMessageEncoder.onStatus(STREAM_ID, "error", code, description, key)));
    }

    private SessionStep command(Command command, double transactionId) {
        if (command instanceof Command.Connect connect) {
            if (state != State.AWAIT_CONNECT) {
                return fail("second connect");
            }
            app = connect.app();
            state = State.CONNECTED;
            List<RtmpMessage> replies = new ArrayList<>(RtmpMessageEncoder.connectControl());
            replies.add(RtmpMessageEncoder.connectResult(transactionId));
            return SessionStep.replies(replies);
        }
        if (command instanceof Command.ReleaseStream) {
            return connected() ? SessionStep.NOTHING : fail("releaseStream before connect");
        }
        if (command instanceof Command.FcPublish f) {
            return connected()
                    ? SessionStep.replies(List.of(RtmpMessageEncoder.onFcPublish(f.streamKey())))
                    : fail("FCPublish before connect");
        }
        if (command instanceof Command.CreateStream) {
            if (state == State.AWAIT_CONNECT) {
                return fail("createStream before connect");
            }
            if (state == State.PUBLISHING) {
                return fail("createStream while publishing");
            }
            state = State.STREAM_CREATED;
            return SessionStep.replies(List.of(RtmpMessageEncoder.createStreamResult(transactionId, STREAM_ID)));
        }
        if (command instanceof Command.Publish publish) {
            if (state == State.AWAIT_CONNECT) {
                return fail("publish before connect");
            }
            if (state == State.CONNECTED) {
                return fail("publish before createStream");
            }
            if (state == State.PUBLISHING || pendingPublish != null) {
                return fail("second publish");
            }
            pendingPublish = publish;
            return SessionStep.event(new PublishEvent.PublishRequested(app, publish.streamKey(), publish.type()));
        }
        if (command instanceof Command.FcUnpublish || command instanceof Command.DeleteStream
                || command instanceof Command.CloseStream) {
            return unpublish();
        }
        String name = ((Command.Other) command).name();
        if (name.equals(Command.Connect.NAME)) {
            return fail("connect without a command object");
        }
        return connected() ? SessionStep.NOTHING : fail("command " + name + " before connect");
    }

    private boolean connected() {
        return state != State.AWAIT_CONNECT;
    }

    private SessionStep unpublish() {
        if (state == State.AWAIT_CONNECT) {
            return fail("unpublish before connect");
        }
        if (state != State.PUBLISHING) {
            return SessionStep.NOTHING;
        }
        state = State.CLOSED;
        return new SessionStep(
                List.of(RtmpMessageEncoder.onStatus(STREAM_ID, PublishStatus.UNPUBLISH_SUCCESS,
                        streamKey + " is now unpublished.", streamKey)),
                List.of(new PublishEvent.Unpublished(streamKey)));
    }

    private SessionStep data(DataMessage data) {
        if (state == State.AWAIT_CONNECT) {
            return fail("data message before connect");
        }
        if (state != State.PUBLISHING) {
            // ffmpeg and OBS send metadata only after Publish.Start; anything earlier has no stream to go to.
            return SessionStep.NOTHING;
        }
        return data.metadata()
                .map(m -> SessionStep.event(new PublishEvent.MetadataArrived(m)))
                .orElse(SessionStep.NOTHING);
    }

    private SessionStep fail(String reason) {
        state = State.FAILED;
        pendingPublish = null;
        return SessionStep.event(new PublishEvent.ProtocolError(reason));
    }

    private boolean isOver() {
        return state == State.CLOSED || state == State.FAILED;
    }

    private void requirePending() {
        if (pendingPublish == null || state != State.STREAM_CREATED) {
            throw new IllegalStateException("no publish is waiting for an answer (state " + state + ")");
        }
    }
}
