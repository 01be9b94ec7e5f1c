package io.glass2glass.packager.origin;

import io.glass2glass.media.ObjectKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an origin request was for, the {@code kind} label of {@code g2g_origin_requests_total}: an
 * object of a live stream, by the shared {@link ObjectKind}, or one of the origin's own
 * {@link Endpoint}s, which no other stage has.
 */
public sealed interface RequestKind permits RequestKind.StreamObject, RequestKind.Endpoint {

    /** Every kind, in the order the metrics list them: the objects a player requests, then the endpoints. */
    List<RequestKind> ALL = StreamObject.all();

    /** The Prometheus label value. */
    String label();

    /** A request for an object of {@code kind}, one of {@link ObjectKind#PLAYER_REQUESTS}. */
    static RequestKind of(ObjectKind kind) {
        StreamObject object = StreamObject.BY_KIND.get(kind);
        if (object == null) {
            throw new IllegalArgumentException("an origin serves no " + kind.label() + " objects");
        }
        return object;
    }

    /** A request for a playlist, MPD, CMAF header, segment or the clock. */
    record StreamObject(ObjectKind kind) implements RequestKind {

        // One instance per kind, so a request does not allocate one.
        private static final Map<ObjectKind, StreamObject> BY_KIND = new EnumMap<>(ObjectKind.class);

        static {
            for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
                BY_KIND.put(kind, new StreamObject(kind));
            }
        }

        public StreamObject {
            if (!ObjectKind.PLAYER_REQUESTS.contains(kind)) {
                throw new IllegalArgumentException("an origin serves no " + kind.label() + " objects");
            }
        }

        @Override
        public String label() {
            return kind.label();
        }

        private static List<RequestKind> all() {
            List<RequestKind> all = new ArrayList<>(BY_KIND.values());
            all.addAll(List.of(Endpoint.values()));
            return Collections.unmodifiableList(all);
        }
    }

    /** The origin's own endpoints, and {@code invalid} for every request outside its routes. */
    enum Endpoint implements RequestKind {
        HEALTH("health"),
        METRICS("metrics"),
        INVALID("invalid");

        private final String label;

        Endpoint(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
