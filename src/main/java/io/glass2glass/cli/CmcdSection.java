package io.glass2glass.cli;

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
        long requests = 0;
        long malformed = 0;
        long sessions = 0;
        long startup = 0;
        long starved = 0;
        long low = 0;
        JsonObject byType = new JsonObject();
        double[] bitrate = new double[2];
        double[] buffer = new double[2];
        double[] throughput = new double[2];
        for (EdgeCache e : edges) {
            JsonObject s = e.cmcd().snapshot();
            requests += s.getLong("requests");
            malformed += s.getLong("malformed");
            sessions += s.getLong("sessions");
            startup += s.getLong("startupRequests");
            starved += s.getLong("bufferStarvationReports");
            low += s.getLong("lowBufferRequests");
            s.getJsonObject("byObjectType").forEach(t -> byType.put(t.getKey(), byType.getLong(t.getKey(), 0L) + (Long) t.getValue()));
            long media = s.getJsonObject("byObjectType").getLong("v") + s.getJsonObject("byObjectType").getLong("av");
            weigh(bitrate, s.getDouble("videoBitrateKbpsMean"), media);
            weigh(buffer, s.getDouble("bufferLengthMsMean"), media + s.getJsonObject("byObjectType").getLong("a"));
            weigh(throughput, s.getDouble("measuredThroughputKbpsMean"), s.getLong("requests"));
        }
        if (requests == 0 && malformed == 0) {
            return Optional.empty();
        }
        // A player in several edges' logs counts once per edge: across edges, sessions is an upper bound.
        JsonObject edge = new JsonObject().put("requests", requests).put("malformed", malformed).put("byObjectType", byType)
                .put("sessions", sessions).put("startupRequests", startup).put("bufferStarvationReports", starved)
                .put("lowBufferRequests", low);
        mean(edge, "videoBitrateKbpsMean", bitrate);
        mean(edge, "bufferLengthMsMean", buffer);
        mean(edge, "measuredThroughputKbpsMean", throughput);
        JsonObject players = new JsonObject().put("joined", summary.players().joined());
        RunSummary.Distribution stalls = summary.qoe().rebufferCount();
        players.put("stalls", Math.round(stalls.mean() * stalls.count()));
        if (summary.qoe().avgBitrateKbps().count() > 0) {
            players.put("avgBitrateKbpsMean", summary.qoe().avgBitrateKbps().mean());
        }
        return Optional.of(new JsonObject().put("edge", edge).put("players", players));
    }

    private static void weigh(double[] acc, Double mean, long n) {
        if (mean != null && n > 0) {
            acc[0] += mean * n;
            acc[1] += n;
        }
    }

    private static void mean(JsonObject j, String key, double[] acc) {
        if (acc[1] > 0) {
            j.put(key, acc[0] / acc[1]);
        }
    }
}
