package io.glass2glass.qoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoeSummary.Distribution;
import io.glass2glass.qoe.QoeSummary.LowTail;
import io.glass2glass.qoe.QoeSummary.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

class QoeRecordersTest {

    private final QoeRecorders recorders = new QoeRecorders();

    @Test
    void percentilesOfOneToHundredAreExact() {
        for (int i = 1; i <= 100; i++) {
            recorders.recordLiveLatency(i);
        }

        Distribution latency = recorders.summary().liveLatencyMs();

        assertEquals(100, latency.count());
        assertEquals(50, latency.p50());
        assertEquals(95, latency.p95());
        assertEquals(99, latency.p99());
        assertEquals(100, latency.max());
        assertEquals(50.5, latency.mean(), 1e-9);
    }

    @Test
    void averageBitrateOfOneToHundredHasAnExactLowTail() {
        for (int kbps = 1; kbps <= 100; kbps++) {
            recorders.recordPlayer(started("p" + kbps, 500, 0, 0, 10_000, kbps, 0));
        }

        Distribution bitrate = recorders.summary().avgBitrateKbps();

        assertEquals(Optional.of(new LowTail(1, 1, 5, 10)), bitrate.lowTail());
        assertEquals(50, bitrate.p50());
        assertEquals(100, bitrate.max());
    }

    @Test
    void lowTailOfAFractionKeepsThreeSignificantDigits() {
        DoubleHistogram histogram = new DoubleHistogram(3);
        for (int i = 1; i <= 100; i++) {
            histogram.recordValue(i / 100.0);
        }

        LowTail low = Distribution.of(histogram, true).lowTail().orElseThrow();

        assertEquals(0.01, low.min(), 0.01 * 1e-3);
        assertEquals(0.01, low.p1(), 0.01 * 1e-3);
        assertEquals(0.05, low.p5(), 0.05 * 1e-3);
        assertEquals(0.10, low.p10(), 0.10 * 1e-3);
    }

    @Test
    void higherIsBetterMetricWithoutValuesHasAZeroLowTail() {
        assertEquals(Optional.of(LowTail.EMPTY), recorders.summary().avgBitrateKbps().lowTail());
    }

    @Test
    void onlyAverageBitrateIsHigherIsBetter() {
        assertEquals(Set.of(QoeRecorders.AVG_BITRATE_KBPS), QoeRecorders.HIGHER_IS_BETTER);
        for (QoeMetric metric : recorders.metrics()) {
            assertEquals(metric.name().equals(QoeRecorders.AVG_BITRATE_KBPS), metric.higherIsBetter(), metric.name());
        }
    }

    @Test
    void lowerIsBetterMetricsHaveNoLowTail() {
        recorders.recordPlayer(started("a", 800, 2, 1_000, 20_000, 2_800, 1));
        recorders.recordLiveLatency(4_000);
        recorders.recordRequest(ObjectKind.SEGMENT, 200, 40, 1_000, 5);

        QoeSummary summary = recorders.summary();

        for (Distribution d : List.of(summary.startupMs(), summary.rebufferCount(), summary.rebufferMs(),
                summary.rebufferRatio(), summary.switches(), summary.liveLatencyMs(), summary.lateSegments(),
                summary.scheduleSkewMs(), summary.requests().get(ObjectKind.SEGMENT).latencyMs(),
                summary.requests().get(ObjectKind.SEGMENT).latencyCorrectedMs())) {
            assertEquals(Optional.empty(), d.lowTail(), d.toString());
        }
        assertTrue(summary.avgBitrateKbps().lowTail().isPresent());
    }

    @Test
    void largeValuesKeepThreeSignificantDigits() {
        for (long ms = 1_000; ms <= 3_600_000; ms += 1_000) {
            recorders.recordLiveLatency(ms);
        }

        Distribution latency = recorders.summary().liveLatencyMs();

        assertEquals(1_800_000, latency.p50(), 1_800_000 * 1e-3);
        assertEquals(3_564_000, latency.p99(), 3_564_000 * 1e-3);
        assertEquals(3_600_000, latency.max(), 3_600_000 * 1e-3);
    }

