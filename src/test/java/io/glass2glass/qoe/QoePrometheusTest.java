package io.glass2glass.qoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.metrics.PrometheusText;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QoePrometheusTest {

    /** A sample line of the text format 0.0.4: name, optional labels, a value. */
    static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
            + "(-?[0-9.eE+-]+|NaN|[+-]Inf)");
    static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+");

    /** Every line is a HELP, a TYPE or a sample; returns the samples as name{labels} to value. */
    static Map<String, Double> parse(String text) {
        java.util.LinkedHashMap<String, Double> samples = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                assertTrue(COMMENT.matcher(line).matches(), "a bad comment line: " + line);
            } else {
                assertTrue(SAMPLE.matcher(line).matches(), "a bad sample line: " + line);
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1).replace("+Inf", "Infinity")));
            }
        }
        return samples;
    }

    @Test
    void exportsTheRunsCountersAndDistributionsInBaseUnits() {
        QoeRecorders recorders = new QoeRecorders();
        QoeTimeline timeline = new QoeTimeline(1_000);
        QoeTimeline.Viewer a = timeline.join();
        QoeTimeline.Viewer b = timeline.join();
        a.started();
        a.stallBegan(2_000);
        recorders.recordStartup(1_500);
        recorders.recordLiveLatency(8_000);
        recorders.recordRequest(ObjectKind.SEGMENT, 200, 40, 500_000, 0);
        recorders.recordRequest(ObjectKind.SEGMENT, 503, 10, 100, 0);
        b.ended(true, false, 3_000);
        PrometheusText text = new PrometheusText();
        new QoePrometheus(recorders, timeline, () -> 5_000).writePrometheus(text);

        Map<String, Double> s = parse(text.toString());
        String p = QoePrometheus.PREFIX;
        assertEquals(2.0, s.get(p + "players_joined_total"));
        assertEquals(1.0, s.get(p + "players_started_total"));
        assertEquals(1.0, s.get(p + "players_failed_to_start_total"));
        assertEquals(1.0, s.get(p + "players_active"));
        assertEquals(1.0, s.get(p + "players_stalled"));
        assertEquals(1.0, s.get(p + "stalls_total"));
        assertEquals(3.0, s.get(p + "stalled_seconds_total"), "a running stall counts up to now");
        assertEquals(1.5, s.get(p + "startup_seconds{quantile=\"0.5\"}"), 0.01);
        assertEquals(8.0, s.get(p + "live_latency_seconds{quantile=\"0.95\"}"), 0.01);
        assertEquals(2.0, s.get(p + "requests_total{kind=\"segment\"}"));
        assertEquals(1.0, s.get(p + "request_errors_total{kind=\"segment\"}"));
        assertEquals(500_100.0, s.get(p + "response_bytes_total{kind=\"segment\"}"));
        assertTrue(s.containsKey(p + "average_bitrate_bytes_per_second{quantile=\"0.05\"}"), "bitrate has its low tail");
        assertTrue(s.get(p + "jvm_heap_used_bytes") > 0);
        for (String family : List.of("startup_seconds", "rebuffer_ratio", "schedule_skew_seconds")) {
            assertTrue(text.toString().contains("# TYPE " + p + family + " summary\n"), family);
        }
    }
}
