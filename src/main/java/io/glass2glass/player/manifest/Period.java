package io.glass2glass.player.manifest;

import java.util.List;

/**
 * A Period of an MPD (ISO/IEC 23009-1 §5.3.2).
 *
 * @param id {@code id}, or null if absent
 * @param start seconds from the start of the presentation: {@code start}, or the end of the previous
 *     Period when that is known, or 0 for the first Period; NaN when none of these applies
 * @param duration seconds: {@code duration}, or up to the next Period's start, or for the last Period
 *     up to the MPD's {@code mediaPresentationDuration}; NaN when unknown (as for a live Period)
 */
public record Period(String id, double start, double duration, List<AdaptationSet> adaptationSets) {

    public Period {
        adaptationSets = List.copyOf(adaptationSets);
    }
}
