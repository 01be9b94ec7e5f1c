package io.glass2glass.qoe;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoeSummary.Players;
import io.glass2glass.qoe.QoeSummary.Requests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The QoE recorders of one run: every simulated player reports into one instance, concurrently and
 * without locks (HdrHistogram {@code Recorder}/{@code DoubleRecorder} per metric, {@link LongAdder}
 * counters), and {@link QoeLog} takes their interval histograms into {@code .hlog} files.
 *
 * <p>Metrics, each an interval log {@code {name}.hlog}; values in milliseconds unless said:
 * <table>
 *   <caption>QoE metrics</caption>
 *   <tr><th>name</th><th>one value per</th><th>what</th></tr>
 *   <tr><td>{@value #STARTUP_MS}</td><td>started player</td><td>video start time (CTA-2066)</td></tr>
 *   <tr><td>{@value #REBUFFER_COUNT}</td><td>started player</td><td>stalls after start-up</td></tr>
 *   <tr><td>{@value #REBUFFER_MS}</td><td>started player</td><td>time stalled after start-up</td></tr>
 *   <tr><td>{@value #REBUFFER_RATIO}</td><td>started player</td><td>stalled / watched, a fraction</td></tr>
 *   <tr><td>{@value #AVG_BITRATE_KBPS}</td><td>started player</td><td>time-weighted average bitrate, kb/s</td></tr>
 *   <tr><td>{@value #SWITCHES}</td><td>started player</td><td>rendition switches</td></tr>
 *   <tr><td>{@value #LIVE_LATENCY_MS}</td><td>sample while playing</td><td>live latency</td></tr>
 *   <tr><td>{@value #LATE_SEGMENTS}</td><td>player that downloaded a segment</td>
 *       <td>segments downloaded slower than real time</td></tr>
 *   <tr><td>{@value #SCHEDULE_SKEW_MS}</td><td>request</td><td>how late the request was sent</td></tr>
 *   <tr><td>{@code requestLatencyMs.{kind}}</td><td>request</td><td>request latency</td></tr>
 *   <tr><td>{@code requestLatencyCorrectedMs.{kind}}</td><td>request</td>
 *       <td>request latency from its intended start</td></tr>
 * </table>
 *
 * <h2>Coordinated omission</h2>
 * A player is a closed loop: it sends its next request only when the previous one has finished and
 * its timers fire. When the system under test (or the load generator itself) slows down, the
 * player falls behind its own schedule and sends fewer requests exactly while things are slow, so
 * a histogram of measured latencies quietly omits the waiting a real viewer would have sat through
 * — Gil Tene's "coordinated omission". Each request therefore also reports its schedule skew (how
 * long after its intended start it was actually sent), and its latency is recorded twice: as
 * measured into {@code requestLatencyMs.{kind}}, and from the intended start ({@code latency +
 * skew}) into {@code requestLatencyCorrectedMs.{kind}}. The player knows each request's intended
 * start, so this is exact, rather than the synthesised samples of
 * {@code recordValueWithExpectedInterval}. A large gap between the two histograms, or a large
 * {@value #SCHEDULE_SKEW_MS}, means the measured latencies understate what viewers experienced.
 *
 * <h2>Which way is better</h2>
 * For most metrics less is better (start-up time, rebuffering, switches, latency, late segments,
 * skew), so their upper percentiles are the viewers who fared worst. For {@link #HIGHER_IS_BETTER}
 * ones (CTA-2066 average bitrate) the worst viewers are at the bottom, so their summaries also carry
 * the low tail ({@link QoeSummary.LowTail}: min, p1, p5, p10).
 */
public final class QoeRecorders {

    public static final String STARTUP_MS = "startupMs";
    public static final String REBUFFER_COUNT = "rebufferCount";
    public static final String REBUFFER_MS = "rebufferMs";
    public static final String REBUFFER_RATIO = "rebufferRatio";
    public static final String AVG_BITRATE_KBPS = "avgBitrateKbps";
    public static final String SWITCHES = "switches";
    public static final String LIVE_LATENCY_MS = "liveLatencyMs";
    public static final String LATE_SEGMENTS = "lateSegments";
    public static final String SCHEDULE_SKEW_MS = "scheduleSkewMs";

    /**
     * The metrics where more is better: their distributions carry a low tail. Every other metric,
     * the request latencies included, is lower-is-better.
     */
    public static final Set<String> HIGHER_IS_BETTER = Set.of(AVG_BITRATE_KBPS);

    private final QoeMetric.Longs startupMs = longs(STARTUP_MS,
            "video start time per started player (CTA-2066), milliseconds");
    private final QoeMetric.Longs rebufferCount = longs(REBUFFER_COUNT,
            "stalls after start-up per started player (CTA-2066 rebuffering count), count");
    private final QoeMetric.Longs rebufferMs = longs(REBUFFER_MS,
            "time stalled after start-up per started player (CTA-2066 rebuffering duration), milliseconds");
    private final QoeMetric.Doubles rebufferRatio = new QoeMetric.Doubles(REBUFFER_RATIO,
            "stalled over watched time per started player (CTA-2066 rebuffering ratio), fraction");
    private final QoeMetric.Longs avgBitrateKbps = longs(AVG_BITRATE_KBPS,
            "time-weighted average video bitrate per started player (CTA-2066), kb/s");
    private final QoeMetric.Longs switches = longs(SWITCHES,
            "rendition switches per started player (CTA-2066 bitrate switches), count");
    private final QoeMetric.Longs liveLatencyMs = longs(LIVE_LATENCY_MS,
            "live latency samples while playing (CTA-2066 live stream latency), milliseconds");
    private final QoeMetric.Longs lateSegments = longs(LATE_SEGMENTS,
            "segments downloaded slower than real time per player that downloaded any, count");
    private final QoeMetric.Longs scheduleSkewMs = longs(SCHEDULE_SKEW_MS,
            "how long after its intended start each request was sent, milliseconds");

    private final List<QoeMetric> metrics = new ArrayList<>();
    private final Map<ObjectKind, RequestRecorders> requests = new EnumMap<>(ObjectKind.class);

    private final LongAdder playersJoined = new LongAdder();
    private final LongAdder playersStarted = new LongAdder();
    private final LongAdder playersFailedToStart = new LongAdder();
    private final LongAdder playersPlaybackFailed = new LongAdder();
    private final LongAdder stallMillis = new LongAdder();
    private final LongAdder watchMillis = new LongAdder();
    private final LongAdder lateSegmentsTotal = new LongAdder();
    private final LongAdder abandonedSegmentsTotal = new LongAdder();
    private final LongAdder segmentsDownloaded = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> millisPerRendition = new ConcurrentHashMap<>();

    public QoeRecorders() {
        metrics.addAll(List.of(startupMs, rebufferCount, rebufferMs, rebufferRatio, avgBitrateKbps, switches,
                liveLatencyMs, lateSegments, scheduleSkewMs));
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            RequestRecorders recorders = new RequestRecorders(kind);
            requests.put(kind, recorders);
            metrics.add(recorders.latencyMs);
        }
        for (ObjectKind kind : ObjectKind.PLAYER_REQUESTS) {
            metrics.add(requests.get(kind).latencyCorrectedMs);
        }
    }

    /** Whether more is better for the metric of this name (it is one of {@link #HIGHER_IS_BETTER}). */
    public static boolean higherIsBetter(String metric) {
        return HIGHER_IS_BETTER.contains(metric);
    }

    /** The name of the measured request latency metric of one kind, e.g. {@code requestLatencyMs.segment}. */
    public static String requestLatencyMetric(ObjectKind kind) {
        return "requestLatencyMs." + kind.label();
    }

    /** The name of the coordinated-omission corrected latency metric of one kind. */
    public static String requestLatencyCorrectedMetric(ObjectKind kind) {
        return "requestLatencyCorrectedMs." + kind.label();
    }

    /** Counts a player that joined the run (before it has fetched anything). */
    public void playerStarted() {
        playersJoined.increment();
    }

    /** Records the summary of a player whose session has ended, its start-up time included. */
    public void recordPlayer(PlayerQoe q) {
        recordPlayer(q, false);
    }

    /**
     * Records a player's start-up time when it happens (so the interval logs place it in the interval
     * the player started in, not the one it left in); the player's summary then goes to
     * {@link #recordPlayer(PlayerQoe, boolean)} with {@code startupRecorded} true.
     */
    public void recordStartup(long startupMillis) {
        startupMs.record(startupMillis);
    }

    /** Records the summary of a player whose session has ended; its start-up time too unless already recorded. */
    public void recordPlayer(PlayerQoe q, boolean startupRecorded) {
        if (q.started()) {
            playersStarted.increment();
            if (q.startupMillis() >= 0 && !startupRecorded) {
                startupMs.record(q.startupMillis());
            }
            rebufferCount.record(q.rebufferCount());
            rebufferMs.record(q.rebufferMillis());
            rebufferRatio.record(q.rebufferRatio());
            avgBitrateKbps.record(Math.round(q.avgBitrateKbps()));
            switches.record(q.switches());
        }
        if (q.failedToStart()) {
            playersFailedToStart.increment();
        }
        if (q.playbackFailed()) {
            playersPlaybackFailed.increment();
        }
        if (q.segmentsDownloaded() > 0) {
            lateSegments.record(q.lateSegments());
        }
        stallMillis.add(Math.max(0, q.rebufferMillis()));
        watchMillis.add(Math.max(0, q.watchMillis()));
        lateSegmentsTotal.add(q.lateSegments());
        abandonedSegmentsTotal.add(q.abandonedSegments());
        segmentsDownloaded.add(q.segmentsDownloaded());
        q.millisPerRendition().forEach((rendition, millis) -> renditionCounter(rendition).add(millis));
    }

    /** Records one live latency sample of a playing player; a negative one (skewed clocks) counts as zero. */
    public void recordLiveLatency(long millis) {
        liveLatencyMs.record(millis);
    }

    /**
     * Records one finished HTTP request.
     *
     * @param kind               what it was for, one of {@link ObjectKind#PLAYER_REQUESTS}
     * @param status             the HTTP status, {@code 0} for a connection error or timeout
     * @param latencyMillis      from sending the request to the end of the response (or the failure)
     * @param bytes              response bytes received
     * @param scheduleSkewMillis how long after its intended start it was sent; zero or less if on time
     */
    public void recordRequest(ObjectKind kind, int status, long latencyMillis, long bytes, long scheduleSkewMillis) {
        RequestRecorders recorders = requests.get(Objects.requireNonNull(kind, "kind"));
        if (recorders == null) {
            throw new IllegalArgumentException("a player does not request " + kind.label() + " objects");
        }
        long latency = Math.max(0, latencyMillis);
        long skew = Math.max(0, scheduleSkewMillis);
        recorders.count.increment();
        if (status == 0 || status >= 400) {
            recorders.errors.increment();
        }
        recorders.bytes.add(Math.max(0, bytes));
        recorders.latencyMs.record(latency);
        recorders.latencyCorrectedMs.record(latency + skew);
        scheduleSkewMs.record(skew);
    }

    /** Start-up time over the run so far (for a progress line: cheaper than {@link #summary()}). */
    public QoeSummary.Distribution startupSoFar() {
        return startupMs.total();
    }

    /** Every metric's name, in the order the interval logs are written. */
    public List<String> metricNames() {
        return metrics.stream().map(QoeMetric::name).toList();
    }

    /** Summarises the run so far: every value recorded before this call is included. */
    public QoeSummary summary() {
        Map<String, Long> renditions = new HashMap<>();
        millisPerRendition.forEach((rendition, millis) -> renditions.put(rendition, millis.sum()));
        Map<ObjectKind, Requests> byKind = new EnumMap<>(ObjectKind.class);
        requests.forEach((kind, r) -> byKind.put(kind, new Requests(
                r.count.sum(), r.errors.sum(), r.bytes.sum(), r.latencyMs.total(), r.latencyCorrectedMs.total())));
        return new QoeSummary(
                new Players(playersJoined.sum(), playersStarted.sum(), playersFailedToStart.sum(),
                        playersPlaybackFailed.sum()),
                startupMs.total(),
                rebufferCount.total(),
                rebufferMs.total(),
                rebufferRatio.total(),
                avgBitrateKbps.total(),
                switches.total(),
                liveLatencyMs.total(),
                lateSegments.total(),
                scheduleSkewMs.total(),
                stallMillis.sum(),
                watchMillis.sum(),
                lateSegmentsTotal.sum(),
                segmentsDownloaded.sum(),
                abandonedSegmentsTotal.sum(),
                renditions,
                byKind);
    }

    /** The metrics for {@link QoeLog}, in log order. */
    List<QoeMetric> metrics() {
        return Collections.unmodifiableList(metrics);
    }

    private LongAdder renditionCounter(String rendition) {
        LongAdder counter = millisPerRendition.get(rendition);
        return counter != null ? counter : millisPerRendition.computeIfAbsent(rendition, r -> new LongAdder());
    }

    private static QoeMetric.Longs longs(String name, String description) {
        return new QoeMetric.Longs(name, description);
    }

    /** The counters and latency recorders of one request kind. */
    private static final class RequestRecorders {
        final LongAdder count = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final QoeMetric.Longs latencyMs;
        final QoeMetric.Longs latencyCorrectedMs;

        RequestRecorders(ObjectKind kind) {
            latencyMs = new QoeMetric.Longs(requestLatencyMetric(kind),
                    kind.label() + " request latency, from sending to the end of the response, milliseconds");
            latencyCorrectedMs = new QoeMetric.Longs(requestLatencyCorrectedMetric(kind),
                    kind.label() + " request latency from its intended start (latency + schedule skew,"
                            + " corrected for coordinated omission), milliseconds");
        }
    }
}
