package io.glass2glass.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CMCD v1's text form (CTA-5004 §3.2) and its query argument (§2.2), table-driven. */
class CmcdTest {

    record Row(String name, Map<String, Object> keys, String text) {}

    static Map<String, Object> keys(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static final List<Row> ROWS = List.of(
            // CTA-5004 §4 example: a video segment request, keys sorted, true booleans bare, strings quoted, tokens not.
            new Row("video segment", keys("sid", "6e2fb550-c457-11e9-bb97-0800200c9a66", "br", 3200L, "bs", true, "d", 4004L,
                    "mtp", 25400L, "ot", "v", "rtp", 15000L, "su", true),
                    "br=3200,bs,d=4004,mtp=25400,ot=v,rtp=15000,sid=\"6e2fb550-c457-11e9-bb97-0800200c9a66\",su"),
            new Row("manifest", keys("ot", "m", "sf", "h", "st", "l", "sid", "p-1"), "ot=m,sf=h,sid=\"p-1\",st=l"),
            new Row("a quote in a string", keys("cid", "a\"b"), "cid=\"a\\\"b\""),
            new Row("false is left out", keys("bs", false, "bl", 2100L), "bl=2100"));

    @Test
    void encodesAndParsesTheTextForm() {
        for (Row row : ROWS) {
            Cmcd c = new Cmcd(row.keys());
            assertEquals(row.text(), c.encode(), row.name());
            Map<String, Object> expected = new LinkedHashMap<>(row.keys());
            expected.values().removeIf(Boolean.FALSE::equals);
            assertEquals(new Cmcd(expected), Cmcd.parse(row.text()), row.name() + " round trip");
        }
    }

    @Test
    void travelsAsTheCmcdQueryArgumentWhichACdnStripsBeforeCachingAndForwarding() {
        Cmcd c = new Cmcd(keys("ot", "v", "br", 2800L, "sid", "p 1"));
        String uri = c.appendTo("/live/demo/720p/12.m4s?token=abc");
        assertEquals("/live/demo/720p/12.m4s?token=abc&CMCD=br%3D2800%2Cot%3Dv%2Csid%3D%22p%201%22", uri);
        assertEquals(c, Cmcd.parse(Cmcd.fromQuery(uri.substring(uri.indexOf('?') + 1))));
        assertEquals("/live/demo/720p/12.m4s?token=abc", Cmcd.withoutQueryKey(uri));
        assertEquals("/live/demo/720p/12.m4s", Cmcd.withoutQueryKey(c.appendTo("/live/demo/720p/12.m4s")));
        assertEquals("/a?x=1&y=2", Cmcd.withoutQueryKey("/a?x=1&CMCD=ot%3Dm&y=2"));
        assertNull(Cmcd.fromQuery("token=abc"));
        assertEquals("/plain", new Cmcd(Map.of()).appendTo("/plain"));
    }

    @Test
    void malformedTextIsRefusedWithWhatIsWrongAndLengthsAreBoundedFirst() {
        Map<String, String> bad = Map.of(
                "BR=1", "is not lowercase",
                "br=1,br=2", "given twice",
                "sid=\"open", "not closed",
                "br=1;d=2", "neither a number",
                "=1", "is not lowercase",
                "x".repeat(Cmcd.MAX_LENGTH + 1), "longer than");
        bad.forEach((text, why) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cmcd.parse(text), text);
            assertTrue(e.getMessage().contains(why), text + ": " + e.getMessage());
        });
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= Cmcd.MAX_KEYS; i++) {
            many.append(many.length() == 0 ? "" : ",").append("k").append(i);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cmcd.parse(many.toString())).getMessage().contains("more than"));
    }
}