    @Test
    void perPlayerMetricsComeFromStartedPlayersOnly() {
        recorders.recordPlayer(started("a", 800, 2, 1_000, 20_000, 2_800, 1));
        recorders.recordPlayer(started("b", 1_200, 0, 0, 20_000, 1_400, 3));
        recorders.recordPlayer(new PlayerQoe("c", "3g", "throughput", false, true, false, -1, 0, 0, 0, 0, 0,
                Map.of(), 2, 2));

        QoeSummary summary = recorders.summary();

        assertEquals(new QoeSummary.Players(0, 2, 1, 0), summary.players());
        assertEquals(2, summary.startupMs().count());
        assertEquals(800, summary.startupMs().p50());
        assertEquals(1_200, summary.startupMs().max());
        assertEquals(2, summary.avgBitrateKbps().count());
        assertEquals(2_800, summary.avgBitrateKbps().max(), 2_800 * 1e-3);
        assertEquals(3, summary.switches().max());
        assertEquals(3, summary.lateSegments().count(), "every player that downloaded a segment");
        assertEquals(4, summary.lateSegmentsTotal());
        assertEquals(32, summary.segmentsDownloaded());
    }

    @Test
    void joinedPlayersAreCountedWhenTheyStart() {
        recorders.playerStarted();
        recorders.playerStarted();
        recorders.recordPlayer(new PlayerQoe("x", "wifi", "bola", true, false, true, 500, 0, 0, 3_000, 800, 0,
                Map.of(), 0, 2));

        QoeSummary.Players players = recorders.summary().players();

        assertEquals(2, players.joined());
        assertEquals(1, players.started());
        assertEquals(1, players.playbackFailed());
    }

    @Test
    void rebufferRatioIsRecordedPerPlayerAndAggregatedOverAllWatchTime() {
        recorders.recordPlayer(started("short", 500, 1, 1_000, 10_000, 1_400, 0));
        recorders.recordPlayer(started("long", 500, 0, 0, 90_000, 1_400, 0));

        QoeSummary summary = recorders.summary();

        assertEquals(0, summary.rebufferRatio().p50(), 1e-4, "the median player never stalled");
        assertEquals(0.1, summary.rebufferRatio().max(), 0.1 * 1e-3, "the short session stalled 10% of the time");
        assertEquals(1_000, summary.stallMillis());
        assertEquals(100_000, summary.watchMillis());
        assertEquals(0.01, summary.rebufferRatioAggregate(), 1e-12, "1 s stalled over 100 s watched");
        assertEquals(1, summary.rebufferCount().max());
        assertEquals(1_000, summary.rebufferMs().max());
    }

    @Test
    void aggregateRebufferRatioIsZeroWhenNothingWasWatched() {
        assertEquals(0, recorders.summary().rebufferRatioAggregate());
    }

    @Test
    void lateRequestIsRecordedFromItsIntendedStartInTheCorrectedHistogram() {
        recorders.recordRequest(ObjectKind.SEGMENT, 200, 10, 500_000, 200);

        Requests segments = recorders.summary().requests().get(ObjectKind.SEGMENT);

        assertEquals(10, segments.latencyMs().max(), "measured latency");
        assertEquals(10, segments.latencyMs().p50());
        assertEquals(210, segments.latencyCorrectedMs().max(), "latency + skew");
        assertEquals(210, segments.latencyCorrectedMs().p50());
        assertEquals(200, recorders.summary().scheduleSkewMs().max());
    }

    @Test
    void onTimeRequestHasTheSameRawAndCorrectedLatency() {
        recorders.recordRequest(ObjectKind.MEDIA_PLAYLIST, 200, 35, 900, -5);

        Requests playlists = recorders.summary().requests().get(ObjectKind.MEDIA_PLAYLIST);

        assertEquals(35, playlists.latencyMs().max());
        assertEquals(35, playlists.latencyCorrectedMs().max());
        assertEquals(0, recorders.summary().scheduleSkewMs().max(), "an early request is not late");
    }

    @Test
    void requestErrorsAreConnectionFailuresAndStatusesFrom400() {
        recorders.recordRequest(ObjectKind.SEGMENT, 200, 20, 1_000, 0);
        recorders.recordRequest(ObjectKind.SEGMENT, 304, 20, 0, 0);
        recorders.recordRequest(ObjectKind.SEGMENT, 404, 5, 50, 0);
        recorders.recordRequest(ObjectKind.SEGMENT, 503, 5, 50, 0);
        recorders.recordRequest(ObjectKind.SEGMENT, 0, 10_000, 0, 0);
        recorders.recordRequest(ObjectKind.INIT, 200, 3, 700, 0);

        Map<ObjectKind, Requests> requests = recorders.summary().requests();

        assertEquals(5, requests.get(ObjectKind.SEGMENT).count());
        assertEquals(3, requests.get(ObjectKind.SEGMENT).errors());
        assertEquals(1_100, requests.get(ObjectKind.SEGMENT).bytes());
        assertEquals(1, requests.get(ObjectKind.INIT).count());
        assertEquals(0, requests.get(ObjectKind.MPD).count(), "every kind is present");
        assertEquals(ObjectKind.PLAYER_REQUESTS.size(), requests.size());
    }

