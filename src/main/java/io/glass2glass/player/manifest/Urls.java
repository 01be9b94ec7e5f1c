package io.glass2glass.player.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * URI references of manifests resolved against the manifest's URL (RFC 3986 §5.2), as every
 * playlist URI line, EXT-X-MEDIA/EXT-X-MAP URI attribute and MPD BaseURL is.
 *
 * <p>On top of RFC 3986, CDN access tokens are carried down: when the resolved URI has no query of
 * its own and the base has one, the base's query is appended, so {@code master.m3u8?token=abc} reaches
 * its media playlists and, through them, the segments. That happens only when the resolved URI is on
 * the same origin (scheme, host and port) as the base, so a token never leaks to another host.
 */
public final class Urls {

    /**
     * A host as CDNs write it: a name or IP literal. Underscores are allowed, which {@link URI#getHost()}
     * refuses; percent-encoded names are not, as they only arise from spaces or non-ASCII in a host.
     */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=-]+|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{0,5}");
    private static final String UNSAFE = " \"<>\\^`{|}";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Urls() {
    }

    /**
     * Resolves {@code reference} against {@code base} (RFC 3986 §5.2.2, dot segments removed per
     * §5.2.4), then carries the base's query over as described above.
     *
     * <p>Tolerant the way browsers are: surrounding whitespace is trimmed, and spaces, non-ASCII
     * characters and other characters URIs cannot hold are percent-encoded (UTF-8).
     *
     * @throws ManifestException if the base is not an absolute http(s) URI, the reference holds a
     *     control character or cannot be read as a URI, or the result is not http(s) with a host
     */
    public static URI resolve(URI base, String reference) {
        checkBase(base);
        if (reference == null) {
            throw new ManifestException("missing URI reference");
        }
        URI ref = parseReference(reference.strip());

        String scheme;
        String authority;
        String path;
        String query;
        if (ref.getScheme() != null) {
            scheme = ref.getScheme().toLowerCase(Locale.ROOT);
            checkScheme(scheme, reference);
            if (ref.isOpaque()) {
                throw new ManifestException("URI has no host: " + Decimals.quote(reference));
            }
            authority = ref.getRawAuthority();
            path = removeDotSegments(ref.getRawPath());
            query = ref.getRawQuery();
        } else {
            scheme = base.getScheme().toLowerCase(Locale.ROOT);
            if (ref.getRawAuthority() != null) {
                authority = ref.getRawAuthority();
                path = removeDotSegments(ref.getRawPath());
                query = ref.getRawQuery();
            } else {
                authority = base.getRawAuthority();
                String refPath = ref.getRawPath();
                if (refPath.isEmpty()) {
                    path = base.getRawPath();
                    query = ref.getRawQuery() != null ? ref.getRawQuery() : base.getRawQuery();
                } else {
                    path = removeDotSegments(refPath.startsWith("/") ? refPath : merge(base, refPath));
                    query = ref.getRawQuery();
                }
            }
        }
        checkAuthority(authority, reference);
        if (query == null && base.getRawQuery() != null && sameOrigin(scheme, authority, base)) {
            query = base.getRawQuery();
        }

        StringBuilder out = new StringBuilder(scheme).append("://").append(authority).append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        if (ref.getRawFragment() != null) {
            out.append('#').append(ref.getRawFragment());
        }
        try {
            return new URI(out.toString());
        } catch (URISyntaxException e) {
            throw new ManifestException("cannot resolve " + Decimals.quote(reference) + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a base that is not an absolute http(s) URI with a host: the URL a manifest was fetched from. */
    static void checkBase(URI base) {
        if (base == null) {
            throw new ManifestException("missing base URI");
        }
        if (base.getScheme() == null || base.isOpaque()) {
            throw new ManifestException("base URI is not absolute: " + Decimals.quote(base.toString()));
        }
        checkScheme(base.getScheme().toLowerCase(Locale.ROOT), base.toString());
        checkAuthority(base.getRawAuthority(), base.toString());
    }

    private static void checkScheme(String scheme, String uri) {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ManifestException("only http and https URIs are supported: " + Decimals.quote(uri));
        }
    }

    private static void checkAuthority(String authority, String uri) {
        if (authority == null || authority.isEmpty()) {
            throw new ManifestException("URI has no host: " + Decimals.quote(uri));
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon >= 0 && colon > hostPort.lastIndexOf(']');
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        if (!HOST.matcher(host).matches() || (hasPort && !PORT.matcher(hostPort.substring(colon + 1)).matches())) {
            throw new ManifestException("URI has an invalid host: " + Decimals.quote(uri));
        }
    }

    /**
     * The reference as a {@link URI}, with what URIs cannot hold percent-encoded: a stray {@code %},
     * a second {@code #}, brackets outside the authority, spaces, {@code "<>\^`{|}} and non-ASCII.
     */
    private static URI parseReference(String reference) {
        int authorityEnd = authorityEnd(reference);
        StringBuilder encoded = new StringBuilder(reference.length() + 16);
        boolean inFragment = false;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new ManifestException("URI holds a control character: " + Decimals.quote(reference.replaceAll("\\p{Cntrl}", "?")));
            }
            boolean bracketOutsideAuthority = (c == '[' || c == ']') && i >= authorityEnd;
            boolean strayPercent = c == '%' && !(i + 2 < reference.length() && isHex(reference.charAt(i + 1)) && isHex(reference.charAt(i + 2)));
            boolean secondHash = c == '#' && inFragment;
            if (c > 0x7f || UNSAFE.indexOf(c) >= 0 || bracketOutsideAuthority || strayPercent || secondHash) {
                int end = Character.isHighSurrogate(c) && i + 1 < reference.length() ? i + 2 : i + 1;
                for (byte b : reference.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
                i = end - 1;
            } else {
                inFragment |= c == '#';
                encoded.append(c);
            }
        }
        try {
            return new URI(encoded.toString());
        } catch (URISyntaxException e) {
            throw new ManifestException("not a URI: " + Decimals.quote(reference) + " (" + e.getReason() + ")", e);
        }
    }

    /** Index just past the authority of a reference that has one ({@code //host} or {@code scheme://host}), else 0. */
    private static int authorityEnd(String reference) {
        int start;
        if (reference.startsWith("//")) {
            start = 2;
        } else {
            int schemeEnd = reference.indexOf("://");
            if (schemeEnd <= 0 || !reference.substring(0, schemeEnd).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                return 0;
            }
            start = schemeEnd + 3;
        }
        int end = start;
        while (end < reference.length() && "/?#".indexOf(reference.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** RFC 3986 §5.2.3. */
    private static String merge(URI base, String refPath) {
        String basePath = base.getRawPath();
        if (basePath == null || basePath.isEmpty()) {
            return "/" + refPath;
        }
        return basePath.substring(0, basePath.lastIndexOf('/') + 1) + refPath;
    }

    /** RFC 3986 §5.2.4, which also drops {@code ..} segments that would climb above the root. */
    private static String removeDotSegments(String path) {
        if (path == null || path.isEmpty()) {
            return path == null ? "" : path;
        }
        String in = path;
        StringBuilder out = new StringBuilder(path.length());
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                out.setLength(Math.max(0, out.lastIndexOf("/")));
            } else if (in.equals("/..")) {
                in = "/";
                out.setLength(Math.max(0, out.lastIndexOf("/")));
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in = in.substring(end);
            }
        }
        return out.toString();
    }

    private static boolean sameOrigin(String scheme, String authority, URI base) {
        return scheme.equalsIgnoreCase(base.getScheme())
                && hostOf(authority).equalsIgnoreCase(hostOf(base.getRawAuthority()))
                && portOf(scheme, authority) == portOf(base.getScheme(), base.getRawAuthority());
    }

    private static String hostOf(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        return colon > hostPort.lastIndexOf(']') ? hostPort.substring(0, colon) : hostPort;
    }

    private static int portOf(String scheme, String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon > hostPort.lastIndexOf(']') && colon + 1 < hostPort.length()) {
            return Integer.parseInt(hostPort.substring(colon + 1));
        }
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }
}
