package io.glass2glass.calibrate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One cell of the calibration matrix: a real player and the model over the same link, with the goals of
 * issue 14 checked on the medians of their viewers.
 *
 * <p>The goals: start-up within 10 % or 150 ms, whichever is larger; live latency within 10 %; the same
 * number of stalls; the same rendition settled on; switch counts within a factor of 1.5. Counts this small
 * make a factor meaningless near zero (0 against 1 is "infinitely" off), so a difference of one switch is
 * also accepted.
 */
public record CalibrationCase(RealPlayer player, String version, String link, String model, List<ViewerResult> real,
        List<ViewerResult> modelled) {

    /** The medians of one side. */
    public record Side(int viewers, int started, double startupMillis, double latencyMillis, double stalls, double switches,
            int startHeight, int endHeight, List<String> errors, double clientStartMillis) {}

    public Side realSide() {
        return side(real);
    }

    public Side modelSide() {
        return side(modelled);
    }

    private static Side side(List<ViewerResult> viewers) {
        List<ViewerResult> started = viewers.stream().filter(ViewerResult::started).toList();
        List<String> errors = viewers.stream().filter(v -> v.error() != null).map(ViewerResult::error).distinct().toList();
        return new Side(viewers.size(), started.size(), median(started, v -> v.startupMillis()),
                median(started.stream().filter(v -> !Double.isNaN(v.latencyMillis())).toList(), ViewerResult::latencyMillis),
                median(started, v -> v.stalls()), median(started, v -> v.switches()), mode(started, true), mode(started, false), errors,
                median(started.stream().filter(v -> v.clientStartMillis() >= 0).toList(), v -> v.clientStartMillis()));
    }

    static double median(List<ViewerResult> viewers, ToDoubleFunction<ViewerResult> f) {
        return median(viewers.stream().mapToDouble(f).toArray());
    }

    /** The median of {@code values}; NaN when there are none. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The height most viewers started (or ended) on; ties to the higher. */
    private static int mode(List<ViewerResult> viewers, boolean start) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (ViewerResult v : viewers) {
            counts.merge(start ? v.startHeight() : v.endHeight(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
    }

    /** The goals this case misses, in words; empty when it meets them all. */
    public List<String> misses() {
        Side r = realSide();
        Side m = modelSide();
        List<String> out = new ArrayList<>();
        if (r.started() == 0 || m.started() == 0) {
            out.add(r.started() == 0 ? "the real player never started" : "the model never started");
            return out;
        }
        double startupTolerance = Math.max(0.10 * r.startupMillis(), 150);
        if (Math.abs(m.startupMillis() - r.startupMillis()) > startupTolerance) {
            out.add("start-up");
        }
        if (!Double.isNaN(r.latencyMillis()) && (Double.isNaN(m.latencyMillis())
                || Math.abs(m.latencyMillis() - r.latencyMillis()) > 0.10 * r.latencyMillis())) {
            out.add("latency");
        }
        if (Math.round(r.stalls()) != Math.round(m.stalls())) {
            out.add("stalls");
        }
        if (r.endHeight() != m.endHeight()) {
            out.add("rendition");
        }
        double lo = Math.min(r.switches(), m.switches());
        double hi = Math.max(r.switches(), m.switches());
        if (hi - lo > 1 && hi > 1.5 * lo) {
            out.add("switches");
        }
        return out;
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject().put("player", player.id()).put("version", version).put("link", link).put("model", model)
                .put("misses", new JsonArray(misses()));
        j.put("real", sideJson(realSide(), real)).put("modelled", sideJson(modelSide(), modelled));
        return j;
    }

    private static JsonObject sideJson(Side s, List<ViewerResult> viewers) {
        JsonObject j = new JsonObject().put("viewers", s.viewers()).put("started", s.started()).put("startHeight", s.startHeight())
                .put("endHeight", s.endHeight()).put("errors", new JsonArray(s.errors()));
        putNumber(j, "startupMsP50", s.startupMillis());
        putNumber(j, "liveLatencyMsP50", s.latencyMillis());
        putNumber(j, "stallsP50", s.stalls());
        putNumber(j, "switchesP50", s.switches());
        putNumber(j, "clientStartMsP50", s.clientStartMillis());
        JsonArray each = new JsonArray();
        viewers.forEach(v -> each.add(v.toJson()));
        return j.put("each", each);
    }

    private static void putNumber(JsonObject j, String key, double v) {
        if (!Double.isNaN(v)) {
            j.put(key, v);
        }
    }

    /** Relative difference of the model from the real player, as people read it: "+12 %". */
    static String relative(double real, double model) {
        if (Double.isNaN(real) || Double.isNaN(model) || real == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.0f %%", 100 * (model - real) / real);
    }

    @Override
    public String toString() {
        return player.id() + " on " + link + " " + Arrays.toString(misses().toArray());
    }
}