    @Test
    void onlyWhatAPlayerRequestsIsRecorded() {
        QoeRecorders recorders = new QoeRecorders();

        assertThrows(IllegalArgumentException.class, () -> recorders.recordRequest(ObjectKind.ERROR, 404, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> recorders.recordRequest(ObjectKind.OTHER, 200, 1, 0, 0));
        assertEquals(ObjectKind.PLAYER_REQUESTS, List.copyOf(recorders.summary().requests().keySet()));
    }

    @Test
    void timeAtRenditionIsSummedOverPlayers() {
        recorders.recordPlayer(withRenditions("a", Map.of("720p", 30_000L, "480p", 10_000L)));
        recorders.recordPlayer(withRenditions("b", Map.of("720p", 5_000L, "360p", 1_000L)));

        assertEquals(Map.of("720p", 35_000L, "480p", 10_000L, "360p", 1_000L),
                recorders.summary().millisPerRendition());
    }

    @Test
    void metricNamesCoverEveryQoeMetricAndEveryRequestKind() {
        List<String> names = recorders.metricNames();

        assertEquals(9 + 2 * ObjectKind.PLAYER_REQUESTS.size(), names.size());
        assertEquals(List.of("startupMs", "rebufferCount", "rebufferMs", "rebufferRatio", "avgBitrateKbps",
                "switches", "liveLatencyMs", "lateSegments", "scheduleSkewMs"), names.subList(0, 9));
        assertEquals(true, names.contains("requestLatencyMs.segment"));
        assertEquals(true, names.contains("requestLatencyCorrectedMs.media_playlist"));
    }

    @Test
    void concurrentRecordingFromSeveralThreadsLosesNothing() throws Exception {
        int threads = 8;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        recorders.recordRequest(ObjectKind.SEGMENT, i % 100 == 0 ? 503 : 200, 1 + i % 500, 10,
                                i % 7);
                        recorders.recordLiveLatency(2_000 + i % 3_000);
                        if (i % 1_000 == 0) {
                            recorders.playerStarted();
                            recorders.recordPlayer(withRenditions("p" + thread + "-" + i, Map.of("720p", 100L)));
                        }
                    }
                    return null;
                }));
            }
            // Summaries taken while players record must not lose or double-count anything either.
            Future<?> reader = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 50; i++) {
                    recorders.summary();
                }
                return null;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        QoeSummary summary = recorders.summary();
        long total = (long) threads * perThread;
        Requests segments = summary.requests().get(ObjectKind.SEGMENT);
        assertEquals(total, segments.count());
        assertEquals(total / 100, segments.errors());
        assertEquals(total * 10, segments.bytes());
        assertEquals(total, segments.latencyMs().count());
        assertEquals(total, segments.latencyCorrectedMs().count());
        assertEquals(total, summary.scheduleSkewMs().count());
        assertEquals(total, summary.liveLatencyMs().count());
        long players = (long) threads * (perThread / 1_000);
        assertEquals(players, summary.players().joined());
        assertEquals(players, summary.startupMs().count());
        assertEquals(Map.of("720p", players * 100), summary.millisPerRendition());
    }

    private static PlayerQoe started(String id, long startupMillis, int rebuffers, long rebufferMillis,
            long watchMillis, double kbps, int switches) {
        return new PlayerQoe(id, "4g", "throughput", true, false, false, startupMillis, rebuffers, rebufferMillis,
                watchMillis, kbps, switches, Map.of(), 1, 15);
    }

    private static PlayerQoe withRenditions(String id, Map<String, Long> millisPerRendition) {
        long watched = millisPerRendition.values().stream().mapToLong(Long::longValue).sum();
        return new PlayerQoe(id, "wifi", "throughput", true, false, false, 700, 0, 0, watched, 2_000, 0,
                millisPerRendition, 0, 5);
    }
}
