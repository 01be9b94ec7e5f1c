package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.amf.Amf0Properties;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AMF0 data message (type 18, RTMP spec 1.0 §7.1.2): a handler name and its values, such as
 * {@code @setDataFrame "onMetaData" {…}} that encoders send after {@code publish}.
 */
public record DataMessage(int messageStreamId, long timestamp, String name, List<Amf0Value> values)
        implements Message {

    public static final int TYPE_ID = 18;
    /** Type id of the AMF3 variant (§7.1.2); its body is a 0x00 format byte followed by AMF0. */
    public static final int AMF3_TYPE_ID = 15;
    public static final String SET_DATA_FRAME = "@setDataFrame";
    public static final String ON_META_DATA = "onMetaData";

    public DataMessage {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    /**
     * The stream metadata when this is {@code @setDataFrame "onMetaData" {…}} or a bare
     * {@code onMetaData {…}}, with the metadata as an ECMA array or an object.
     */
    public Optional<StreamMetadata> metadata() {
        List<Amf0Value> rest = values;
        if (name.equals(SET_DATA_FRAME)) {
            if (rest.isEmpty() || !(rest.get(0) instanceof Amf0String s) || !s.value().equals(ON_META_DATA)) {
                return Optional.empty();
            }
            rest = rest.subList(1, rest.size());
        } else if (!name.equals(ON_META_DATA)) {
            return Optional.empty();
        }
        return !rest.isEmpty() && rest.get(0) instanceof Amf0Properties p
                ? Optional.of(StreamMetadata.of(p)) : Optional.empty();
    }
}
