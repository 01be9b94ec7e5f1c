package io.glass2glass.packager.hls;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads an HLS attribute-list (RFC 8216 §4.2) into names and values; quoted-string values lose their quotes. */
final class AttributeList {

    private AttributeList() {
    }

    static Map<String, String> parse(String list) {
        Map<String, String> attributes = new LinkedHashMap<>();
        int i = 0;
        while (i < list.length()) {
            int equals = list.indexOf('=', i);
            if (equals < 0) {
                throw new AssertionError("attribute without value in: " + list);
            }
            String name = list.substring(i, equals);
            if (!name.matches("[A-Z0-9-]+")) {
                throw new AssertionError("bad attribute name '" + name + "' in: " + list);
            }
            String value;
            int end;
            if (equals + 1 < list.length() && list.charAt(equals + 1) == '"') {
                int close = list.indexOf('"', equals + 2);
                if (close < 0) {
                    throw new AssertionError("unterminated quoted-string in: " + list);
                }
                value = list.substring(equals + 2, close);
                end = close + 1;
            } else {
                end = list.indexOf(',', equals);
                end = end < 0 ? list.length() : end;
                value = list.substring(equals + 1, end);
            }
            if (attributes.put(name, value) != null) {
                throw new AssertionError("attribute " + name + " repeated in: " + list);
            }
            if (end < list.length() && list.charAt(end) != ',') {
                throw new AssertionError("expected ',' after " + name + " in: " + list);
            }
            i = end + 1;
        }
        return attributes;
    }
}
