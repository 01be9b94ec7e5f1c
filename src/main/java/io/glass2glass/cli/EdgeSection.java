package io.glass2glass.cli;

import io.glass2glass.edge.EdgeCache;
import io.glass2glass.edge.EdgeStats;
import io.glass2glass.media.ObjectKind;
import io.glass2glass.pipeline.LivePipeline;
import io.glass2glass.report.RunSummary;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code edge} section of a run's summary, from the running pipeline's edges and origin: each
 * tier's counters, the request-weighted hit ratio of the player-facing edges, and origin segment
 * requests per distinct segment served.
 */
final class EdgeSection {

    private EdgeSection() {}

    static RunSummary.Edge of(LivePipeline pipeline) {
        List<EdgeStats> stats = pipeline.edges().stream().map(EdgeCache::stats).toList();
        long requests = 0;
        double hitWeighted = 0;
        for (EdgeStats s : stats) {
            long r = s.total().requests();
            requests += r;
            hitWeighted += s.hitRatio() * r;
        }
        long distinct = pipeline.origin().metrics().distinctSegments();
        long answers = pipeline.origin().metrics().segmentAnswers();
        return new RunSummary.Edge(pipeline.edgeProfile().orElse(null), stats.size(), requests == 0 ? 0.0 : hitWeighted / requests,
                distinct == 0 ? 0.0 : (double) answers / distinct, answers, distinct,
                stats.stream().map(EdgeSection::tier).toList(), pipeline.shield().map(s -> tier(s.stats())));
    }

    static RunSummary.EdgeTier tier(EdgeStats s) {
        Map<ObjectKind, RunSummary.CacheCounters> classes = new EnumMap<>(ObjectKind.class);
        s.byClass().forEach((kind, c) -> classes.put(kind, counters(c)));
        return new RunSummary.EdgeTier(s.edge(), s.profile(), s.storedBytes(), s.storedObjects(), s.hitRatio(), counters(s.total()), classes);
    }

    private static RunSummary.CacheCounters counters(EdgeStats.ClassStats c) {
        return new RunSummary.CacheCounters(c.requests(), c.hits(), c.misses(), c.collapsed(), c.staleServed(), c.revalidations(),
                c.passes(), c.evictions(), c.originRequests(), c.originBytes(), c.bytesServed(), c.distinctKeys());
    }
}
