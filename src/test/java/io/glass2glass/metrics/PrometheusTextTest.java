package io.glass2glass.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void aFamilyDeclaredAgainIsContinuedUnderOneHelpAndType() {
        PrometheusText out = new PrometheusText();
        out.family("g2g_a", "gauge", "A").sample("g2g_a", Map.of("stream", "one"), 1);
        out.family("g2g_b", "counter", "B").sample("g2g_b", 2);
        out.family("g2g_a", "gauge", "A").sample("g2g_a", Map.of("stream", "two"), 3);

        assertEquals("""
                # HELP g2g_a A
                # TYPE g2g_a gauge
                g2g_a{stream="one"} 1
                g2g_a{stream="two"} 3
                # HELP g2g_b B
                # TYPE g2g_b counter
                g2g_b 2
                """, out.toString());
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        PrometheusText out = new PrometheusText();
        out.family("g2g_x", "gauge", "back\\slash\nnew line").sample("g2g_x", Map.of("k", "a\"b\\c\nd"), 0.5);
        assertEquals("# HELP g2g_x back\\\\slash\\nnew line\n# TYPE g2g_x gauge\ng2g_x{k=\"a\\\"b\\\\c\\nd\"} 0.500000\n", out.toString());
    }
}
