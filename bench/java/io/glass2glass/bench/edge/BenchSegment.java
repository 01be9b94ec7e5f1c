package io.glass2glass.bench.edge;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects of the edge benchmark: {@code /live/bench/seg/{n}.m4s}, a body of pseudo-random bytes
 * that depend only on the segment number and the size, so that a client can check what any proxy
 * handed it without asking the origin again.
 */
public final class BenchSegment {

    /** The default object size: a 200 KB segment (about 1 s of a 1.6 Mb/s rendition). */
    public static final int DEFAULT_SIZE = 200 * 1024;

    private static final Pattern PATH = Pattern.compile("/live/bench/seg/([0-9]{1,18})\\.m4s");

    private BenchSegment() {}

    /** The path of segment {@code number}, in the URL layout every origin and edge shares. */
    public static String path(long number) {
        return "/live/bench/seg/" + number + ".m4s";
    }

    /** The segment number of a benchmark path, or -1 when {@code path} is not one. */
    public static long number(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The body of segment {@code number}: {@code size} bytes, the same on every call. */
    public static byte[] body(long number, int size) {
        byte[] body = new byte[size];
        new SplittableRandom(number * 0x9E3779B97F4A7C15L + size).nextBytes(body);
        return body;
    }

    /** A strong validator (RFC 9110 §8.8.3) naming the segment and its size. */
    public static String etag(long number, int size) {
        return "\"bench-" + number + "-" + size + "\"";
    }
}
