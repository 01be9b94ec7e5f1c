package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentTemplateTest {

    private static final URI BASE = URI.create("https://cdn.example.com/live/ch1/?token=abc");

    private static Representation representation(String id, SegmentTemplate template) {
        return new Representation(id, 2_500_000, 1280, 720, "avc1.64001f", 25, 0, BASE, template);
    }

    private static SegmentTemplate template(String initialization, String media) {
        return new SegmentTemplate(90_000, initialization, media, 1, 0, 180_000, List.of(), false);
    }

    static Stream<Arguments> mediaTemplates() {
        String ch1 = "https://cdn.example.com/live/ch1/";
        return Stream.of(
                Arguments.of("$RepresentationID$/$Number$.m4s", ch1 + "720p/42.m4s?token=abc"),
                Arguments.of("$RepresentationID$/$Time$.m4s", ch1 + "720p/3780000.m4s?token=abc"),
                Arguments.of("seg-$Number%05d$.m4s", ch1 + "seg-00042.m4s?token=abc"),
                Arguments.of("seg-$Number%3d$.m4s", ch1 + "seg-042.m4s?token=abc"),
                Arguments.of("seg-$Number%01d$.m4s", ch1 + "seg-42.m4s?token=abc"),
                Arguments.of("seg-$Time%012d$.m4s", ch1 + "seg-000003780000.m4s?token=abc"),
                Arguments.of("seg-$Number%04x$.m4s", ch1 + "seg-002a.m4s?token=abc"),
                Arguments.of("$Bandwidth$/$Number$.m4s", ch1 + "2500000/42.m4s?token=abc"),
                Arguments.of("$Bandwidth%08d$.m4s", ch1 + "02500000.m4s?token=abc"),
                Arguments.of("price$$-$Number$.m4s", ch1 + "price$-42.m4s?token=abc"),
                Arguments.of("$$$Number$$$.m4s", ch1 + "$42$.m4s?token=abc"),
                Arguments.of("plain.m4s", ch1 + "plain.m4s?token=abc"),
                Arguments.of("../$Number$.m4s?v=2", "https://cdn.example.com/live/42.m4s?v=2"),
                Arguments.of("https://other.example.net/$RepresentationID$/$Number$.m4s", "https://other.example.net/720p/42.m4s"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("mediaTemplates")
    void expandsTemplateIdentifiersAndFormatTags(String media, String expected) {
        SegmentTemplate t = template(null, media);
        assertEquals(expected, t.mediaUrl(representation("720p", t), 42, 3_780_000).toString());
    }

    @Test
    void expandsTheInitializationTemplateOrHasNone() {
        SegmentTemplate t = template("$RepresentationID$/init-$Bandwidth$.mp4", "$Number$.m4s");
        assertEquals(URI.create("https://cdn.example.com/live/ch1/720p/init-2500000.mp4?token=abc"), t.initializationUrl(representation("720p", t)));
        SegmentTemplate none = template(null, "$Number$.m4s");
        assertNull(none.initializationUrl(representation("720p", none)));
    }

    @Test
    void encodesRepresentationIdsThatAreNotUrlSafe() {
        SegmentTemplate t = template(null, "$RepresentationID$/$Number$.m4s");
        assertEquals("https://cdn.example.com/live/ch1/video%20720p/1.m4s?token=abc", t.mediaUrl(representation("video 720p", t), 1, 0).toString());
    }

    @Test
    void refusesTimeAndNumberInTheInitializationTemplate() {
        SegmentTemplate t = template("init-$Time$.mp4", "$Number$.m4s");
        ManifestException e = assertThrows(ManifestException.class, () -> t.initializationUrl(representation("720p", t)));
        assertEquals("Representation '720p' SegmentTemplate initialization: $Time$ is not allowed here: 'init-$Time$.mp4'", e.getMessage());
    }
}
