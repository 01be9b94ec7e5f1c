package io.glass2glass.player.manifest;

/**
 * One segment of a SegmentTemplate (ISO/IEC 23009-1 §5.3.9.6), an S element's repeats expanded.
 *
 * @param number what {@code $Number$} stands for
 * @param time earliest presentation time in the template's timescale, what {@code $Time$} stands for
 * @param duration in the template's timescale
 */
public record TimelineSegment(long number, long time, long duration) {
}
