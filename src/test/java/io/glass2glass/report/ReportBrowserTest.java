package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.HeadlessChromium;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report in a real browser: Debian's headless chromium opens {@code index.html} from a
 * {@code file://} URL with every network request blocked (a dead proxy and CDP's blocked URLs),
 * and the page must draw every chart with data, log no error, and load nothing. Saves a
 * screenshot to {@code target/report-screenshot.png} and prints the page's size and render time.
 */
@EndToEnd
class ReportBrowserTest {

    static ChromeDriver driver;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() {
        assumeTrue(HeadlessChromium.available(), "needs chromium and chromium-driver (scripts/install-test-deps.sh)");
        driver = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void tenMinuteRunDrawsEveryChartOfflineAndFast() throws IOException {
        int players = Integer.getInteger("g2g.report.players", 300); // -Dg2g.report.players=10000 for the README's figure
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("ten-minutes"), 600, 1_000, players, true);
        Path page = HtmlReport.render(run.dir);

        Result result = open(page);

        assertEquals(14, result.charts(), "every time chart of a run with timelines and an edge");
        assertEquals(4, result.distributions());
        JavascriptExecutor js = driver;
        assertEquals(List.of("cable", "4g"), js.executeScript("return Array.from(document.querySelectorAll("
                + "'table.cohorts[data-dimension=network] tr td:first-child')).map(td => td.textContent).sort().reverse()"),
                "the cohort table, a row per network profile");
        assertEquals(3L, js.executeScript("return window.g2gCharts.filter(c => c.id === 'dist-startup')[0].series"),
                "the start-up distribution overlays all players and each network cohort");
        screenshot(Path.of("target/report-screenshot.png"), 16_000);
        screenshot(Path.of("target/report-screenshot-top.png"), 2_400);
        String measured = String.format("report page, 10-minute run with 1-s intervals and %,d players: %,d bytes, drawn %.0f ms"
                + " after navigation start", players, Files.size(page), result.drawnMillis());
        System.out.println(measured);
        Files.writeString(Path.of("target/report-measurements.txt"), measured + "\n");
        assertTrue(result.drawnMillis() < 5_000, measured);
    }

    @Test
    void olderRunFolderDrawsTheChartsOfItsIntervalLogs() throws IOException {
        RunFolderFixture run = RunFolderFixture.write(dir.resolve("old"), 60, 5_000, 20, false);

        Result result = open(HtmlReport.render(run.dir));

        assertEquals(5, result.charts());
        assertEquals(4, result.distributions());
    }

    record Result(int charts, int distributions, double drawnMillis) {}

    /** Opens the page, waits for its charts and checks what every page must satisfy. */
    private Result open(Path page) throws IOException {
        String html = Files.readString(page);
        JsonObject data = new JsonObject(html.substring(html.indexOf("id=\"g2g-data\">") + "id=\"g2g-data\">".length(),
                html.indexOf("</script>", html.indexOf("id=\"g2g-data\">"))));
        driver.get(page.toUri().toString());
        JavascriptExecutor js = driver;
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> js.executeScript(
                "return window.g2gDrawnAt !== undefined || window.__g2gErrors.length > 0"));
        assertEquals(List.of(), js.executeScript("return window.__g2gErrors"), "no errors in the page");
        assertEquals(0L, js.executeScript("return performance.getEntriesByType('resource').length"), "nothing loaded");
        int expected = data.getJsonArray("charts").size() + data.getJsonArray("distributions").size();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) js.executeScript("return window.g2gCharts");
        assertEquals(expected, charts.size(), "every chart drawn");
        for (Map<String, Object> chart : charts) {
            assertTrue(((Number) chart.get("points")).longValue() > 0, "data points in " + chart.get("id"));
        }
        assertEquals((long) expected, js.executeScript("return document.querySelectorAll('figure.chart canvas').length"),
                "a canvas per chart");
        assertTrue((Long) js.executeScript("return document.querySelectorAll('table.edge tr').length") > 2, "the edge table");
        double drawn = ((Number) js.executeScript("return window.g2gDrawnAt")).doubleValue();
        return new Result(data.getJsonArray("charts").size(), data.getJsonArray("distributions").size(), drawn);
    }

    private static void screenshot(Path file, int maxHeight) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                "height", Math.min(maxHeight, ((Number) size.get("height")).doubleValue()), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
