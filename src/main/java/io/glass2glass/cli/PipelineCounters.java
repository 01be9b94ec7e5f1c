package io.glass2glass.cli;

import io.glass2glass.edge.EdgeCache;
import io.glass2glass.edge.EdgeStats;
import io.glass2glass.pipeline.LivePipeline;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** What {@link EdgeTimeline} reads each interval: cumulative counters of the edges, the shield, the origin and the publisher. */
interface PipelineCounters {

    Snapshot snapshot();

    /** Cumulative counters of one caching tier (one edge/timeline.jsonl tier object). */
    record Tier(String edge, long requests, long servedFromCache, long originRequests, long originBytes, long bytesServed) {

        static Tier of(EdgeStats s) {
            EdgeStats.ClassStats t = s.total();
            return new Tier(s.edge(), t.requests(), t.servedFromCache(), t.originRequests(), t.originBytes(), t.bytesServed());
        }

        JsonObject toJson() {
            return new JsonObject().put("edge", edge).put("requests", requests).put("servedFromCache", servedFromCache)
                    .put("originRequests", originRequests).put("originBytes", originBytes).put("bytesServed", bytesServed);
        }
    }

    /** @param publishes times the synthetic publisher has published (0 without one) */
    record Snapshot(List<Tier> tiers, Optional<Tier> shield, long segmentAnswers, long distinctSegments, long publishes) {}

    /** The running pipeline's counters. */
    static PipelineCounters of(LivePipeline pipeline) {
        return () -> new Snapshot(pipeline.edges().stream().map(EdgeCache::stats).map(Tier::of).toList(),
                pipeline.shield().map(s -> Tier.of(s.stats())), pipeline.origin().metrics().segmentAnswers(),
                pipeline.origin().metrics().distinctSegments(), pipeline.publisher() == null ? 0 : pipeline.publisher().publishes());
    }
}
