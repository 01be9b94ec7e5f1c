package io.glass2glass.bench.ingest;

import io.glass2glass.rtmp.client.RtmpPublisher;
import io.glass2glass.rtmp.flv.FlvFileReader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The publisher side of the ingest benchmark (bench/ingest.sh): N lightweight RTMP publishers in
 * this one JVM, on one Vert.x instance's event loops ({@link RtmpPublisher}), each replaying a
 * recorded FLV in a loop paced in real time with timestamps that keep growing across loops, into
 * one RTMP server running in its own process (ours or the peer). It measures, over a fixed window
 * after a warm-up:
 *
 * <ul>
 *   <li>the server's CPU time (utime + stime of the process and its children, /proc) as % of one core;
 *   <li>its memory (Pss, Rss) at the end minus the same before the first publisher, and for a JVM the
 *       live heap after a full GC (jcmd), taken after the CPU window so that it does not count;
 *   <li>whether each stream keeps producing segments in real time: its HLS media playlist polled
 *       every few seconds, the least-squares slope of published media seconds over wall seconds
 *       (a stream is behind below 0.95);
 *   <li>publishers refused or dropped, and how late the replay sent its tags (the harness's own honesty).
 * </ul>
 *
 * <p>One run, one server, one publisher count: the figures go to stdout and as one JSON line to
 * {@code --results}, which {@link IngestReport} turns into the table with medians and ratios.
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true,
        description = "Replay a recorded FLV from N RTMP publishers into one server and measure its CPU, memory and segment production.")
public final class IngestBenchmark implements Callable<Integer> {

    /** A stream keeps up when it publishes at least this many media seconds per wall second. */
    static final double REAL_TIME_THRESHOLD = 0.95;

    @Option(names = "--server", required = true, description = "Name of the server under test, e.g. glass2glass or nginx-rtmp.")
    String server;

    @Option(names = "--server-pid", required = true, description = "Its process id (children, such as nginx workers, are included).")
    long serverPid;

    @Option(names = "--rtmp", required = true, description = "RTMP application URL, e.g. rtmp://127.0.0.1:1935/live; the stream key is appended.")
    String rtmp;

    @Option(names = "--playlist", required = true,
            description = "HLS media playlist URL of a stream, {key} standing for its key, e.g. http://127.0.0.1:8080/live/{key}/source/media.m3u8.")
    String playlist;

    @Option(names = "--flv", required = true, description = "The recorded FLV every publisher replays.")
    Path flv;

    @Option(names = "--publishers", required = true, description = "Concurrent publishers.")
    int publishers;

