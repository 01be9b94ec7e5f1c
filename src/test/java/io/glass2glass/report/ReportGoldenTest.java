package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files under {@code src/test/resources/io/glass2glass/report/} were written by the summary
 * writer and renderers before {@link RunSummary} (commit 278889a checks them against that code):
 * {@code summary-v1.json} by a real {@code run} (two shielded edges, harness section),
 * {@code sample-v1.json} from {@link SampleRun}; the {@code .table.txt} and {@code .html} files are
 * their renderings. The JSON and table output must stay byte for byte; the {@code .html} files were
 * regenerated on purpose for issue 12 (the readable edge section, the parameters at the top, the
 * "Over time" section, empty for a summary rendered without its run folder). For issue 12's low tail
 * (average bitrate's {@code min,p1,p5,p10}) {@code sample-v1.json} and every rendering gained it on
 * purpose; the renderings of {@code summary-v1.json} say it is unknown. {@code summary-v1.json} is never
 * rewritten: it stays a file of the older writer, without the low tail. There is no switch to
 * regenerate them: write the renderers' output over the files and review the diff.
 */
class ReportGoldenTest {

    static final List<String> HLOGS = List.of("qoe/startupMs.hlog");

    @TempDir
    Path dir;

    @Test
    void realSummaryRendersAsBefore() throws IOException {
        RunSummary summary = RunSummary.fromJson(new JsonObject(golden("summary-v1.json")));

        assertEquals(golden("summary-v1.table.txt"), SummaryTable.render(summary));
        assertEquals(golden("summary-v1.html"), HtmlReport.render(summary, "gatling/index.html", HLOGS));
    }

    @Test
    void sampleRunIsWrittenAndRenderedAsBefore() throws IOException {
        RunSummary summary = RunSummary.of(SampleRun.metadata(), SampleRun.qoe());
        Path file = dir.resolve("summary.json");
        summary.write(file);

        assertEquals(golden("sample-v1.json"), Files.readString(file));
        assertEquals(golden("sample-v1.table.txt"), SummaryTable.render(summary));
        assertEquals(golden("sample-v1.html"), HtmlReport.render(summary, "gatling/index.html", HLOGS));
    }

    @Test
    void realSummaryIsRewrittenByteForByte() throws IOException {
        Path file = dir.resolve("summary.json");
        RunSummary.read(Files.writeString(file, golden("summary-v1.json"))).write(file);

        assertEquals(golden("summary-v1.json"), Files.readString(file));
    }

    static String golden(String name) throws IOException {
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
