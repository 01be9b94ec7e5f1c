package io.glass2glass.packager.origin;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.packager.LivePackager;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an origin request target asks for, parsed strictly before anything is looked up.
 *
 * <p>The grammar is the URL contract of DESIGN.md: {@code /live/{stream}/master.m3u8},
 * {@code /live/{stream}/manifest.mpd}, {@code /live/{stream}/{rendition}/media.m3u8},
 * {@code /live/{stream}/{rendition}/init.mp4}, {@code /live/{stream}/{rendition}/{number}.m4s},
 * {@code /time}, {@code /health} and {@code /metrics}. Targets are matched as sent, without
 * percent-decoding or dot-segment removal (RFC 3986 §5.2.4): a target that would need either is
 * {@link Invalid}, so one resource has exactly one spelling and a name can never leave its stream.
 * A query string is ignored (players append tokens).
 */
public sealed interface OriginPath {

    /** Longest path (query excluded) accepted. */
    int MAX_PATH_LENGTH = 1024;

    /** Most digits of a segment number: any 18-digit decimal fits a {@code long}. */
    int MAX_NUMBER_DIGITS = 18;

    Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    Pattern RENDITION_ID = Pattern.compile("[a-z0-9_-]{1,32}");
    /** A later CMAF header's file name; compiled once, as every segment request is tested against it. */
    Pattern INIT_VERSION = Pattern.compile("init-[1-9][0-9]{0,5}\\.mp4");

    RequestKind kind();

    /** {@code /live/{stream}/master.m3u8} (RFC 8216 §4.4.6). */
    record Multivariant(String stream) implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.of(ObjectKind.MULTIVARIANT);
        }
    }

    /** {@code /live/{stream}/{rendition}/media.m3u8} (RFC 8216 §4.4.3). */
    record MediaPlaylist(String stream, String rendition) implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.of(ObjectKind.MEDIA_PLAYLIST);
        }
    }

    /**
     * {@code /live/{stream}/{rendition}/init.mp4} (or {@code init-{version}.mp4} after a publisher came
     * back with another configuration): the CMAF header (ISO/IEC 23000-19 §7.3.2.1).
     */
    record Init(String stream, String rendition, int version) implements OriginPath {
        Init(String stream, String rendition) {
            this(stream, rendition, 0);
        }

        @Override
        public RequestKind kind() {
            return RequestKind.of(ObjectKind.INIT);
        }

        /** The object key the packager stores it under. */
        public String storeKey() {
            return LivePackager.initKey(stream, rendition, version);
        }
    }

    /** {@code /live/{stream}/{rendition}/{number}.m4s}: one CMAF segment. */
    record Segment(String stream, String rendition, long number) implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.of(ObjectKind.SEGMENT);
        }

        /** The object key the packager stores it under. */
        public String storeKey() {
            return stream + '/' + rendition + '/' + number + ".m4s";
        }
    }

    /** {@code /live/{stream}/manifest.mpd} (ISO/IEC 23009-1, dynamic MPD). */
    record Mpd(String stream) implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.of(ObjectKind.MPD);
        }
    }

    /** {@code /time}: the clock for DASH UTCTiming {@code urn:mpeg:dash:utc:http-iso:2014}. */
    record Time() implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.of(ObjectKind.TIME);
        }
    }

    /** {@code /health}. */
    record Health() implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.Endpoint.HEALTH;
        }
    }

    /** {@code /metrics}. */
    record Metrics() implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.Endpoint.METRICS;
        }
    }

    /** A well-formed path outside the origin's namespace ({@code /}, {@code /favicon.ico}): 404. */
    record NoRoute() implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.Endpoint.INVALID;
        }
    }

    /** A target that breaks the grammar: 400, with the reason to log. */
    record Invalid(String reason) implements OriginPath {
        @Override
        public RequestKind kind() {
            return RequestKind.Endpoint.INVALID;
        }
    }

    /**
     * Parses a request target as sent on the request line: origin-form ({@code /path?query}) or
     * absolute-form ({@code http://host/path?query}, RFC 9112 §3.2.2).
     */
    static OriginPath parse(String target) {
        if (target == null || target.isEmpty()) {
            return new Invalid("empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return new Invalid("control, space or non-ASCII character in request target");
            }
        }
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int authorityStart = lower.indexOf("//") + 2;
            int pathStart = path.indexOf('/', authorityStart);
            path = pathStart < 0 ? "/" : path.substring(pathStart);
        }
        if (!path.startsWith("/")) {
            return new Invalid("request target is not an absolute path");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            return new Invalid("path longer than " + MAX_PATH_LENGTH + " characters");
        }
        if (path.indexOf('%') >= 0) {
            return new Invalid("percent-encoded path");
        }
        if (path.indexOf('\\') >= 0) {
            return new Invalid("backslash in path");
        }
        if (path.contains("//")) {
            return new Invalid("empty path segment");
        }
        if (path.contains("..")) {
            return new Invalid("dot-dot in path");
        }
        List<String> parts = List.of(path.substring(1).split("/", -1));
        if (parts.size() == 1) {
            switch (parts.get(0)) {
                case "time":
                    return new Time();
                case "health":
                    return new Health();
                case "metrics":
                    return new Metrics();
                default:
                    return new NoRoute();
            }
        }
        if (!parts.get(0).equals("live")) {
            return new NoRoute();
        }
        if (parts.size() != 3 && parts.size() != 4) {
            return new Invalid("wrong number of path segments under /live/");
        }
        String stream = parts.get(1);
        if (!STREAM_NAME.matcher(stream).matches()) {
            return new Invalid("stream name is not [A-Za-z0-9_-]{1,64}");
        }
        if (parts.size() == 3) {
            switch (parts.get(2)) {
                case "master.m3u8":
                    return new Multivariant(stream);
                case "manifest.mpd":
                    return new Mpd(stream);
                default:
                    return new Invalid("unknown stream resource");
            }
        }
        String rendition = parts.get(2);
        if (!RENDITION_ID.matcher(rendition).matches()) {
            return new Invalid("rendition id is not [a-z0-9_-]{1,32}");
        }
        String file = parts.get(3);
        switch (file) {
            case "media.m3u8":
                return new MediaPlaylist(stream, rendition);
            case "init.mp4":
                return new Init(stream, rendition);
            default:
                if (INIT_VERSION.matcher(file).matches()) {
                    return new Init(stream, rendition, Integer.parseInt(file.substring(5, file.length() - 4)));
                }
                return file.endsWith(".m4s")
                        ? segment(stream, rendition, file.substring(0, file.length() - ".m4s".length()))
                        : new Invalid("unknown rendition resource");
        }
    }

    private static OriginPath segment(String stream, String rendition, String digits) {
        if (digits.isEmpty() || digits.length() > MAX_NUMBER_DIGITS) {
            return new Invalid("segment number is not 1 to " + MAX_NUMBER_DIGITS + " digits");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return new Invalid("segment number is not decimal");
            }
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            // One spelling per segment: 007.m4s and 7.m4s must not become two cache entries.
            return new Invalid("segment number has leading zeros");
        }
        return new Segment(stream, rendition, Long.parseLong(digits));
    }
}
