package io.glass2glass.bench.ingest;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ingest benchmark's table: the JSON lines {@link IngestBenchmark} appended, one row per
 * publisher count and server with the median of each figure over the runs, then the ratios
 * ours/peer for CPU and memory per publisher (lower is better for ours) and the goal's verdict.
 * Besides Pss, "heap/pub" is our live heap after a full GC per publisher (the stored segments
 * included) and "disk/pub" nginx's HLS files per publisher (its segments, outside its Pss).
 *
 * <p>Usage: {@code IngestReport RESULTS.jsonl OURS PEER GOAL_PUBLISHERS}.
 */
public final class IngestReport {

    private IngestReport() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        String ours = args[1];
        String peer = args[2];
        int goal = Integer.parseInt(args[3]);
        Map<Integer, Map<String, List<JsonObject>>> byCount = new TreeMap<>();
        for (String line : Files.readAllLines(results)) {
            if (!line.isBlank()) {
                JsonObject o = new JsonObject(line);
                byCount.computeIfAbsent(o.getInteger("publishers"), n -> new LinkedHashMap<>())
                        .computeIfAbsent(o.getString("server"), s -> new ArrayList<>()).add(o);
            }
        }
        System.out.printf(Locale.ROOT, "%-6s %-12s %4s %9s %7s %6s %8s %10s %9s %10s %8s %8s %8s %9s %9s %9s%n",
                "pubs", "server", "runs", "sustained", "dropped", "behind", "rt-min", "cpu%core", "cpu%/pub", "Pss MB", "MB/pub",
                "heap/pub", "disk/pub", "kb/s/pub", "late p99", "pub cpu%");
        List<String> ratios = new ArrayList<>();
        boolean goalMet = false;
        for (var entry : byCount.entrySet()) {
            int n = entry.getKey();
            Map<String, Double> cpuPer = new LinkedHashMap<>();
            Map<String, Double> mbPer = new LinkedHashMap<>();
            Map<String, Double> heldPer = new LinkedHashMap<>();
            for (var s : entry.getValue().entrySet()) {
                List<JsonObject> runs = s.getValue();
                double sustained = median(runs, "sustained");
                System.out.printf(Locale.ROOT, "%-6d %-12s %4d %9.0f %7.0f %6.0f %8.3f %10.1f %9.3f %10.0f %8.2f %8s %8s %9.0f %9.1f %9.1f%n",
                        n, s.getKey(), runs.size(), sustained, median(runs, "dropped"), median(runs, "behind"),
                        median(runs, "realTimeRatioMin"), median(runs, "cpuPercentOfCore"), median(runs, "cpuPercentPerPublisher"),
                        median(runs, "pssMB"), median(runs, "mbPerPublisher"), perPublisher(runs, "heapLiveMB", n),
                        perPublisher(runs, "segmentsOnDiskMB", n),
                        median(runs, "sendKbpsPerPublisher"), median(runs, "replayLateP99Ms"), median(runs, "publisherCpuPercentOfCore"));
                cpuPer.put(s.getKey(), median(runs, "cpuPercentPerPublisher"));
                mbPer.put(s.getKey(), median(runs, "mbPerPublisher"));
                // Segments included: our live heap holds them, nginx's files do.
                double heap = median(runs, "heapLiveMB");
                double disk = median(runs, "segmentsOnDiskMB");
                heldPer.put(s.getKey(), !Double.isNaN(heap) ? heap / n
                        : median(runs, "mbPerPublisher") + (Double.isNaN(disk) ? 0 : disk / n));
                if (s.getKey().equals(ours) && n >= goal && sustained >= n) {
                    goalMet = true;
                }
            }
            if (cpuPer.containsKey(ours) && cpuPer.containsKey(peer)) {
                ratios.add(String.format(Locale.ROOT, "%-6d cpu per publisher %.2f   memory per publisher (Pss) %.2f"
                        + "   with segments (our live heap vs nginx Pss + files) %.2f",
                        n, cpuPer.get(ours) / cpuPer.get(peer), mbPer.get(ours) / mbPer.get(peer), heldPer.get(ours) / heldPer.get(peer)));
            }
        }
        System.out.println();
        System.out.println("ratios " + ours + "/" + peer + " (medians; below 1 means " + ours + " uses less):");
        ratios.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "goal: %d concurrent publishers sustained by %s: %s%n", goal, ours, goalMet ? "met" : "NOT met");
    }

    private static double median(List<JsonObject> runs, String field) {
        List<Double> values = new ArrayList<>();
        for (JsonObject o : runs) {
            Number v = o.getNumber(field);
            if (v != null) {
                values.add(v.doubleValue());
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(null);
        int m = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(m) : (values.get(m - 1) + values.get(m)) / 2;
    }

    /** A total divided by the publisher count, or "-" when the server has no such figure. */
    private static String perPublisher(List<JsonObject> runs, String field, int publishers) {
        double m = median(runs, field);
        return Double.isNaN(m) ? "-" : String.format(Locale.ROOT, "%.2f", m / publishers);
    }

}
