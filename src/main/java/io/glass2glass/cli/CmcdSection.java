package io.glass2glass.cli;

import io.glass2glass.edge.CmcdTally;
import io.glass2glass.edge.EdgeCache;
import io.glass2glass.report.RunSummary;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The summary's {@code cmcd} section: what the edges learnt from the players' Common Media Client Data
 * (CTA-5004), summed over the edge tier, next to what the players lived through, so a reader sees what a
 * CDN's CMCD dashboard would have told them and how far it is from the truth.
 */
final class CmcdSection {

    static final String NAME = "cmcd";

    private CmcdSection() {}

    /** The section, or empty when no edge saw a CMCD request. */
    static Optional<JsonObject> of(List<EdgeCache> edges, RunSummary summary) {
        JsonObject edge = CmcdTally.snapshot(edges.stream().map(EdgeCache::cmcd).toList());
        if (edge.getLong("requests") == 0 && edge.getLong("malformed") == 0) {
            return Optional.empty();
        }
        JsonObject players = new JsonObject().put("joined", summary.players().joined());
        RunSummary.Distribution stalls = summary.qoe().rebufferCount();
        players.put("stalls", Math.round(stalls.mean() * stalls.count()));
        if (summary.qoe().avgBitrateKbps().count() > 0) {
            players.put("avgBitrateKbpsMean", summary.qoe().avgBitrateKbps().mean());
        }
        return Optional.of(new JsonObject().put("edge", edge).put("players", players));
    }
}
