package io.glass2glass.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.verdict.Gate.Result;
import io.glass2glass.verdict.Gate.Verdict;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateTest {

    /** The parts of a summary.json the thresholds below read. */
    static JsonObject summary(double rebufferP95, double skewP99, long failedToStart) {
        return new JsonObject()
                .put("runId", "r1")
                .put("players", new JsonObject().put("joined", 50).put("failedToStart", failedToStart))
                .put("qoe", new JsonObject().put("rebufferRatio", new JsonObject().put("p95", rebufferP95).put("count", 50))
                        .put("startupMs", new JsonObject().put("p99", 2_400).put("p95", 2_000)))
                .put("requests", new JsonObject().put("segment", new JsonObject().put("count", 10_000).put("errors", 3)))
                .put("edge", new JsonObject().put("originRequestsPerSegment", 1.0))
                .put("scheduleSkewMs", new JsonObject().put("p99", skewP99))
                .put("cohorts", new JsonObject().put("network", new JsonObject()
                        .put("3g", new JsonObject().put("startupMs", new JsonObject().put("p95", 2_500)))));
    }

    static final String GATE = """
            thresholds:
              qoe.rebufferRatio: ["p95 < 0.01"]
              qoe.startupMs: ["p99 < 4000", "p95 <= 2000"]
              players.failedToStart: ["value == 0"]
              requests.segment: ["errorRate < 0.001"]
              edge.originRequestsPerSegment: ["value <= 1.05"]
              cohorts.network.3g.qoe.startupMs: ["p95 < 3000"]
            """;

    @Test
    void everyKindOfFigureIsJudged() {
        Verdict v = Gate.parse(GATE).judge(summary(0.005, 9, 0), Optional.empty());
        assertEquals(7, v.results().size());
        assertTrue(v.passed(), GateReport.table(v));
        assertEquals(0.0003, v.results().get(4).observed().orElseThrow(), 1e-12, "errorRate is errors / count");
        assertEquals(2_500.0, v.results().get(6).observed().orElseThrow(), "a cohort holds qoe's fields");
        assertEquals(GateReport.PASSED, GateReport.exitCode(v));
    }

    @Test
    void aBreachNamesTheObservedValueAndTheLimit() {
        Verdict v = Gate.parse(GATE).judge(summary(0.14, 9, 2), Optional.empty());
        assertEquals(2, v.failures());
        Result rebuffer = v.results().get(0);
        assertFalse(rebuffer.passed());
        assertEquals("observed 0.14, limit < 0.01", rebuffer.note());
        assertEquals(GateReport.BREACHED, GateReport.exitCode(v));
        assertTrue(GateReport.table(v).contains("gate: FAILED, 2 of 7 thresholds breached"), GateReport.table(v));
    }

    @Test
    void aFigureThatIsNotInTheSummaryFailsRatherThanPasses() {
        Verdict v = Gate.parse("thresholds:\n  qoe.startupMs: [\"p42 < 1\"]\n  qoe.nothing: [\"p95 < 1\"]\n")
                .judge(summary(0, 0, 0), Optional.empty());
        assertEquals(2, v.failures());
        assertEquals("not in summary.json: qoe.nothing p95", v.results().get(1).note());
    }

    @Test
    void aPercentileOfADistributionWithNoSampleFailsRatherThanPasses() {
        JsonObject none = summary(0, 0, 0);
        none.getJsonObject("qoe").put("startupMs", new JsonObject().put("p95", 0).put("count", 0));
        Verdict v = Gate.parse("thresholds:\n  qoe.startupMs: [\"p95 < 4000\", \"count == 0\"]\n").judge(none, Optional.empty());
        assertEquals(1, v.failures(), GateReport.table(v));
        assertEquals("no samples: qoe.startupMs has count 0", v.results().get(0).note());
        assertTrue(v.results().get(1).passed(), "the count itself is a figure");
    }

    @Test
    void onlyCountsThatOnlyGrowMayAbortARun() {
        Gate gate = Gate.parse("thresholds:\n  players.failedToStart: [{threshold: \"value == 0\", abortOnFail: true}]\n"
                + "  players.playbackFailed: [{threshold: \"value <= 2\"}]\n");
        assertEquals(2, gate.thresholds().size());
        assertEquals("players.failedToStart == 0", gate.abortRules());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gate.parse(
                "thresholds:\n  qoe.startupMs: [{threshold: \"p95 < 4000\", abortOnFail: true}]\n"));
        assertTrue(e.getMessage().startsWith("qoe.startupMs: abortOnFail works on counts that only grow"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gate.parse(
                "thresholds:\n  players.failedToStart: [{threshold: \"value > 0\", abortOnFail: true}]\n"));
        assertEquals("players.failedToStart: unknown field 'delayAbortEval' (a threshold object has threshold and abortOnFail)",
                assertThrows(IllegalArgumentException.class, () -> Gate.parse(
                        "thresholds:\n  players.failedToStart: [{threshold: \"value == 0\", delayAbortEval: 10s}]\n")).getMessage());
    }

    @Test
    void relativeThresholdsCompareWithTheBaselineRun() {
        Gate gate = Gate.parse("thresholds:\n  qoe.startupMs: [\"p95 < baseline * 1.10\", \"p99 <= baseline + 100\"]\n");
        assertTrue(gate.needsBaseline());
        JsonObject baseline = summary(0, 0, 0);
        assertTrue(gate.judge(summary(0, 0, 0), Optional.of(baseline)).passed());
        JsonObject worse = summary(0, 0, 0);
        worse.getJsonObject("qoe").getJsonObject("startupMs").put("p95", 2_300).put("p99", 2_600);
        Verdict v = gate.judge(worse, Optional.of(baseline));
        assertEquals(2, v.failures());
        assertEquals(2_200.0, v.results().get(0).limit().orElseThrow(), 1e-9);
        assertEquals(2_500.0, v.results().get(1).limit().orElseThrow(), 1e-9);
        assertEquals("relative to a baseline, but no --baseline was given", gate.judge(worse, Optional.empty()).results().get(0).note());
    }

    @Test
    void anOverloadedLoadGeneratorIsNeverAPass() {
        Verdict v = Gate.parse(GATE).judge(summary(0.005, 51, 0), Optional.empty());
        assertEquals(0, v.failures());
        assertTrue(v.overloaded());
        assertFalse(v.passed());
        assertEquals(GateReport.NOT_VALID, GateReport.exitCode(v));
        assertTrue(GateReport.table(v).contains("load generator overloaded, results not valid"), GateReport.table(v));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "thresholds: []| expected a 'thresholds' map",
            "thresholds:\\n  qoe.startupMs: [\"p95 lt 3\"]| 'p95 lt 3' is not '<statistic> <comparison> <limit>'",
            "thresholds:\\n  qoe.startupMs: [42]| an expression is a quoted text",
            "thresholds:\\n  qoe.startupMs: []| expected a list of expressions",
            "thresholds:\\n  'qoe startup': [\"p95 < 1\"]| is not a summary.json path",
            "threshold:\\n  qoe.startupMs: [\"p95 < 1\"]| expected a 'thresholds' map",
            "thresholds:\\n  a: [\"p95 < 1\"]\\n  a: [\"p95 < 2\"]| not YAML",
            "thresholds: {}\\nextra: 1| unknown field 'extra'",
            "thresholds: {}| no thresholds",
            "[: not yaml| not YAML"})
    void aBrokenGateFileIsAClearError(String yaml, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gate.parse(yaml.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theJUnitXmlIsValidAgainstTheJUnitSchemaPassedOrNot() throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(GateTest.class.getResource("junit.xsd"));
        for (Verdict v : List.of(Gate.parse(GATE).judge(summary(0.005, 9, 0), Optional.empty()),
                Gate.parse(GATE).judge(summary(0.2, 9, 3), Optional.empty()),
                Gate.parse(GATE).judge(summary(0.2, 80, 3), Optional.empty()))) {
            String xml = GateReport.junitXml(v, "run <1> & \"2\"");
            schema.newValidator().validate(new StreamSource(new StringReader(xml)));
            assertTrue(xml.contains("tests=\"8\""), xml);
        }
        String failed = GateReport.junitXml(Gate.parse(GATE).judge(summary(0.2, 9, 0), Optional.empty()), "r");
        assertTrue(failed.contains("<failure type=\"threshold\" message=\"observed 0.2, limit &lt; 0.01\"/>"), failed);
    }
}
