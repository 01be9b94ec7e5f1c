package io.glass2glass.calibrate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What one viewer lived through in a calibration case, measured the same way for a real player and
 * for the model.
 *
 * @param startupMillis    from "play" to the first frame playing; -1 when it never started
 * @param latencyMillis    live latency, median of the once-a-second samples (wall clock minus the program time playing); NaN when none
 * @param stalls           stalls after the start
 * @param stallMillis      their total length
 * @param switches         rendition changes as rendered (the picture's size changed)
 * @param startHeight      height of the first rendition rendered (0: none)
 * @param endHeight        height of the rendition rendered at the end (0: none)
 * @param error            why it failed, or null
 * @param clientStartMillis a real player's time from its last response before the first frame to that frame; -1 for the model
 * @param requests         a real player's requests before its first frame (Resource Timing: path, start, end, bytes)
 * @param startClues       what a real player chose its start rendition from: {@code navigator.connection.downlink} and
 *                         its own bandwidth estimate at the first frame
 */
public record ViewerResult(long startupMillis, double latencyMillis, int stalls, long stallMillis, int switches, int startHeight,
        int endHeight, String error, long clientStartMillis, JsonArray requests, JsonObject startClues) {

    public ViewerResult(long startupMillis, double latencyMillis, int stalls, long stallMillis, int switches, int startHeight,
            int endHeight, String error, long clientStartMillis) {
        this(startupMillis, latencyMillis, stalls, stallMillis, switches, startHeight, endHeight, error, clientStartMillis, new JsonArray(),
                new JsonObject());
    }

    public boolean started() {
        return startupMillis >= 0;
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject().put("startupMs", startupMillis).put("stalls", stalls).put("stallMs", stallMillis)
                .put("switches", switches).put("startHeight", startHeight).put("endHeight", endHeight);
        if (clientStartMillis >= 0) {
            j.put("clientStartMs", clientStartMillis);
        }
        if (!Double.isNaN(latencyMillis)) {
            j.put("liveLatencyMs", latencyMillis);
        }
        if (error != null) {
            j.put("error", error);
        }
        if (!startClues.isEmpty()) {
            j.put("startClues", startClues);
        }
        if (!requests.isEmpty()) {
            j.put("requestsBeforeFirstFrame", requests);
        }
        return j;
    }
}
