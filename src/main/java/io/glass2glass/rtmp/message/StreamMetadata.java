package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Properties;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The typed reading of an {@code onMetaData} object (FLV spec 10.1 Annex E.5): every field is optional
 * because encoders send different subsets; {@link #properties()} keeps the rest.
 */
public record StreamMetadata(LinkedHashMap<String, Amf0Value> properties) {

    public StreamMetadata {
        properties = new LinkedHashMap<>(properties);
    }

    /** Reads the properties of an ECMA array or object. */
    public static StreamMetadata of(Amf0Properties properties) {
        return new StreamMetadata(properties.properties());
    }

    @Override
    public LinkedHashMap<String, Amf0Value> properties() {
        return new LinkedHashMap<>(properties);
    }

    public Optional<Double> width() {
        return number("width");
    }

    public Optional<Double> height() {
        return number("height");
    }

    public Optional<Double> framerate() {
        return number("framerate");
    }

    public Optional<Double> videoDataRate() {
        return number("videodatarate");
    }

    public Optional<CodecId> videoCodecId() {
        return codecId("videocodecid");
    }

    public Optional<CodecId> audioCodecId() {
        return codecId("audiocodecid");
    }

    public Optional<Double> audioSampleRate() {
        return number("audiosamplerate");
    }

    public Optional<Double> audioSampleSize() {
        return number("audiosamplesize");
    }

    public Optional<Double> audioChannels() {
        return number("audiochannels");
    }

    public Optional<Double> audioDataRate() {
        return number("audiodatarate");
    }

    public Optional<String> encoder() {
        return properties.get("encoder") instanceof Amf0String s ? Optional.of(s.value()) : Optional.empty();
    }

    private Optional<Double> number(String key) {
        return properties.get(key) instanceof Amf0Number n ? Optional.of(n.value()) : Optional.empty();
    }

    private Optional<CodecId> codecId(String key) {
        Amf0Value value = properties.get(key);
        if (value instanceof Amf0Number n) {
            return Optional.of(new CodecId.Number((int) n.value()));
        }
        if (value instanceof Amf0String s) {
            return Optional.of(new CodecId.FourCc(s.value()));
        }
        return Optional.empty();
    }
}
