package io.glass2glass.player.manifest;

import java.net.URI;

/**
 * A Representation of an AdaptationSet (ISO/IEC 23009-1 §5.3.5). Attributes common to both levels
 * (§5.3.7: width, height, frameRate, codecs, audioSamplingRate) are taken from the AdaptationSet when
 * the Representation leaves them out.
 *
 * @param id {@code id}, which {@code $RepresentationID$} stands for
 * @param bandwidth {@code bandwidth}, bits per second
 * @param width 0 if absent
 * @param height 0 if absent
 * @param codecs "" if absent
 * @param frameRate frames per second, 0 if absent
 * @param audioSamplingRate Hz, 0 if absent
 * @param baseUrl the MPD URL resolved through the first BaseURL of the MPD, Period, AdaptationSet and
 *     Representation in turn (§5.6), each level that has one
 * @param template the SegmentTemplate in effect (§5.3.9.4), merged down from Period and AdaptationSet;
 *     null when the Representation is addressed by SegmentBase or SegmentList, which this player
 *     does not support
 */
public record Representation(String id, long bandwidth, int width, int height, String codecs, double frameRate,
        int audioSamplingRate, URI baseUrl, SegmentTemplate template) {
}
