package io.glass2glass.bench.edge;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's {@code wrk} (closed-loop HTTP/1.1 load, keep-alive connections) and reads its summary. */
public final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTALS =
            Pattern.compile("(?m)^\\s*([0-9]+) requests in ([0-9.]+)(us|ms|s|m|h), ([0-9.]+)(B|KB|MB|GB|TB) read");
    private static final Pattern LATENCY_P99 = Pattern.compile("(?m)^\\s*99%\\s+([0-9.]+)(us|ms|s|m|h)");
    private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("(?m)^\\s*Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");
    private static final List<String> BYTE_UNITS = List.of("B", "KB", "MB", "GB", "TB");

    private Wrk() {}

    /**
     * One wrk run's figures.
     *
     * @param bytesPerResponse bytes read per response, headers included (wrk rounds its total to two decimals of its unit)
     * @param errors non-2xx/3xx responses plus socket errors
     */
    public record Result(double requestsPerSecond, long requests, double bytesPerResponse, double latencyP99Millis,
            long errors, String output) {

        /** What wrk read per second, headers included, in MB/s (10^6 bytes). */
        public double megabytesPerSecond() {
            return requestsPerSecond * bytesPerResponse / 1e6;
        }
    }

    /** {@code wrk -t threads -c connections -d seconds --latency url}, parsed. */
    public static Result run(URI url, int threads, int connections, int seconds) throws IOException, InterruptedException {
        List<String> command =
                List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", url.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = process.waitFor();
        Matcher rps = REQUESTS_PER_SECOND.matcher(output);
        Matcher totals = TOTALS.matcher(output);
        Matcher p99 = LATENCY_P99.matcher(output);
        if (rc != 0 || !rps.find() || !totals.find() || !p99.find()) {
            throw new IOException("wrk exited " + rc + " with output I cannot read: " + command + "\n" + output);
        }
        long requests = Long.parseLong(totals.group(1));
        double bytes = Double.parseDouble(totals.group(4)) * Math.pow(1024, BYTE_UNITS.indexOf(totals.group(5)));
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(Double.parseDouble(rps.group(1)), requests, requests == 0 ? 0 : bytes / requests,
                millis(Double.parseDouble(p99.group(1)), p99.group(2)), errors, output);
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%.0f req/s, %.0f MB/s, p99 %.2f ms, %d errors", r.requestsPerSecond(),
                r.megabytesPerSecond(), r.latencyP99Millis(), r.errors());
    }
}
