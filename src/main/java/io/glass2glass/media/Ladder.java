package io.glass2glass.media;

import java.util.List;

/**
 * An ABR ladder: the video rungs an encoder produces from one source, plus the audio rendition.
 *
 * @param segmentSeconds segment duration; every rung gets an IDR at each multiple of it
 * @param x264Preset libx264 preset shared by every rung (the same settings the benchmark gives the CLI)
 */
public record Ladder(
        String name,
        double frameRate,
        double segmentSeconds,
        List<Rendition> video,
        Rendition audio,
        int audioSampleRate,
        int audioChannels,
        String x264Preset) {

    public Ladder {
        video = List.copyOf(video);
        if (video.isEmpty()) {
            throw new IllegalArgumentException("ladder " + name + " has no video rung");
        }
        if (frameRate <= 0 || frameRate > 120) {
            throw new IllegalArgumentException("ladder " + name + ": frame rate out of range: " + frameRate);
        }
        double framesPerSegment = segmentSeconds * frameRate;
        if (segmentSeconds <= 0 || Math.abs(framesPerSegment - Math.rint(framesPerSegment)) > 1e-6) {
            throw new IllegalArgumentException(
                    "ladder " + name + ": segment duration " + segmentSeconds + " s is not a whole number of frames");
        }
        if (video.stream().map(Rendition::id).distinct().count() != video.size()
                || video.stream().anyMatch(r -> r.id().equals(audio.id()))) {
            throw new IllegalArgumentException("ladder " + name + ": rendition ids must be unique");
        }
    }

    /** Frames between two IDRs (one segment). */
    public int framesPerSegment() {
        return (int) Math.rint(segmentSeconds * frameRate);
    }

    /** The largest rung: the source is produced at this size. */
    public Rendition top() {
        return video.stream().max((a, b) -> Integer.compare(a.width() * a.height(), b.width() * b.height())).orElseThrow();
    }
}
