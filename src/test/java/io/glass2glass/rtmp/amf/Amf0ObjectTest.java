package io.glass2glass.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builder and typed look-ups used to write and read RTMP command objects (AMF0 specification §2.5, §2.10). */
class Amf0ObjectTest {

    @Test
    void builderKeepsInsertionOrder() {
        Amf0Object status = Amf0Object.builder()
                .put("level", "status")
                .put("code", "NetStream.Publish.Start")
                .put("description", "Start publishing")
                .build();

        assertEquals(List.of("level", "code", "description"), List.copyOf(status.properties().keySet()));
    }

    @Test
    void typedLookupsReturnValueOnlyForMatchingType() {
        Amf0Object object = Amf0Object.builder()
                .put("app", "live")
                .put("objectEncoding", 0)
                .put("fpad", false)
                .put("inner", Amf0Object.builder().put("x", 1).build())
                .build();

        assertEquals(Optional.of("live"), object.string("app"));
        assertEquals(Optional.of(0.0), object.number("objectEncoding"));
        assertEquals(Optional.of(false), object.bool("fpad"));
        assertEquals(Optional.of(1.0), object.object("inner").flatMap(inner -> inner.number("x")));
        assertEquals(Optional.empty(), object.number("app"));
        assertEquals(Optional.empty(), object.string("missing"));
    }

    @Test
    void ecmaArraySharesTheLookups() {
        Amf0EcmaArray metadata = Amf0EcmaArray.builder().put("width", 1920).put("encoder", "Lavf").build();

        assertEquals(Optional.of(1920.0), metadata.number("width"));
        assertEquals(Optional.of("Lavf"), metadata.string("encoder"));
    }

    @Test
    void valuesAreImmutable() {
        LinkedHashMap<String, Amf0Value> source = new LinkedHashMap<>();
        source.put("a", new Amf0Number(1));
        Amf0Object object = new Amf0Object(source);

        source.put("b", Amf0Null.INSTANCE);
        object.properties().put("c", Amf0Null.INSTANCE);

        assertEquals(1, object.properties().size());
        assertEquals(object, Amf0Object.builder().put("a", 1).build());
    }
}
