package io.glass2glass.media;

import java.util.List;

/**
 * An ABR ladder: the video rungs an encoder produces from one source, plus the audio rendition.
 *
 * <p>A passthrough ladder encodes nothing: the published H.264/AAC is packaged as it arrives, as
 * one video rendition named by the single rung (plus audio when the ladder has an audio
 * rendition). The size, frame rate and bitrate players see then come from the published track;
 * the rung's own figures only describe what a synthetic publisher produces for it.
 *
 * @param segmentSeconds segment duration; every rung gets an IDR at each multiple of it (with
 *     passthrough, the packager cuts at the first published keyframe at or after each multiple)
 * @param x264Preset libx264 preset shared by every rung (the same settings the benchmark gives the CLI)
 * @param passthrough package the published track instead of encoding the rungs
 */
public record Ladder(
        String name,
        double frameRate,
        double segmentSeconds,
        List<Rendition> video,
        Rendition audio,
        int audioSampleRate,
        int audioChannels,
        String x264Preset,
        boolean passthrough) {

    public Ladder {
        video = List.copyOf(video);
        if (video.isEmpty()) {
            throw new IllegalArgumentException("ladder " + name + " has no video rung");
        }
        if (passthrough && video.size() != 1) {
            throw new IllegalArgumentException("passthrough ladder " + name + " has " + video.size()
                    + " video rungs; it names exactly one, the published track");
        }
        if (frameRate <= 0 || frameRate > 120) {
            throw new IllegalArgumentException("ladder " + name + ": frame rate out of range: " + frameRate);
        }
        double framesPerSegment = segmentSeconds * frameRate;
        if (segmentSeconds <= 0 || Math.abs(framesPerSegment - Math.rint(framesPerSegment)) > 1e-6) {
            throw new IllegalArgumentException(
                    "ladder " + name + ": segment duration " + segmentSeconds + " s is not a whole number of frames");
        }
        // The encoder's pictures are I420: both chroma planes are half size in each direction.
        for (Rendition r : video) {
            if (r.width() % 2 != 0 || r.height() % 2 != 0) {
                throw new IllegalArgumentException("ladder " + name + ": rung " + r.id() + " must have an even width and height");
            }
        }
        if (video.stream().map(Rendition::id).distinct().count() != video.size()
                || video.stream().anyMatch(r -> audio != null && r.id().equals(audio.id()))) {
            throw new IllegalArgumentException("ladder " + name + ": rendition ids must be unique");
        }
    }

    /** An encoding ladder (not passthrough). */
    public Ladder(String name, double frameRate, double segmentSeconds, List<Rendition> video, Rendition audio,
            int audioSampleRate, int audioChannels, String x264Preset) {
        this(name, frameRate, segmentSeconds, video, audio, audioSampleRate, audioChannels, x264Preset, false);
    }

    /** Frames between two IDRs (one segment). */
    /** One line for reports: name, rungs (id, height, kb/s), audio, frame rate and segment length. */
    public String describe() {
        StringBuilder b = new StringBuilder(name).append(": ");
        for (int i = 0; i < video.size(); i++) {
            Rendition r = video.get(i);
            b.append(i == 0 ? "" : ", ").append(r.id()).append(' ').append(r.width()).append('x').append(r.height())
                    .append(' ').append(r.bitrateKbps()).append(" kb/s");
        }
        if (audio != null) {
            b.append("; audio ").append(audio.bitrateKbps()).append(" kb/s");
        }
        return b.append("; ").append(java.text.NumberFormat.getInstance(java.util.Locale.ROOT).format(frameRate)).append(" fps, ")
                .append(java.text.NumberFormat.getInstance(java.util.Locale.ROOT).format(segmentSeconds)).append(" s segments")
                .append(passthrough ? " (passthrough)" : "").toString();
    }

    public int framesPerSegment() {
        return (int) Math.rint(segmentSeconds * frameRate);
    }

    /** The largest rung: the source is produced at this size. */
    public Rendition top() {
        return video.stream().max((a, b) -> Integer.compare(a.width() * a.height(), b.width() * b.height())).orElseThrow();
    }
}
