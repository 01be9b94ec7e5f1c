package io.glass2glass.rtmp.message;

import java.util.Objects;

/** Typed views of the command messages a publishing client sends (RTMP spec 1.0 §7.2.1, §7.2.2). */
public sealed interface Command {

    /** {@code connect} (§7.2.1.1): the application to connect to and the client's description of itself. */
    record Connect(String app, String tcUrl, String flashVer, double objectEncoding) implements Command {
        public static final String NAME = "connect";
    }

    /** {@code releaseStream}: a Flash Media Server extension sent by ffmpeg and OBS before publishing. */
    record ReleaseStream(String streamKey) implements Command {
        public static final String NAME = "releaseStream";
    }

    /** {@code FCPublish}: a Flash Media Server extension announcing the stream about to be published. */
    record FcPublish(String streamKey) implements Command {
        public static final String NAME = "FCPublish";
    }

    /** {@code createStream} (§7.2.1.3): asks for a message stream id to publish on. */
    record CreateStream() implements Command {
        public static final String NAME = "createStream";
    }

    /** {@code publish} (§7.2.2.6): the stream key (publishing name) and the publishing type. */
    record Publish(String streamKey, PublishType type) implements Command {
        public static final String NAME = "publish";

        public Publish {
            Objects.requireNonNull(streamKey, "streamKey");
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code FCUnpublish}: the Flash Media Server extension announcing the end of a stream. */
    record FcUnpublish(String streamKey) implements Command {
        public static final String NAME = "FCUnpublish";
    }

    /** {@code deleteStream} (§7.2.2.3): destroys the message stream with the given id. */
    record DeleteStream(int streamId) implements Command {
        public static final String NAME = "deleteStream";
    }

    /** {@code closeStream}: closes the message stream the command arrived on. */
    record CloseStream() implements Command {
        public static final String NAME = "closeStream";
    }

    /** Any other command ({@code _checkbw}, {@code getStreamLength}, …), or one without its required object. */
    record Other(String name) implements Command {
    }
}