    @Option(names = "--duration", defaultValue = "60", description = "Measurement window, seconds. Default: ${DEFAULT-VALUE}.")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "20", description = "Seconds between the last publisher starting and the window. Default: ${DEFAULT-VALUE}.")
    int warmupSeconds;

    @Option(names = "--connect-rate", defaultValue = "50", description = "Publishers started per second. Default: ${DEFAULT-VALUE}.")
    int connectRate;

    @Option(names = "--poll-interval", defaultValue = "3", description = "Seconds between two polls of every playlist. Default: ${DEFAULT-VALUE}.")
    int pollSeconds;

    @Option(names = "--jvm-heap", description = "Also measure the server's live heap after a full GC with jcmd (a JVM server).")
    boolean jvmHeap;

    @Option(names = "--segments-dir", description = "Where the server writes its segments, if on disk: their bytes are reported.")
    Path segmentsDir;

    @Option(names = "--run", defaultValue = "1", description = "Run number, for the results. Default: ${DEFAULT-VALUE}.")
    int run;

    @Option(names = "--results", description = "File the run's figures are appended to as one JSON line.")
    Path results;

    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile boolean measuring;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FlvClip clip = FlvClip.load(flv);
        List<Long> serverPids = ProcessFigures.tree(serverPid);
        long idlePss = ProcessFigures.memoryBytes(serverPids, "Pss");
        long idleRss = ProcessFigures.memoryBytes(serverPids, "Rss");
        log("%s: %d publishers replaying %s (%.0f kb/s, %.1f s loop), server pid %d %s, Pss before %.0f MB",
                server, publishers, flv.getFileName(), clip.bitsPerSecond() / 1000, clip.loopMillis() / 1000.0, serverPid,
                serverPids, idlePss / 1e6);

        Vertx vertx = Vertx.vertx();
        NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(30_000));
        List<ReplayLoop> loops = new CopyOnWriteArrayList<>();
        int loopCount = Math.max(1, 2 * Runtime.getRuntime().availableProcessors());
        await(vertx.deployVerticle(() -> {
            ReplayLoop l = new ReplayLoop(clip);
            loops.add(l);
            return l;
        }, new DeploymentOptions().setInstances(loopCount)));

        List<Replay> replays = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int i = 0; i < publishers; i++) {
            Replay r = new Replay(String.format(Locale.ROOT, "bench%04d", i));
            replays.add(r);
            ReplayLoop loop = loops.get(i % loops.size());
            loop.context().runOnContext(v -> start(vertx, client, loop, r));
            long next = connectStart + (long) ((i + 1) * 1e9 / connectRate);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (replays.stream().anyMatch(r -> !r.started && !r.failed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int publishing = (int) replays.stream().filter(r -> r.started).count();
        log("%d of %d publishing after %.1f s (%d refused: %s); warming up %d s", publishing, publishers,
                (System.nanoTime() - connectStart) / 1e9, failed.get(), failures.values().stream().distinct().limit(3).toList(), warmupSeconds);
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));

        // The window.
        Map<String, SegmentClock> clocks = new ConcurrentHashMap<>();
        replays.forEach(r -> clocks.put(r.key, new SegmentClock()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long bytes0 = replays.stream().mapToLong(Replay::bytesSent).sum();
        long self = ProcessHandle.current().pid();
        double selfCpu0 = ProcessFigures.cpuSeconds(List.of(self));
        double cpu0 = ProcessFigures.cpuSeconds(serverPids);
        long t0 = System.nanoTime();
        measuring = true;
        long end = t0 + TimeUnit.SECONDS.toNanos(durationSeconds);
        while (System.nanoTime() < end) {
            long roundStart = System.nanoTime();
            pollAll(http, replays, clocks, t0);
            long sleep = TimeUnit.SECONDS.toNanos(pollSeconds) - (System.nanoTime() - roundStart);
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(sleep, Math.max(0, end - System.nanoTime())));
            }
        }
        pollAll(http, replays, clocks, t0);
        measuring = false;
        double cpu1 = ProcessFigures.cpuSeconds(serverPids);
        double selfCpu1 = ProcessFigures.cpuSeconds(List.of(self));
        double window = (System.nanoTime() - t0) / 1e9;
        long bytes1 = replays.stream().mapToLong(Replay::bytesSent).sum();
        long pss = ProcessFigures.memoryBytes(serverPids, "Pss");
        long rss = ProcessFigures.memoryBytes(serverPids, "Rss");
        long heapLive = jvmHeap ? liveHeapBytes(serverPid) : -1;
        long segmentBytes = segmentsDir == null ? -1 : directoryBytes(segmentsDir);

        int dropped = (int) replays.stream().filter(r -> r.dropped).count();
        List<Double> ratios = new ArrayList<>();
        int behind = 0;
        double worstLag = 0;
        for (Replay r : replays) {
            SegmentClock c = clocks.get(r.key);
            double ratio = c.realTimeRatio();
            ratios.add(Double.isNaN(ratio) ? 0 : ratio);
            if (Double.isNaN(ratio) || ratio < REAL_TIME_THRESHOLD || !r.started) {
                behind++;
            }
            if (!Double.isNaN(c.lagGrowthSeconds())) {
                worstLag = Math.max(worstLag, c.lagGrowthSeconds());
            }
        }
        ratios.sort(null);
        Histogram late = new Histogram(3);
        for (ReplayLoop l : loops) {
            late.add(l.lateness());
        }
        int sustained = (int) replays.stream()
                .filter(r -> r.started && !r.dropped && clocks.get(r.key).realTimeRatio() >= REAL_TIME_THRESHOLD).count();
        JsonObject figures = new JsonObject()
                .put("server", server)
                .put("publishers", publishers)
                .put("run", run)
                .put("windowSeconds", round(window, 1))
                .put("publishing", publishing)
                .put("refused", failed.get())
                .put("dropped", dropped)
                .put("behind", behind)
                .put("sustained", sustained)
                .put("realTimeRatioMin", round(ratios.get(0), 3))
                .put("realTimeRatioMedian", round(ratios.get(ratios.size() / 2), 3))
                .put("worstLagGrowthSeconds", round(worstLag, 1))
                .put("cpuPercentOfCore", round(100 * (cpu1 - cpu0) / window, 1))
                .put("cpuPercentPerPublisher", round(100 * (cpu1 - cpu0) / window / Math.max(1, publishing), 3))
                .put("pssMB", round(pss / 1e6, 1))
                .put("pssIdleMB", round(idlePss / 1e6, 1))
                .put("rssMB", round(rss / 1e6, 1))
                .put("rssIdleMB", round(idleRss / 1e6, 1))
                .put("mbPerPublisher", round((pss - idlePss) / 1e6 / Math.max(1, publishing), 2))
                .put("heapLiveMB", heapLive < 0 ? null : round(heapLive / 1e6, 1))
                .put("segmentsOnDiskMB", segmentBytes < 0 ? null : round(segmentBytes / 1e6, 1))
                .put("sendKbpsPerPublisher", round((bytes1 - bytes0) * 8 / window / 1000 / Math.max(1, publishing), 0))
                .put("replayLateP99Ms", round(late.getValueAtPercentile(99) / 1000.0, 1))
                .put("replayLateMaxMs", round(late.getMaxValue() / 1000.0, 1))
                .put("publisherCpuPercentOfCore", round(100 * (selfCpu1 - selfCpu0) / window, 1));
        log("%s", figures.encode());
        if (results != null) {
            Files.writeString(results, figures.encode() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        stopping = true;
        List<Future<Void>> closes = new ArrayList<>();
        for (Replay r : replays) {
            if (r.publisher != null) {
                closes.add(r.publisher.close());
            }
        }
        try {
            Future.join(closes).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log("closing publishers: %s", e);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return 0;
    }

    private void start(Vertx vertx, NetClient client, ReplayLoop loop, Replay r) {
        RtmpPublisher.Options options = RtmpPublisher.Options.defaults().withTimeout(Duration.ofSeconds(30))
                .withWriteQueueMaxBytes(1 << 20);
        RtmpPublisher.publish(vertx, client, URI.create(rtmp + "/" + r.key), options).onComplete(ar -> {
            if (ar.failed()) {
                r.failed = true;
                failed.incrementAndGet();
                failures.put(r.key, String.valueOf(ar.cause().getMessage()));
                return;
            }
            RtmpPublisher p = ar.result();
            r.publisher = p;
            p.closeHandler(v -> {
                if (!stopping) {
                    r.dropped = true;
                    failures.put(r.key, "dropped: " + p.closeReason());
                }
            });
            p.sendMetadata(Map.of("videocodecid", 7, "audiocodecid", 10, "encoder", "glass2glass ingest benchmark"));
            for (FlvFileReader.Tag h : loop.clip.headers()) {
                send(p, h, 0);
            }
            r.startNanos = System.nanoTime();
            r.started = true;
            loop.replays.add(r);
        });
    }

    private static void send(RtmpPublisher p, FlvFileReader.Tag tag, long timestamp) {
        if (tag.type() == FlvFileReader.VIDEO) {
            p.sendVideo(timestamp, tag.body());
        } else {
            p.sendAudio(timestamp, tag.body());
        }
    }

    private void pollAll(HttpClient http, List<Replay> replays, Map<String, SegmentClock> clocks, long t0) throws InterruptedException {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Replay r : replays) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(playlist.replace("{key}", r.key))).timeout(Duration.ofSeconds(10)).build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                inFlight.release();
                double at = (System.nanoTime() - t0) / 1e9;
                SegmentClock c = clocks.get(r.key);
                synchronized (c) {
                    c.poll(at, error == null && response.statusCode() == 200 ? response.body() : null);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Live heap after a full collection: {@code jcmd PID GC.run}, then the "used" figure of {@code GC.heap_info}. */
    private static long liveHeapBytes(long pid) throws IOException, InterruptedException {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException gone) {
                    return 0; // deleted by the server's own clean-up meanwhile
                }
            }).sum();
        }
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void log(String format, Object... args) {
        System.out.println("ingest-benchmark: " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** One publisher's replay position; touched only on its loop's context once started. */
    private static final class Replay {
        final String key;
        volatile RtmpPublisher publisher;
        volatile boolean started;
        volatile boolean failed;
        volatile boolean dropped;
        long startNanos;
        /** Next media tag, and how many times the clip has been played. */
        int index;
        long loop;

        Replay(String key) {
            this.key = key;
        }

        long bytesSent() {
            RtmpPublisher p = publisher;
            return p == null ? 0 : p.bytesSent();
        }
    }

    /**
     * One event loop's publishers, driven by one periodic timer on that loop (not one per
     * publisher): every tick sends each publisher's tags that are due, unless its write queue is
     * full (the server is not reading: the replay falls behind, which the lateness shows).
     */
    private final class ReplayLoop extends VerticleBase {
        private static final long TICK_MILLIS = 10;
        final FlvClip clip;
        final List<Replay> replays = new ArrayList<>();
        private final Histogram lateness = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);

        ReplayLoop(FlvClip clip) {
            this.clip = clip;
        }

        io.vertx.core.Context context() {
            return context;
        }

        @Override
        public Future<?> start() {
            vertx.setPeriodic(TICK_MILLIS, id -> tick());
            return Future.succeededFuture();
        }

        private void tick() {
            long now = System.nanoTime();
            List<FlvFileReader.Tag> media = clip.media();
            for (Replay r : replays) {
                RtmpPublisher p = r.publisher;
                if (r.dropped || stopping || p == null || !p.isPublishing()) {
                    continue;
                }
                while (!p.writeQueueFull()) {
                    FlvFileReader.Tag tag = media.get(r.index);
                    long timestamp = r.loop * clip.loopMillis() + tag.timestampMillis();
                    long due = r.startNanos + TimeUnit.MILLISECONDS.toNanos(timestamp);
                    if (due > now) {
                        break;
                    }
                    send(p, tag, timestamp);
                    if (measuring) {
                        lateness.recordValue(Math.min(lateness.getHighestTrackableValue(), (now - due) / 1000));
                    }
                    if (++r.index == media.size()) {
                        r.index = 0;
                        r.loop++;
                    }
                }
            }
        }

        /** A copy of the lateness histogram, read once the window has closed. */
        Histogram lateness() {
            CompletableFuture<Histogram> copy = new CompletableFuture<>();
            context.runOnContext(v -> copy.complete(lateness.copy()));
            return copy.join();
        }
    }
}
