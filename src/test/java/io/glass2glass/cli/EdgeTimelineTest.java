package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.report.RunEvents;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** edge/timeline.jsonl and the pipeline's events.jsonl lines, from a fake source of counters and a manual clock. */
class EdgeTimelineTest {

    /** Counters that grow by {@code step} per snapshot; the publisher count is set by the test. */
    private static final class FakeCounters implements PipelineCounters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong publishes = new AtomicLong(1);
        final boolean edges;

        FakeCounters(boolean edges) {
            this.edges = edges;
        }

        @Override
        public Snapshot snapshot() {
            long r = requests.get();
            List<Tier> tiers = edges ? List.of(new Tier("edge-1", r, r - r / 10, r / 10, r * 100, r * 1000),
                    new Tier("edge-2", 2 * r, 2 * r, 0, 0, r * 2000)) : List.of();
            Optional<Tier> shield = edges ? Optional.of(new Tier("shield", r / 10, 0, r / 10, r * 100, r * 100)) : Optional.empty();
            return new Snapshot(tiers, shield, r / 10, r / 20, publishes.get());
        }
    }

    private static List<JsonObject> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(JsonObject::new).toList();
    }

    @Test
    void writesCumulativeCountersEveryIntervalAndALastLine(@TempDir Path dir) throws Exception {
        FakeCounters counters = new FakeCounters(true);
        AtomicLong now = new AtomicLong(1_000_000);
        RunEvents events = new RunEvents(dir);
        EdgeTimeline timeline = new EdgeTimeline(counters, 5000, dir, events, now::get);
        for (int i = 1; i <= 3; i++) {
            counters.requests.set(i * 100L);
            now.addAndGet(5000);
            timeline.sample();
        }
        counters.requests.set(350);
        now.addAndGet(1200);
        timeline.close();
        timeline.sample(); // after close: nothing more

        List<JsonObject> lines = lines(dir.resolve("edge/timeline.jsonl"));
        assertEquals(4, lines.size());
        assertEquals(1_005_000L, lines.get(0).getLong("t"));
        assertEquals(5000L, lines.get(0).getLong("intervalMs"));
        JsonObject first = lines.get(0).getJsonArray("tiers").getJsonObject(0);
        assertEquals(new JsonObject().put("edge", "edge-1").put("requests", 100).put("servedFromCache", 90).put("originRequests", 10)
                .put("originBytes", 10000).put("bytesServed", 100000), first);
        assertEquals("edge-2", lines.get(0).getJsonArray("tiers").getJsonObject(1).getString("edge"));
        assertEquals("shield", lines.get(0).getJsonObject("shield").getString("edge"));
        assertEquals(new JsonObject().put("segmentAnswers", 10).put("distinctSegments", 5), lines.get(0).getJsonObject("origin"));
        // Cumulative: the last line carries the totals, over the short interval since the line before it.
        JsonObject last = lines.get(3);
        assertEquals(350L, last.getJsonArray("tiers").getJsonObject(0).getLong("requests"));
        assertEquals(1_016_200L, last.getLong("t"));
        assertEquals(1200L, last.getLong("intervalMs"));
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).getJsonArray("tiers").getJsonObject(0).getLong("requests")
                    >= lines.get(i - 1).getJsonArray("tiers").getJsonObject(0).getLong("requests"));
        }
        assertFalse(Files.exists(events.file()), "no publisher event without a reconnect");
    }

    @Test
    void withoutEdgesTiersAreEmptyAndShieldAbsent(@TempDir Path dir) throws Exception {
        FakeCounters counters = new FakeCounters(false);
        counters.requests.set(40);
        EdgeTimeline timeline = new EdgeTimeline(counters, 5000, dir, new RunEvents(dir), () -> 7L);
        timeline.close();
        JsonObject line = lines(dir.resolve("edge/timeline.jsonl")).get(0);
        assertTrue(line.getJsonArray("tiers").isEmpty());
        assertFalse(line.containsKey("shield"));
        assertEquals(4L, line.getJsonObject("origin").getLong("segmentAnswers"));
    }

    @Test
    void aPublishAfterTheFirstIsAPublisherReconnectEvent(@TempDir Path dir) throws Exception {
        FakeCounters counters = new FakeCounters(false);
        RunEvents events = new RunEvents(dir);
        events.append(5L, "stream-live", "pipeline", "live");
        EdgeTimeline timeline = new EdgeTimeline(counters, 5000, dir, events, () -> 42L);
        counters.publishes.set(3);
        timeline.sample();
        timeline.close();
        List<JsonObject> lines = lines(events.file());
        assertEquals(3, lines.size());
        assertEquals("stream-live", lines.get(0).getString("type"));
        assertEquals(new JsonObject().put("t", 42).put("type", "publisher-reconnect").put("source", "pipeline")
                .put("detail", "the synthetic publisher published again (publish 2)"), lines.get(1));
        assertEquals("publisher-reconnect", lines.get(2).getString("type"));
    }

    @Test
    void theThreadSamplesOnItsOwn(@TempDir Path dir) throws Exception {
        FakeCounters counters = new FakeCounters(true);
        EdgeTimeline timeline = new EdgeTimeline(counters, 50, dir, new RunEvents(dir), System::currentTimeMillis).start();
        Thread.sleep(400);
        timeline.close();
        assertTrue(lines(dir.resolve("edge/timeline.jsonl")).size() >= 3);
    }
}
