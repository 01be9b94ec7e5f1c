package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.chunk.RtmpMessage;
import java.util.List;

/** The outcome of one input to a {@link PublishSession}: messages to send, in order, and events for the server. */
public record SessionStep(List<RtmpMessage> replies, List<PublishEvent> events) {

    public static final SessionStep NOTHING = new SessionStep(List.of(), List.of());

    public SessionStep {
        replies = List.copyOf(replies);
        events = List.copyOf(events);
    }

    static SessionStep replies(List<RtmpMessage> replies) {
        return new SessionStep(replies, List.of());
    }

    static SessionStep event(PublishEvent event) {
        return new SessionStep(List.of(), List.of(event));
    }
}
