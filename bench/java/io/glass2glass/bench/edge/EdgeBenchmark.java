package io.glass2glass.bench.edge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Edge benchmark: two caching proxies in front of the same {@link BenchOrigin} (our edge first, the
 * reference, nginx's {@code proxy_cache}, second), measured alternately in one invocation:
 *
 * <ol>
 *   <li><b>cached throughput</b>: one warmed 200 KB segment under {@code wrk} (closed loop,
 *       keep-alive), requests/s;
 *   <li><b>herd</b>: {@link Herd} of 1,000 simultaneous requests for a segment never requested
 *       before, the origin requests it caused (read from the origin's counts) and the p99 latency
 *       to the last byte (the complete segment a player needs), and to the first byte.
 * </ol>
 *
 * <p>Each proxy first gets an unrecorded wrk run and herd, so that neither a cold JIT nor cold
 * pools are measured. Prints every run, a table per proxy with medians, and the two ratios of the
 * issue: throughput first/second (goal &ge; 1.0) and herd p99 to the last byte first/second (goal
 * &le; 0.5), plus the first-byte ratio for information. Exits 1 when a measurement is not valid
 * (a wrong body, an error status, a wrk error).
 */
@Command(name = "edge-benchmark", mixinStandardHelpOptions = true,
        description = "Compare two caching proxies in front of one BenchOrigin: cached throughput (wrk) and a herd.")
public final class EdgeBenchmark implements Callable<Integer> {

    /** Warm-up herds use this plus the proxy's number (1, 2), recorded herds numbers from FIRST_HERD_SEGMENT on. */
    private static final long WARMUP_HERD_SEGMENT = 100;
    /** Far from the throughput objects (1, 2) and the warm-up herds, so that each recorded herd's object is new. */
    private static final long FIRST_HERD_SEGMENT = 1000;
    private static final Duration HERD_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--origin", required = true, description = "The BenchOrigin, for its counts: http://127.0.0.1:PORT.")
    URI origin;

    @Option(names = "--proxy", required = true, paramLabel = "NAME=URL",
            description = "Twice: ours, then the reference, as NAME=http://127.0.0.1:PORT (both in front of --origin).")
    List<String> proxies;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per proxy (medians reported). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--herd", defaultValue = "1000", description = "Simultaneous requests per herd. Default: ${DEFAULT-VALUE}.")
    int herd;

    @Option(names = "--size", defaultValue = "" + BenchSegment.DEFAULT_SIZE,
            description = "The origin's segment size in bytes. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--wrk-threads", defaultValue = "2", description = "wrk -t. Default: ${DEFAULT-VALUE}.")
    int wrkThreads;

    @Option(names = "--wrk-connections", defaultValue = "64", description = "wrk -c. Default: ${DEFAULT-VALUE}.")
    int wrkConnections;

    @Option(names = "--wrk-seconds", defaultValue = "10", description = "wrk -d, in seconds. Default: ${DEFAULT-VALUE}.")
    int wrkSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "Per proxy first, unrecorded: a wrk run this long and a herd (JIT, pools, page cache). "
                    + "Default: ${DEFAULT-VALUE}.")
    int warmupSeconds;

    private record Proxy(String name, URI base, long throughputSegment, List<Wrk.Result> throughput, List<HerdRun> herds) {}

    private record HerdRun(long originRequests, Herd.Result result) {}

    private record Answer(int status, String xCache, Buffer body) {}

    private Vertx vertx;
    private HttpClientAgent control;
    private boolean valid = true;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EdgeBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (proxies.size() != 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--proxy: give exactly two, ours first");
        }
        List<Proxy> measured = new ArrayList<>();
        for (String spec : proxies) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--proxy wants NAME=URL, not " + spec);
            }
            measured.add(new Proxy(spec.substring(0, eq), URI.create(spec.substring(eq + 1)), measured.size() + 1,
                    new ArrayList<>(), new ArrayList<>()));
        }
        vertx = Vertx.vertx();
        control = vertx.createHttpClient();
        try {
            System.out.printf(Locale.ROOT, "edge benchmark: %d B segments from %s; wrk -t%d -c%d -d%ds; herds of %d; "
                    + "%d runs, alternating%n", size, origin, wrkThreads, wrkConnections, wrkSeconds, herd, runs);
            for (Proxy proxy : measured) {
                warm(proxy);
            }
            long herdSegment = FIRST_HERD_SEGMENT;
            for (int run = 1; run <= runs; run++) {
                // Alternate who goes first, so that neither always runs on a machine just heated by the other.
                List<Proxy> order = new ArrayList<>(measured);
                if (run % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Proxy proxy : order) {
                    measureThroughput(run, proxy);
                    measureHerd(run, proxy, herdSegment++);
                }
            }
            report(measured);
            return valid ? 0 : 1;
        } finally {
            vertx.close().await();
        }
    }

    /**
     * Fills the proxy's cache with its throughput object and checks the second answer; then, unrecorded,
     * runs wrk once and a herd once, so that neither the proxy nor this JVM is measured cold.
     */
    private void warm(Proxy proxy) throws IOException, InterruptedException {
        String path = BenchSegment.path(proxy.throughputSegment());
        byte[] expected = BenchSegment.body(proxy.throughputSegment(), size);
        Answer first = get(proxy.base(), path);
        Answer second = get(proxy.base(), path);
        for (Answer a : List.of(first, second)) {
            if (a.status() != 200 || !Arrays.equals(a.body().getBytes(), expected)) {
                throw new IllegalStateException(proxy.name() + " answered " + path + " with status " + a.status()
                        + " and " + a.body().length() + " bytes, not the " + expected.length + " expected");
            }
        }
        System.out.printf(Locale.ROOT, "%-12s warm %s: X-Cache %s then %s, origin requests %d%n", proxy.name(), path,
                first.xCache(), second.xCache(), originCount(path));
        if (warmupSeconds > 0) {
            System.out.printf(Locale.ROOT, "%-12s warm-up wrk %d s (not recorded): %s%n", proxy.name(), warmupSeconds,
                    Wrk.describe(wrk(proxy, warmupSeconds)));
            System.out.printf(Locale.ROOT, "%-12s warm-up herd (not recorded): %s%n", proxy.name(),
                    Herd.describe(herd(proxy, WARMUP_HERD_SEGMENT + proxy.throughputSegment())));
        }
    }

    private void measureThroughput(int run, Proxy proxy) throws IOException, InterruptedException {
        Wrk.Result result = wrk(proxy, wrkSeconds);
        proxy.throughput().add(result);
        if (result.errors() > 0 || result.bytesPerResponse() < size) {
            valid = false;
            System.out.println(result.output());
        }
        System.out.printf(Locale.ROOT, "run %d  %-12s wrk   %s%n", run, proxy.name(), Wrk.describe(result));
    }

    private void measureHerd(int run, Proxy proxy, long segment) throws InterruptedException {
        Herd.Result result = herd(proxy, segment);
        String path = BenchSegment.path(segment);
        long originRequests = originCount(path);
        proxy.herds().add(new HerdRun(originRequests, result));
        if (result.failed() > 0) {
            valid = false;
        }
        System.out.printf(Locale.ROOT, "run %d  %-12s herd  %s: origin requests %d; %s%n", run, proxy.name(), path,
                originRequests, Herd.describe(result));
    }

    private Wrk.Result wrk(Proxy proxy, int seconds) throws IOException, InterruptedException {
        URI url = proxy.base().resolve(BenchSegment.path(proxy.throughputSegment()));
        return Wrk.run(url, wrkThreads, wrkConnections, seconds);
    }

    private Herd.Result herd(Proxy proxy, long segment) throws InterruptedException {
        URI base = proxy.base();
        return Herd.run(vertx, base.getHost(), base.getPort(), BenchSegment.path(segment), herd,
                BenchSegment.body(segment, size), HERD_TIMEOUT);
    }

    private void report(List<Proxy> measured) {
        System.out.println();
        for (Proxy proxy : measured) {
            System.out.printf(Locale.ROOT, "%s (%s)%n", proxy.name(), proxy.base());
            System.out.printf(Locale.ROOT, "  %-7s %10s %9s %11s %7s | %11s %11s %11s %9s %15s %7s%n", "run", "req/s", "MB/s",
                    "wrk p99 ms", "errors", "origin reqs", "herd p50 ms", "herd p99 ms", "max ms", "1st byte p99 ms", "failed");
            for (int i = 0; i < runs; i++) {
                Wrk.Result w = proxy.throughput().get(i);
                Herd.Result h = proxy.herds().get(i).result();
                row(Integer.toString(i + 1), w.requestsPerSecond(), w.megabytesPerSecond(), w.latencyP99Millis(), w.errors(),
                        proxy.herds().get(i).originRequests(), h.lastByteMillis(50), h.lastByteMillis(99), h.maxMillis(),
                        h.firstByteMillis(99), h.failed());
            }
            row("median", requestsPerSecond(proxy), median(proxy.throughput(), Wrk.Result::megabytesPerSecond),
                    median(proxy.throughput(), Wrk.Result::latencyP99Millis),
                    proxy.throughput().stream().mapToLong(Wrk.Result::errors).sum(),
                    originRequests(proxy), median(proxy.herds(), h -> h.result().lastByteMillis(50)), herdP99(proxy),
                    median(proxy.herds(), h -> h.result().maxMillis()), firstByteP99(proxy),
                    proxy.herds().stream().mapToInt(h -> h.result().failed()).sum());
        }
        Proxy ours = measured.get(0);
        Proxy reference = measured.get(1);
        String pair = ours.name() + "/" + reference.name();
        double throughputRatio = requestsPerSecond(ours) / requestsPerSecond(reference);
        double herdRatio = herdP99(ours) / herdP99(reference);
        double firstByteRatio = firstByteP99(ours) / firstByteP99(reference);
        System.out.println();
        System.out.printf(Locale.ROOT, "cached throughput (requests/s)     %s: %.3f (goal >= 1.0: %s)%n", pair,
                throughputRatio, throughputRatio >= 1.0 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "herd p99 latency to the last byte  %s: %.3f (goal <= 0.5: %s)%n", pair,
                herdRatio, herdRatio <= 0.5 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "herd p99 latency to the first byte %s: %.3f (no goal: how early waiters get bytes)%n",
                pair, firstByteRatio);
        for (Proxy proxy : measured) {
            long max = proxy.herds().stream().mapToLong(HerdRun::originRequests).max().orElse(0);
            System.out.printf(Locale.ROOT, "origin requests per herd of %d, %s: median %d, max %d (goal 1: %s)%n", herd,
                    proxy.name(), originRequests(proxy), max, max == 1 ? "met" : "NOT met");
        }
        if (!valid) {
            System.out.println("some measurements are not valid (errors or wrong bodies above)");
        }
    }

    private static void row(String label, double rps, double mbps, double wrkP99, long errors, long originRequests,
            double p50, double p99, double max, double firstByteP99, long failed) {
        System.out.printf(Locale.ROOT, "  %-7s %,10.0f %,9.0f %11.2f %7d | %11d %11.1f %11.1f %9.1f %15.1f %7d%n",
                label, rps, mbps, wrkP99, errors, originRequests, p50, p99, max, firstByteP99, failed);
    }

    private static double requestsPerSecond(Proxy proxy) {
        return median(proxy.throughput(), Wrk.Result::requestsPerSecond);
    }

    private static long originRequests(Proxy proxy) {
        return Math.round(median(proxy.herds(), HerdRun::originRequests));
    }

    private static double herdP99(Proxy proxy) {
        return median(proxy.herds(), h -> h.result().lastByteMillis(99));
    }

    private static double firstByteP99(Proxy proxy) {
        return median(proxy.herds(), h -> h.result().firstByteMillis(99));
    }

    private static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private Answer get(URI base, String path) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(path);
        return control.request(options)
                .compose(HttpClientRequest::send)
                .compose(response -> response.body()
                        .map(body -> new Answer(response.statusCode(), response.getHeader("X-Cache"), body)))
                .await();
    }

    /** Requests the origin received for {@code path}, from its {@code /counts}. */
    private long originCount(String path) {
        Answer counts = get(origin, BenchOrigin.COUNTS);
        if (counts.status() != 200) {
            throw new IllegalStateException("origin answered /counts with status " + counts.status());
        }
        return new JsonObject(counts.body()).getLong(path, 0L);
    }
}
