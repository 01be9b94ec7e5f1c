package io.glass2glass.packager.origin;

import io.glass2glass.metrics.MetricsSource;
import io.glass2glass.metrics.PrometheusText;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters of one origin, shared by every event loop that serves it.
 *
 * <p>Deploy several {@link Origin} instances with one {@code OriginMetrics} to count them together.
 */
public final class OriginMetrics implements MetricsSource {

    private record RequestKey(RequestKind kind, int status) {}

    private static final Comparator<RequestKey> ORDER =
            Comparator.comparingInt((RequestKey key) -> RequestKind.ALL.indexOf(key.kind()))
                    .thenComparingInt(RequestKey::status);

    private final ConcurrentHashMap<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    /** Filled once in {@link RequestKind#ALL} order, then only read: safe to share between event loops. */
    private final Map<RequestKind, LongAdder> bodyBytes = new LinkedHashMap<>();
    /** Distinct segment objects served, for origin requests per segment; bounded, live windows are small. */
    private final java.util.Set<String> segmentsServed = ConcurrentHashMap.newKeySet();
    private final LongAdder segmentAnswers = new LongAdder();
    private final LongAdder faultResponses = new LongAdder();
    private static final int MAX_TRACKED_SEGMENTS = 1_000_000;

    public OriginMetrics() {
        for (RequestKind kind : RequestKind.ALL) {
            bodyBytes.put(kind, new LongAdder());
        }
    }

    /** Counts one answered request and the body bytes it carried (none for HEAD). */
    public void record(RequestKind kind, int status, long bytes) {
        requests.computeIfAbsent(new RequestKey(kind, status), k -> new LongAdder()).increment();
        bodyBytes.get(kind).add(bytes);
    }

    /** Counts one segment served with 200, by its store key. */
    public void segmentServed(String key) {
        segmentAnswers.increment();
        if (segmentsServed.size() < MAX_TRACKED_SEGMENTS) {
            segmentsServed.add(key);
        }
    }

    /** Counts one request answered 503 by a scripted origin-errors fault (it is counted by kind and status too). */
    public void faultResponse() {
        faultResponses.increment();
    }

    /** Requests answered 503 by a scripted origin-errors fault. */
    public long faultResponses() {
        return faultResponses.sum();
    }

    /** Body bytes answered so far, every kind: the origin's egress. */
    public long responseBytes() {
        long sum = 0;
        for (LongAdder b : bodyBytes.values()) {
            sum += b.sum();
        }
        return sum;
    }

    /** Segment requests answered with 200. */
    public long segmentAnswers() {
        return segmentAnswers.sum();
    }

    /** Distinct segment objects answered with 200. */
    public long distinctSegments() {
        return segmentsServed.size();
    }

    /** Requests answered so far with this kind and status. */
    public long requests(RequestKind kind, int status) {
        LongAdder count = requests.get(new RequestKey(kind, status));
        return count == null ? 0 : count.sum();
    }

    @Override
    public void writePrometheus(PrometheusText out) {
        out.family("g2g_origin_requests_total", "counter", "HTTP requests answered by the origin, by request kind and status.");
        requests.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(ORDER))
                .forEach(e -> out.sample("g2g_origin_requests_total",
                        labels(e.getKey()), e.getValue().sum()));
        out.family("g2g_origin_response_bytes_total", "counter", "Response body bytes sent by the origin, by request kind.");
        bodyBytes.forEach((kind, bytes) -> out.sample("g2g_origin_response_bytes_total", Map.of("kind", kind.label()), bytes.sum()));
        out.family("g2g_origin_fault_responses_total", "counter", "Requests answered 503 by a scripted origin-errors fault.");
        out.sample("g2g_origin_fault_responses_total", Map.of(), faultResponses.sum());
    }

    private static Map<String, String> labels(RequestKey key) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kind", key.kind().label());
        labels.put("status", Integer.toString(key.status()));
        return labels;
    }
}
