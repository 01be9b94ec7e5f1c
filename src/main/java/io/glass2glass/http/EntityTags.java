package io.glass2glass.http;

/** Entity-tag comparison shared by the origin and the edges. */
public final class EntityTags {

    private EntityTags() {}

    /** Whether one If-None-Match field line names {@code etag} (weak comparison, RFC 9110 §8.8.3.2) or is {@code *}. */
    public static boolean noneMatchNames(String ifNoneMatch, String etag) {
        String opaque = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || opaque(c).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
