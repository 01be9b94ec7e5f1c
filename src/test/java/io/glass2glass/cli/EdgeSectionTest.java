package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glass2glass.edge.EdgeStats;
import io.glass2glass.media.ObjectKind;
import io.glass2glass.report.RunSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's edge tiers carry an edge's counters as its own statistics write them. */
class EdgeSectionTest {

    @Test
    void aTierIsTheEdgesStatisticsTyped() {
        EdgeStats stats = new EdgeStats("edge-1", "cdn-live", Map.of(
                ObjectKind.SEGMENT, new EdgeStats.ClassStats(100, 90, 4, 5, 0, 0, 2, 4, 4_000_000, 100_000_000, 40),
                ObjectKind.MEDIA_PLAYLIST, new EdgeStats.ClassStats(50, 30, 10, 0, 0, 9, 0, 20, 20_000, 50_000, 3),
                ObjectKind.ERROR, new EdgeStats.ClassStats(2, 0, 2, 0, 0, 0, 0, 2, 0, 400, 1)), 123_456, 44);
        JsonObject written = new JsonObject().put("profile", "cdn-live").put("edges", 1).put("hitRatio", stats.hitRatio())
                .put("originRequestsPerSegment", 1.0).put("originSegmentRequests", 4).put("distinctSegments", 4)
                .put("tiers", new JsonArray().add(stats.toJson()));
        RunSummary.EdgeTier read = RunSummary.Edge.fromJson(written).tiers().get(0);
        assertEquals(read, EdgeSection.tier(stats));
        assertEquals(100 + 50 + 2, EdgeSection.tier(stats).total().requests());
        assertEquals(1 + 1, EdgeSection.tier(stats).total().passes(), "passes are what the edge derives, not recounted");
    }
}
