package io.glass2glass.player.manifest;

import java.util.List;

/**
 * An AdaptationSet of a Period (ISO/IEC 23009-1 §5.3.3): interchangeable encodings of one content
 * component.
 *
 * @param id {@code id}, or null if absent
 * @param contentType {@code contentType} when present, else derived from the mime type or codecs of
 *     the set or its first Representation: {@code video}, {@code audio}, {@code text}, {@code image},
 *     or "" when none of them tells
 * @param mimeType {@code mimeType}, or that of the first Representation, or "" if neither has one
 * @param lang {@code lang}, or null if absent
 */
public record AdaptationSet(String id, String contentType, String mimeType, String lang, List<Representation> representations) {

    public AdaptationSet {
        representations = List.copyOf(representations);
    }
}
