package io.glass2glass.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.edge.EdgeStats;
import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoeSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunSummaryTest {

    @TempDir
    Path dir;

    private static final RunSummary.Harness HARNESS = new RunSummary.Harness(4, 13_893_440, 3_473_360, 477_626_368, 2, 0.8);

    /** The edge section as the pipeline builds it from its edges' statistics. */
    static JsonObject edgeSection() {
        EdgeStats.ClassStats segments = new EdgeStats.ClassStats(17, 2, 9, 6, 0, 0, 1, 9, 2_471_548, 4_909_876, 9);
        EdgeStats.ClassStats errors = new EdgeStats.ClassStats(3, 1, 2, 0, 0, 0, 0, 2, 60, 90, 1);
        EdgeStats tier = new EdgeStats("edge-1", "shielded", Map.of(ObjectKind.SEGMENT, segments, ObjectKind.ERROR, errors),
                2_482_318, 16);
        EdgeStats idle = new EdgeStats("edge-2", "shielded", Map.of(), 0, 0);
        EdgeStats shield = new EdgeStats("shield", "shielded", Map.of(ObjectKind.SEGMENT, segments), 1_000, 9);
        return new JsonObject()
                .put("profile", "shielded")
                .put("edges", 2)
                .put("hitRatio", 0.4)
                .put("originRequestsPerSegment", 1.0)
                .put("originSegmentRequests", 9L)
                .put("distinctSegments", 9L)
                .put("tiers", new JsonArray().add(tier.toJson()).add(idle.toJson()))
                .put("shield", shield.toJson());
    }

    static RunSummary.Edge edge() {
        return RunSummary.Edge.fromJson(edgeSection());
    }

    private static RunSummary sample() {
        return RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).withHarness(HARNESS).withEdge(edge());
    }

    @Test
    void writtenSummaryReadsBackEqual() throws IOException {
        Path file = dir.resolve("summary.json");
        RunSummary summary = sample();

        summary.write(file);

        assertEquals(summary, RunSummary.read(file));
        assertEquals(summary, RunSummary.fromJson(summary.toJson()));
        assertEquals(summary.toJson(), RunSummary.read(file).toJson());
    }

    @Test
    void summaryWrittenByTheOldWriterParses() throws IOException {
        // A real run (two shielded edges, 4 players) written before the typed summary existed.
        Path file = Files.writeString(dir.resolve("summary.json"), ReportGoldenTest.golden("summary-v1.json"));

        RunSummary summary = RunSummary.read(file);

        assertEquals("golden-run", summary.run().runId());
        assertEquals("hls", summary.run().format());
        assertEquals(Instant.parse("2026-12-07T05:34:07.688847541Z"), summary.run().startedAt());
        assertEquals(4, summary.run().playersRequested());
        assertEquals(new RunSummary.Players(4, 4, 0, 0), summary.players());
        assertEquals(34, summary.requests(ObjectKind.SEGMENT).count());
        assertEquals(0, summary.requests(ObjectKind.MPD).count());
        assertEquals(34, summary.qoe().lateSegments().segmentsDownloaded());
        assertEquals(List.of("360p", "720p"), List.copyOf(summary.qoe().timeAtRenditionSeconds().keySet()));
        assertEquals(Optional.empty(), summary.qoe().avgBitrateKbps().lowTail(), "written before the low tail");
        assertTrue(summary.harness().isPresent());
        RunSummary.Edge edge = summary.edge().orElseThrow();
        assertEquals("shielded", edge.profile());
        assertEquals(2, edge.tiers().size());
        assertEquals("edge-1", edge.tiers().get(0).edge());
        assertEquals(9, edge.distinctSegments());
        assertTrue(edge.shield().isPresent());
        assertEquals(new JsonObject(), summary.otherSections());
    }

    @Test
    void sectionAddedLaterIsReadModifiedAndWrittenThroughTheModel() throws IOException {
        Path file = dir.resolve("summary.json");
        RunSummary.of(SampleRun.metadata(), SampleRun.qoe()).withHarness(HARNESS).write(file);
        JsonObject before = new JsonObject(Files.readString(file));

        RunSummary.read(file).withEdge(edge()).write(file);

        JsonObject after = new JsonObject(Files.readString(file));
        assertEquals(edge().toJson(), after.getJsonObject("edge"));
        assertEquals("edge", List.copyOf(after.fieldNames()).get(after.size() - 1), "after the players' sections");
        after.remove("edge");
        assertEquals(before, after, "the rest is unchanged");
    }

    @Test
    void withSectionsReturnNewSummaries() {
        RunSummary players = RunSummary.of(SampleRun.metadata(), SampleRun.qoe());

        RunSummary withEdge = players.withEdge(edge());

        assertFalse(players.edge().isPresent());
        assertEquals(Optional.of(edge()), withEdge.edge());
        assertEquals(players, new RunSummary(withEdge.run(), withEdge.players(), withEdge.qoe(), withEdge.requests(),
                withEdge.scheduleSkewMs(), withEdge.harness(), Optional.empty(), Optional.empty(), Map.of(), null));
    }

    @Test
    void unknownFieldsOfANewerWriterAreTolerated() throws IOException {
        JsonObject newer = sample().toJson();
        newer.put("shards", new JsonObject().put("index", 3).put("of", 8));
        newer.getJsonObject("qoe").put("firstFrameMs", new JsonObject().put("p50", 1));
        newer.getJsonObject("requests").put("part", new JsonObject().put("count", 7));
        newer.getJsonObject("requests").getJsonObject("segment").put("retries", 2);
        newer.getJsonObject("edge").getJsonArray("tiers").getJsonObject(0).getJsonObject("classes")
                .put("part", new JsonObject().put("requests", 1));
        Path file = Files.writeString(dir.resolve("summary.json"), newer.encodePrettily());

        RunSummary read = RunSummary.read(file);

        assertEquals(sample().requests(), read.requests());
        assertEquals(sample().edge(), read.edge(), "the edge's unknown class is ignored");
        assertEquals(new JsonObject().put("shards", new JsonObject().put("index", 3).put("of", 8)), read.otherSections());
        read.write(file);
        JsonObject rewritten = new JsonObject(Files.readString(file));
        assertEquals(newer.getJsonObject("shards"), rewritten.getJsonObject("shards"), "a newer top-level section is kept");
        assertFalse(rewritten.getJsonObject("qoe").containsKey("firstFrameMs"), "unknown fields deeper down are not");
    }

    @Test
    void otherSectionsCannotShadowTheSummarysFields() {
        RunSummary s = sample();

        assertThrows(IllegalArgumentException.class, () -> new RunSummary(s.run(), s.players(), s.qoe(), s.requests(),
                s.scheduleSkewMs(), s.harness(), s.edge(), Optional.empty(), Map.of(), new JsonObject().put("edge", new JsonObject())));
        assertThrows(NullPointerException.class, () -> new RunSummary(s.run(), s.players(), s.qoe(), Map.of(),
                s.scheduleSkewMs(), s.harness(), s.edge(), Optional.empty(), Map.of(), null), "every player request kind is present");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                malformed("schemaVersion missing", j -> j.remove("schemaVersion"), "field 'schemaVersion' is missing"),
                malformed("schemaVersion newer", j -> j.put("schemaVersion", 2), "field 'schemaVersion' is 2, this version reads 1 to 1"),
                malformed("runId a number", j -> j.put("runId", 7), "field 'runId' must be a string, got 7"),
                malformed("format unknown", j -> j.put("format", "smooth"), "field 'format' must be hls or dash, got \"smooth\""),
                malformed("startedAt not an instant", j -> j.put("startedAt", "yesterday"),
                        "field 'startedAt' must be an ISO-8601 UTC instant, got \"yesterday\""),
                malformed("ended before started", j -> j.put("endedAt", "2000-01-01T00:00:00Z"), "field 'endedAt' is before startedAt"),
                malformed("players not an object", j -> j.put("players", 4), "field 'players' must be an object, got 4"),
                malformed("players.started text", j -> j.getJsonObject("players").put("started", "four"),
                        "field 'players.started' must be a whole number, got \"four\""),
                malformed("qoe.startupMs missing", j -> j.getJsonObject("qoe").remove("startupMs"), "field 'qoe.startupMs' is missing"),
                malformed("qoe.startupMs.p95 null", j -> j.getJsonObject("qoe").getJsonObject("startupMs").putNull("p95"),
                        "field 'qoe.startupMs.p95' is null"),
                malformed("low tail incomplete", j -> j.getJsonObject("qoe").getJsonObject("avgBitrateKbps").remove("p5"),
                        "field 'qoe.avgBitrateKbps.p5' is missing"),
                malformed("requests.time missing", j -> j.getJsonObject("requests").remove("time"), "field 'requests.time' is missing"),
                malformed("requests.segment.count fractional", j -> j.getJsonObject("requests").getJsonObject("segment").put("count", 1.5),
                        "field 'requests.segment.count' must be a whole number, got 1.5"),
                malformed("edge.tiers not an array", j -> j.getJsonObject("edge").put("tiers", new JsonObject()),
                        "field 'edge.tiers' must be an array, got an object"),
                malformed("edge tier counter missing", j -> j.getJsonObject("edge").getJsonArray("tiers").getJsonObject(1)
                        .getJsonObject("classes").getJsonObject("segment").remove("hits"),
                        "field 'edge.tiers[1].classes.segment.hits' is missing"),
                malformed("harness counter text", j -> j.getJsonObject("harness").put("maxHeapBytes", "lots"),
                        "field 'harness.maxHeapBytes' must be a whole number, got \"lots\""));
    }

    private static Arguments malformed(String name, Consumer<JsonObject> mutation, String expected) {
        return Arguments.of(name, mutation, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedSummaryIsAnIoErrorNamingTheFileAndTheField(String name, Consumer<JsonObject> mutation, String expected)
            throws IOException {
        JsonObject json = sample().toJson();
        mutation.accept(json);
        Path file = Files.writeString(dir.resolve("summary.json"), json.encodePrettily());

        IOException e = assertThrows(IOException.class, () -> RunSummary.read(file));

        assertEquals(file + ": " + expected, e.getMessage());
    }

    @Test
    void fileThatIsNotAJsonObjectIsAnIoErrorNamingTheFile() throws IOException {
        for (String text : List.of("not json", "[1, 2]", "")) {
            Path file = Files.writeString(dir.resolve("summary.json"), text);

            IOException e = assertThrows(IOException.class, () -> RunSummary.read(file), text);

            assertTrue(e.getMessage().startsWith(file + ": not a JSON object"), e.getMessage());
        }
    }

    @Test
    void edgeSectionReadsFromTheJsonThePipelineBuilds() {
        RunSummary.Edge edge = edge();

        assertEquals(edgeSection().encodePrettily(), edge.toJson().encodePrettily(), "written as the edges' statistics write it");
        assertEquals(16, edge.tiers().get(0).storedObjects());
        assertEquals(9, edge.tiers().get(0).classes().get(ObjectKind.SEGMENT).misses());
        assertEquals(20, edge.tiers().get(0).total().requests());
        assertEquals(EdgeStats.CLASSES, List.copyOf(edge.tiers().get(1).classes().keySet()), "every class, zeros too");
        assertEquals(edge, RunSummary.Edge.fromJson(edge.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunSummary.Edge.fromJson(edge().toJson().put("edges", "two")));
        assertEquals("field 'edge.edges' must be a whole number, got \"two\"", e.getMessage());
    }

    @Test
    void cohortsRoundTripWithTheShapeOfQoeAndTheirPlayers(@TempDir Path dir) throws IOException {
        QoeSummary q = SampleRun.qoe();
        RunSummary withCohorts = sample().withCohorts(Map.of("network", Map.of("4g", q, "wifi", q)));
        Path file = dir.resolve("summary.json");
        withCohorts.write(file);
        RunSummary read = RunSummary.read(file);
        assertEquals(withCohorts, read);
        JsonObject json = new JsonObject(Files.readString(file));
        JsonObject fourG = json.getJsonObject("cohorts").getJsonObject("network").getJsonObject("4g");
        assertEquals(json.getJsonObject("qoe").fieldNames(), new java.util.HashSet<>(fourG.copy().fieldNames()) {
            { remove("players"); }
        }, "a cohort has the fields of qoe");
        assertEquals(json.getJsonObject("qoe").getJsonObject("startupMs"), fourG.getJsonObject("startupMs"));
        assertEquals(q.players().joined(), fourG.getJsonObject("players").getLong("joined"));
        assertTrue(sample().cohorts().isEmpty(), "a summary without cohorts writes none");
        assertFalse(sample().toJson().containsKey("cohorts"));
    }

    @Test
    void setupRoundTripsAndTheReportPrintsItsVersionsAndLadder(@TempDir Path dir) throws IOException {
        RunSummary.Setup setup = RunSummary.Setup.ofThisJvm().withLadder("default: 720p 1280x720 2800 kb/s");
        assertTrue(setup.java().contains(System.getProperty("java.vm.name")), setup.java());
        assertTrue(setup.gatling().matches("3\\.\\d+\\.\\d+"), "Gatling's version from its jar: " + setup.gatling());
        RunSummary withSetup = sample().withSetup(setup);
        Path file = dir.resolve("summary.json");
        withSetup.write(file);
        assertEquals(withSetup, RunSummary.read(file));
        assertTrue(sample().setup().isEmpty(), "an older summary has no setup");
        RunSummary noLadder = sample().withSetup(RunSummary.Setup.ofThisJvm());
        noLadder.write(file);
        assertEquals(noLadder, RunSummary.read(file), "load has no ladder to name");
        String page = HtmlReport.render(withSetup, "gatling/index.html", List.of());
        assertTrue(page.contains("<th scope=\"row\">Ladder</th><td>default: 720p 1280x720 2800 kb/s</td>"), page);
        assertTrue(page.contains("Gatling " + setup.gatling()), "versions in the header");
    }
}
