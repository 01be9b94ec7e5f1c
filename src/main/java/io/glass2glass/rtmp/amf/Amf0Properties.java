package io.glass2glass.rtmp.amf;

import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ordered name/value pairs shared by the anonymous object (AMF0 specification §2.5) and the
 * ECMA array (§2.10), with typed look-ups for reading RTMP command objects.
 */
public sealed interface Amf0Properties permits Amf0Object, Amf0EcmaArray {

    /** The properties in wire order; a copy the caller may change freely. */
    LinkedHashMap<String, Amf0Value> properties();

    default Optional<Amf0Value> get(String key) {
        return Optional.ofNullable(properties().get(key));
    }

    default Optional<String> string(String key) {
        return get(key).filter(Amf0String.class::isInstance).map(v -> ((Amf0String) v).value());
    }

    default Optional<Double> number(String key) {
        return get(key).filter(Amf0Number.class::isInstance).map(v -> ((Amf0Number) v).value());
    }

    default Optional<Boolean> bool(String key) {
        return get(key).filter(Amf0Boolean.class::isInstance).map(v -> ((Amf0Boolean) v).value());
    }

    default Optional<Amf0Object> object(String key) {
        return get(key).filter(Amf0Object.class::isInstance).map(Amf0Object.class::cast);
    }

    /** Collects properties in insertion order, then builds an {@link Amf0Object} or {@link Amf0EcmaArray}. */
    final class Builder<T extends Amf0Properties> {
        private final LinkedHashMap<String, Amf0Value> properties = new LinkedHashMap<>();
        private final Function<LinkedHashMap<String, Amf0Value>, T> factory;

        Builder(Function<LinkedHashMap<String, Amf0Value>, T> factory) {
            this.factory = factory;
        }

        public Builder<T> put(String key, Amf0Value value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder<T> put(String key, String value) {
            return put(key, new Amf0String(value));
        }

        public Builder<T> put(String key, double value) {
            return put(key, new Amf0Number(value));
        }

        public Builder<T> put(String key, boolean value) {
            return put(key, new Amf0Boolean(value));
        }

        public T build() {
            return factory.apply(properties);
        }
    }
}
