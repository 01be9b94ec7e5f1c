package io.glass2glass.rtmp.message;

import java.util.Objects;

/** What a {@link PublishSession} tells the layer above (the server that owns the connection). */
public sealed interface PublishEvent {

    /**
     * The client asked to publish (RTMP spec 1.0 §7.2.2.6); answer with {@link PublishSession#accept}
     * or {@link PublishSession#refuse}.
     */
    record PublishRequested(String app, String streamKey, PublishType type) implements PublishEvent {
        public PublishRequested {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(streamKey, "streamKey");
            Objects.requireNonNull(type, "type");
        }
    }

    /** An audio or video message arrived on the published stream. */
    record MediaArrived(MediaMessage media) implements PublishEvent {
        public MediaArrived {
            Objects.requireNonNull(media, "media");
        }
    }

    /** {@code @setDataFrame onMetaData} arrived on the published stream. */
    record MetadataArrived(StreamMetadata metadata) implements PublishEvent {
        public MetadataArrived {
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** The publisher ended the stream ({@code FCUnpublish}, {@code deleteStream} or {@code closeStream}). */
    record Unpublished(String streamKey) implements PublishEvent {
    }

    /** The client broke the protocol; the server closes the connection. */
    record ProtocolError(String reason) implements PublishEvent {
        public ProtocolError {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
