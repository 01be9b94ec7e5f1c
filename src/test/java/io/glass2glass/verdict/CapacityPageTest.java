package io.glass2glass.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.HeadlessChromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/** The capacity page: each figure against audience size with the knee marked, as a browser draws it. */
@EndToEnd
class CapacityPageTest {

    /** A search as `capacity` lists it: 250, 500 and 1,000 pass, 2,000 and 1,500 fail on rebuffering. */
    static JsonArray steps() {
        JsonArray steps = new JsonArray();
        int[] players = {250, 500, 1000, 2000, 1500};
        double[] rebuffer = {0.0, 0.001, 0.004, 0.09, 0.03};
        for (int i = 0; i < players.length; i++) {
            boolean passed = players[i] <= 1000;
            steps.add(new JsonObject().put("players", players[i]).put("outcome", passed ? "passed" : "breached")
                    .put("firstBreach", passed ? null : "qoe.rebufferRatio p95 < 0.01").put("runId", "cap-" + players[i])
                    .put("startupP95Ms", 900.0 + players[i]).put("rebufferRatioP95", rebuffer[i]).put("liveLatencyP95Ms", 9000.0)
                    .put("bitrateP50Kbps", 2700.0 - players[i] / 2.0).put("scheduleSkewP99Ms", 5.0)
                    .put("generatorCpuCores", players[i] / 2000.0).put("edgeHitRatio", 0.99).put("originRequestsPerSegment", 1.0)
                    .put("encoderSpeedRatio", 3.0 - players[i] / 1000.0).put("pipelineCpuCores", 0.9 + players[i] / 2000.0)
                    .put("eventLoopDelayP99Ms", players[i] / 100.0).put("originEgressMbps", 12.0));
        }
        return steps;
    }

    @Test
    void everyChartHasAPointPerStepColouredByVerdictAndTheKneeWhereTheSearchEnded() {
        String html = CapacityPage.render("capacity", steps(), Optional.of(1000), "knee: 1000 players pass; 1500 fail first on x");
        for (CapacityPage.Chart c : CapacityPage.CHARTS) {
            int at = html.indexOf("id=\"chart-" + c.key() + "\"");
            assertTrue(at >= 0, "a chart of " + c.key());
            String chart = html.substring(at, html.indexOf("</figure>", at));
            assertEquals(5, count(chart, "<circle"), c.key());
            assertEquals(3, count(chart, "class=\"step passed\""), c.key());
            assertEquals(2, count(chart, "class=\"step failed\""), c.key());
            assertTrue(chart.contains(">knee 1000</text>"), c.key());
        }
        assertTrue(html.contains("<td class=\"n\">3.00</td>") || html.contains("<td class=\"n\">2.75</td>"), "encoder speed in the table");
        assertTrue(html.contains("<td class=\"n\">0.40</td>"), "rebuffering p95 of 1,000 players in %");
        assertTrue(html.indexOf(">1000</td>") < html.indexOf(">1500</td>"), "steps ordered by audience");
    }

    @Test
    void aSearchWithNoKneeDrawsNoKneeLine() {
        String html = CapacityPage.render("capacity", steps(), Optional.empty(), "no knee");
        assertTrue(!html.contains("knee "), html.substring(0, 400));
    }

    @Test
    void chromiumDrawsEveryChartOfflineWithTheKnee(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "needs chromium and chromium-driver (scripts/install-test-deps.sh)");
        Path page = Files.writeString(dir.resolve("capacity.html"),
                CapacityPage.render("glass2glass capacity", steps(), Optional.of(1000), "knee: 1000 players pass; 1500 fail first"));
        ChromeDriver driver = HeadlessChromium.start();
        try {
            driver.get(page.toUri().toString());
            JavascriptExecutor js = driver;
            assertEquals(List.of(), js.executeScript("return window.__g2gErrors"));
            assertEquals(0L, js.executeScript("return performance.getEntriesByType('resource').length"), "nothing loaded");
            assertEquals((long) CapacityPage.CHARTS.size(), js.executeScript("return document.querySelectorAll('figure svg').length"));
            @SuppressWarnings("unchecked")
            Map<String, Object> knee = (Map<String, Object>) js.executeScript("""
                    const svg = document.querySelector('#chart-rebufferRatioP95 svg');
                    const x = c => c.getBoundingClientRect().x;
                    const pass = Array.from(svg.querySelectorAll('circle.passed')).map(x);
                    const fail = Array.from(svg.querySelectorAll('circle.failed')).map(x);
                    const line = svg.querySelector('line[stroke-dasharray]').getBoundingClientRect().x;
                    return {maxPass: Math.max(...pass), minFail: Math.min(...fail), knee: line,
                            visible: svg.getBoundingClientRect().width > 300};
                    """);
            double line = ((Number) knee.get("knee")).doubleValue();
            assertEquals(((Number) knee.get("maxPass")).doubleValue() + 4, line, 1.5, "the knee runs through the last passing step: " + knee);
            assertTrue(line < ((Number) knee.get("minFail")).doubleValue(), "and before the first failing one: " + knee);
            assertEquals(Boolean.TRUE, knee.get("visible"));
            assertEquals("knee: 1000 players pass; 1500 fail first", js.executeScript("return document.getElementById('verdict').textContent"));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            Files.write(Files.createDirectories(Path.of("target")).resolve("capacity-screenshot.png"),
                    java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } finally {
            driver.quit();
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
