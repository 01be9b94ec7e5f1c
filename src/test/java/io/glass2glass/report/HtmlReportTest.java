package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path reports;

    private final RunSummary summary = RunSummary.of(SampleRun.metadata(), SampleRun.qoe());

    @Test
    void scriptInRunIdAndTargetIsEscaped() {
        RunSummary hostile = RunSummary.of(
                SampleRun.metadata("<script>alert(1)</script>", "http://x/\"><script>alert(2)</script>"),
                SampleRun.qoe());

        String page = HtmlReport.render(hostile, "gatling/index.html", List.of());

        assertFalse(page.contains("<script"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(page.contains("http://x/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
    }

    @Test
    void laterSectionsAreEscapedToo() {
        RunSummary.Edge edge = new RunSummary.Edge("<img src=x onerror=alert(3)>", 1, 0.97, 1.0, 5, 5, List.of(),
                Optional.empty());
        // A section from a newer version is kept and shown as it was read.
        JsonObject newer = summary.withEdge(edge).toJson()
                .put("shards<b>", new JsonObject().put("note", "<img src=y onerror=alert(4)>"));

        String page = HtmlReport.render(RunSummary.fromJson(newer), "gatling/index.html", List.of());

        assertTrue(page.contains("<h2>Edge</h2>"), page);
        assertTrue(page.contains("<p>Profile <strong>&lt;img src=x onerror=alert(3)&gt;</strong>"), page);
        assertTrue(page.contains("<strong>97.00 %</strong>"), page);
        assertTrue(page.contains("<h2>shards&lt;b&gt;</h2>"), page);
        assertTrue(page.contains("<th scope=\"row\">note</th><td>&lt;img src=y onerror=alert(4)&gt;</td>"), page);
        assertTrue(page.indexOf("<h2>Edge</h2>") < page.indexOf("<h2>shards"), "known sections first");
        assertFalse(page.contains("<img"));
    }

    @Test
    void summaryAlonePageIsSelfContainedAndHasNoScript() {
        String page = HtmlReport.render(summary, "gatling/index.html", List.of("qoe/startupMs.hlog"));

        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertFalse(page.contains("<script"), "no scripts");
        assertFalse(page.contains("<link"), "no external stylesheets");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(),
                "nothing fetched from elsewhere");
        assertTrue(page.contains("<style>"));
    }

    @Test
    void showsTheFiguresOfTheSummary() {
        String page = HtmlReport.render(summary, "gatling/index.html", List.of());

        assertTrue(page.contains("<title>glass2glass run 20250304-050607-LivePlayersSimulation</title>"));
        assertTrue(page.contains("<td>http://127.0.0.1:8081/live/demo/master.m3u8</td>"));
        assertTrue(page.contains("<td class=\"n\">5</td><td class=\"n\">4</td><td class=\"n\">3</td>"), "players");
        assertTrue(page.contains("<tr><td>video start time</td><td>ms</td><td class=\"n\">2,000</td>"), page);
        assertTrue(page.contains("<strong>2.00 %</strong>"), "aggregate rebuffering ratio");
        assertTrue(page.contains("<tr><td>segment</td><td class=\"n\">100</td><td class=\"n\">1</td>"), page);
        assertFalse(page.contains("<td>mpd</td>"), "kinds without requests are left out");
    }

    @Test
    void qoeTableShowsTheLowTailOfAverageBitrate() {
        String page = HtmlReport.render(summary, "gatling/index.html", List.of());

        assertTrue(page.contains("<tr><th>low tail (more is better)</th><th>unit</th><th class=\"n\">min</th>"), page);
        assertTrue(page.contains("<tr><td>average bitrate (low tail)</td><td>kb/s</td><td class=\"n\">2,000</td>"
                + "<td class=\"n\">2,000</td><td class=\"n\">2,000</td><td class=\"n\">2,000</td>"
                + "<td class=\"n\">2,801</td><td></td></tr>"), page);
        assertEquals(1, page.split("\\(low tail\\)</td>", -1).length - 1, "lower-is-better metrics have none");
        assertTrue(page.indexOf("(low tail)") < page.indexOf("</table>", page.indexOf("<h2>Quality of experience</h2>")),
                "in the QoE table");
    }

    @Test
    void summaryWithoutTheLowTailSaysItIsUnknown() {
        JsonObject old = summary.toJson();
        JsonObject bitrate = old.getJsonObject("qoe").getJsonObject("avgBitrateKbps");
        List.of("min", "p1", "p5", "p10").forEach(bitrate::remove);

        String page = HtmlReport.render(RunSummary.fromJson(old), "gatling/index.html", List.of());

        assertTrue(page.contains("<tr><td>average bitrate (low tail)</td><td>kb/s</td><td colspan=\"6\" class=\"note\">"
                + "unknown: this summary.json predates the low tail</td></tr>"), page);
    }

    @Test
    void renditionBarsAreProportionalToTimePlayed() {
        String page = HtmlReport.render(summary, "gatling/index.html", List.of());

        assertTrue(page.contains("<rect class=\"fill\" width=\"275.5\""), "720p: 90 of 98 s of a 300 px bar");
        assertTrue(page.contains("<rect class=\"fill\" width=\"24.5\""), "360p: 8 of 98 s");
    }

    @Test
    void writtenPageLinksTheGatlingReportAndEveryIntervalLog() throws IOException {
        RunFolder run = RunFolder.create(reports, "linked");
        Files.writeString(run.qoeDir().resolve("startupMs.hlog"), "");
        Files.writeString(run.qoeDir().resolve("requestLatencyMs.segment.hlog"), "");
        Files.writeString(run.qoeDir().resolve("notes.txt"), "");
        Path gatlingRun = Files.createDirectories(run.gatlingDir().resolve("liveplayerssimulation-20250304050607"));
        Files.writeString(gatlingRun.resolve("index.html"), "");

        summary.write(run.summaryJson());

        String page = Files.readString(HtmlReport.render(run.dir()));
        assertTrue(page.contains("<a href=\"gatling/liveplayerssimulation-20250304050607/index.html\">"), page);
        assertTrue(page.contains("<a href=\"summary.json\">"));
        assertTrue(page.contains("<a href=\"qoe/requestLatencyMs.segment.hlog\">"));
        assertTrue(page.contains("<a href=\"qoe/startupMs.hlog\">"));
        assertFalse(page.contains("notes.txt"));
    }

    @Test
    void gatlingReportLinkDefaultsToTheRunFolderContract() throws IOException {
        RunFolder run = RunFolder.create(reports, "no-gatling-yet");

        summary.write(run.summaryJson());
        HtmlReport.render(run.dir());

        assertTrue(Files.readString(run.indexHtml()).contains("<a href=\"gatling/index.html\">Gatling report</a>"));
    }

    @Test
    void escapeCoversEveryHtmlSpecialCharacter() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
                HtmlReport.escape("<a href=\"x\" title='y'>&</a>"));
    }

    @Test
    void showsThePipelinesStagesAtTheTopWhenTheRunHadOne() {
        JsonObject pipeline = new JsonObject().put("availableProcessors", 2).put("encoderSpeedRatio", 3.25).put("originEgressMbps", 12.34)
                .put("cpuCores", new JsonObject().put("process", 1.4))
                .put("eventLoopDelayMs", new JsonObject().put("origin", new JsonObject().put("p50", 0.1).put("p99", 2.0).put("max", 9.0)));
        String page = HtmlReport.render(RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).withSection("pipeline", pipeline),
                "gatling/index.html", List.of());
        assertTrue(page.contains("<th scope=\"row\">Pipeline</th><td>encoders 3.25× real time (slowest rung), CPU 1.40 of 2 cores, "
                + "origin egress 12.3 Mb/s</td>"), page);
        assertTrue(page.contains("<th scope=\"row\">Event-loop delay p99</th><td>origin 2.0 ms (max 9)</td>"), page);
    }

    @Test
    void showsWhatTheEdgeReadFromCmcdNextToWhatThePlayersLivedThrough() {
        String page = HtmlReport.render(RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).withSection("cmcd", SummaryTableTest.cmcd()),
                "gatling/index.html", List.of());
        assertTrue(page.contains("<th scope=\"row\">CMCD at the edge</th><td>50 sessions (50 players joined); 12 buffer-starvation"
                + " reports (14 stalls); declared video bitrate 2,650 kb/s (played 2,620 kb/s); 1,234 requests with CMCD, 2 malformed</td>"),
                page);
    }
}
