package io.glass2glass.media;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Common Media Client Data, version 1 (CTA-5004, 2020): the key/value pairs a player attaches to each
 * request, in their one text form (§3.2): keys in alphabetical order, separated by commas; a boolean
 * true is the key alone (false is left out); strings are quoted, the tokens {@code ot}, {@code sf} and
 * {@code st} are not; numbers are integers. Sent as the {@code CMCD} query argument (§2.2) or split over
 * the {@code CMCD-Object}, {@code CMCD-Request}, {@code CMCD-Session} and {@code CMCD-Status} headers (§2.1).
 *
 * @param keys key to value: {@link Boolean}, {@link Long} or {@link String}
 */
public record Cmcd(Map<String, Object> keys) {

    /** The query argument's name (§2.2). */
    public static final String QUERY_KEY = "CMCD";
    /** The headers that carry CMCD in header mode (§2.1). */
    public static final Set<String> HEADERS = Set.of("CMCD-Object", "CMCD-Request", "CMCD-Session", "CMCD-Status");
    /** Longest CMCD text accepted from a request; a real player's is a few hundred characters. */
    public static final int MAX_LENGTH = 4_096;
    /** Most keys accepted in one request: v1 defines 19, custom keys are rare. */
    public static final int MAX_KEYS = 64;
    /** Longest string value (§3.3: 64 characters for cid and sid). */
    public static final int MAX_STRING = 512;

    private static final Set<String> TOKENS = Set.of("ot", "sf", "st");
    // Compiled once: the edge parses CMCD on its event loop for every request that carries it.
    private static final Pattern KEY = Pattern.compile("[a-z0-9.-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}(\\.\\d{1,9})?");

    public Cmcd {
        keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    /** The text form (§3.2), e.g. {@code bl=2100,br=2800,d=2000,ot=v,sf=h,sid="p-1",st=l,su}. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            Object v = e.getValue();
            if (Boolean.FALSE.equals(v)) {
                continue;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(e.getKey());
            if (Boolean.TRUE.equals(v)) {
                continue;
            }
            out.append('=');
            if (v instanceof String s && !TOKENS.contains(e.getKey())) {
                out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                out.append(v);
            }
        }
        return out.toString();
    }

    /** {@code uri} with the CMCD query argument added (§2.2), or unchanged when there are no keys. */
    public String appendTo(String uri) {
        String text = encode();
        if (text.isEmpty()) {
            return uri;
        }
        return uri + (uri.indexOf('?') < 0 ? '?' : '&') + QUERY_KEY + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /**
     * Parses the text form. Throws {@link IllegalArgumentException} naming what is wrong for text that is too
     * long, has too many keys, a key that is not lowercase letters, digits, {@code .} or {@code -}, or a bad value.
     */
    public static Cmcd parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("CMCD longer than " + MAX_LENGTH + " characters");
        }
        Map<String, Object> keys = new TreeMap<>();
        int i = 0;
        while (i < text.length()) {
            int keyEnd = i;
            while (keyEnd < text.length() && text.charAt(keyEnd) != '=' && text.charAt(keyEnd) != ',') {
                keyEnd++;
            }
            String key = text.substring(i, keyEnd).trim();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("CMCD key '" + printable(key) + "' is not lowercase letters, digits, '.' or '-'");
            }
            Object value;
            int next;
            if (keyEnd >= text.length() || text.charAt(keyEnd) == ',') {
                value = Boolean.TRUE;
                next = keyEnd;
            } else if (keyEnd + 1 < text.length() && text.charAt(keyEnd + 1) == '"') {
                StringBuilder s = new StringBuilder();
                int j = keyEnd + 2;
                for (; j < text.length() && text.charAt(j) != '"'; j++) {
                    char c = text.charAt(j);
                    if (c == '\\' && j + 1 < text.length()) {
                        c = text.charAt(++j);
                    }
                    s.append(c);
                    if (s.length() > MAX_STRING) {
                        throw new IllegalArgumentException("CMCD string of " + key + " longer than " + MAX_STRING);
                    }
                }
                if (j >= text.length()) {
                    throw new IllegalArgumentException("CMCD string of " + key + " is not closed");
                }
                value = s.toString();
                next = j + 1;
            } else {
                int end = text.indexOf(',', keyEnd);
                end = end < 0 ? text.length() : end;
                String raw = text.substring(keyEnd + 1, end).trim();
                value = integer(raw);
                if (value == null) {
                    if (!TOKEN.matcher(raw).matches()) {
                        throw new IllegalArgumentException("CMCD value of " + key + " is neither a number, a string nor a token");
                    }
                    value = raw.toLowerCase(Locale.ROOT).equals("false") ? Boolean.FALSE : raw;
                }
                next = end;
            }
            if (keys.put(key, value) != null) {
                throw new IllegalArgumentException("CMCD key " + key + " given twice");
            }
            if (keys.size() > MAX_KEYS) {
                throw new IllegalArgumentException("more than " + MAX_KEYS + " CMCD keys");
            }
            if (next < text.length() && text.charAt(next) != ',') {
                throw new IllegalArgumentException("CMCD: ',' expected after " + key);
            }
            i = next + 1;
        }
        return new Cmcd(keys);
    }

    /** The decoded value of the {@code CMCD} argument in {@code query} (raw, as in the request target), or null. */
    public static String fromQuery(String query) {
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith(QUERY_KEY + "=")) {
                return URLDecoder.decode(part.substring(QUERY_KEY.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** {@code target} ({@code /path?query}) without its {@code CMCD} argument: what a CDN caches and forwards. */
    public static String withoutQueryKey(String target) {
        int q = target.indexOf('?');
        if (q < 0 || !target.contains(QUERY_KEY + "=")) {
            return target;
        }
        StringBuilder kept = new StringBuilder();
        for (String part : target.substring(q + 1).split("&")) {
            if (!part.startsWith(QUERY_KEY + "=")) {
                kept.append(kept.length() == 0 ? "" : "&").append(part);
            }
        }
        return target.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept);
    }

    public Long number(String key) {
        return keys.get(key) instanceof Long l ? l : null;
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(keys.get(key));
    }

    public String text(String key) {
        return keys.get(key) instanceof String s ? s : null;
    }

    private static Long integer(String raw) {
        if (!NUMBER.matcher(raw).matches()) {
            return null;
        }
        return Math.round(Double.parseDouble(raw));
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
