package io.glass2glass.edge;

import java.util.Locale;

/**
 * A request target the edge will forward, checked before anything is looked up.
 *
 * <p>The edge sits in front of any origin, so it cannot know the origin's URL grammar; it refuses only
 * what no honest player sends and what could reach outside the origin's path space once some server
 * on the way decodes it: characters outside printable ASCII, fragments, backslashes, percent-encoded
 * separators ({@code %2f}, {@code %5c}) or control characters, bad percent escapes, and {@code .} or
 * {@code ..} path segments, encoded or not (RFC 3986 §5.2.4). The target is forwarded and cached as
 * sent: the query is part of the key, nothing is normalised.
 */
sealed interface EdgeTarget {

    /**
     * A target to forward.
     *
     * @param target origin-form {@code /path?query} (an absolute-form target, RFC 9112 §3.2.2, loses its authority)
     * @param path the path part, still percent-encoded
     */
    record Valid(String target, String path) implements EdgeTarget {}

    /** A refused target: 400, with the reason to log. */
    record Refusal(String reason) implements EdgeTarget {}

    /** Checks a request target as sent on the request line. */
    static EdgeTarget parse(String requestTarget) {
        if (requestTarget == null || requestTarget.isEmpty()) {
            return new Refusal("empty request target");
        }
        for (int i = 0; i < requestTarget.length(); i++) {
            char c = requestTarget.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return new Refusal("control, space or non-ASCII character in request target");
            }
        }
        String target = requestTarget;
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int pathStart = target.indexOf('/', lower.indexOf("//") + 2);
            int queryStart = target.indexOf('?', lower.indexOf("//") + 2);
            if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
                target = "/" + (queryStart < 0 ? "" : target.substring(queryStart));
            } else {
                target = target.substring(pathStart);
            }
        }
        if (!target.startsWith("/")) {
            return new Refusal("request target is not an absolute path");
        }
        if (target.indexOf('#') >= 0) {
            return new Refusal("fragment in request target");
        }
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        if (path.indexOf('\\') >= 0) {
            return new Refusal("backslash in path");
        }
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                decoded.append(c);
                continue;
            }
            int value = i + 2 < path.length() ? hex(path.charAt(i + 1), path.charAt(i + 2)) : -1;
            if (value < 0) {
                return new Refusal("bad percent escape in path");
            }
            if (value == '/' || value == '\\') {
                return new Refusal("percent-encoded path separator");
            }
            if (value < 0x20 || value == 0x7f) {
                return new Refusal("percent-encoded control character in path");
            }
            // Any other byte, UTF-8 included, stays opaque: only dots matter for the segment check below.
            decoded.append(value == '.' ? '.' : 'x');
            i += 2;
        }
        for (String segment : decoded.toString().split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return new Refusal("dot segment in path");
            }
        }
        return new Valid(target, path);
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
