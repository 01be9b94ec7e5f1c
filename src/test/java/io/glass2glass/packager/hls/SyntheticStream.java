package io.glass2glass.packager.hls;

import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.packager.StreamIndex;
import io.glass2glass.packager.StreamIndex.Segment;
import java.util.List;

/**
 * A {@link StreamIndex} fed with synthetic segments aligned across renditions, the way the
 * packager feeds it: three H.264 rungs at 90 kHz and AAC-LC stereo at 48 kHz, 2 s segments
 * numbered from 1; audio segments alternate between 93 and 94 AAC frames of 1024 samples.
 *
 * <p>Segment sizes are the rung's target bitrate times the duration, scaled by 1.2 for every
 * number divisible by three and by 0.9 otherwise, so peak and average bitrates differ.
 */
public final class SyntheticStream {

    /** Wall-clock time of stream time 0: 2023-11-14T22:13:20.000Z. */
    public static final long START_MILLIS = 1_700_000_000_000L;
    public static final double SEGMENT_SECONDS = 2.0;
    public static final int VIDEO_TIMESCALE = 90_000;
    public static final int AUDIO_TIMESCALE = 48_000;
    public static final long VIDEO_SEGMENT_TICKS = 180_000;
    public static final int AAC_FRAME_SAMPLES = 1024;

    public static final Rendition V1080 = Rendition.video("1080p", 1920, 1080, 5000);
    public static final Rendition V720 = Rendition.video("720p", 1280, 720, 3000);
    public static final Rendition V360 = Rendition.video("360p", 640, 360, 800);
    public static final Rendition AUDIO = Rendition.audio("audio", 128);
    public static final List<Rendition> VIDEO = List.of(V1080, V720, V360);
    public static final List<String> VIDEO_CODECS = List.of("avc1.640028", "avc1.64001f", "avc1.64001e");
    public static final String AUDIO_CODECS = "mp4a.40.2";

    private final StreamIndex index;
    private final boolean withAudio;
    private long nextNumber = 1;
    private long videoStart;
    private long audioStart;
    private long audioSegments;

    private SyntheticStream(int windowSegments, boolean withAudio) {
        this.index = new StreamIndex("live1", SEGMENT_SECONDS, windowSegments);
        this.withAudio = withAudio;
        for (int i = 0; i < VIDEO.size(); i++) {
            Rendition r = VIDEO.get(i);
            index.addTrack(r, TrackInfo.video(VIDEO_CODECS.get(i), VIDEO_TIMESCALE, r.width(), r.height(), 30.0, new byte[0]));
        }
        if (withAudio) {
            index.addTrack(AUDIO, TrackInfo.audio(AUDIO_CODECS, AUDIO_TIMESCALE, 2, new byte[] {0x11, (byte) 0x90}));
        }
        index.startedAt(START_MILLIS);
    }

    /** The ladder: three video rungs and one audio rendition. */
    public static SyntheticStream ladder(int windowSegments) {
        return new SyntheticStream(windowSegments, true);
    }

    /** The three video rungs without audio. */
    public static SyntheticStream videoOnly(int windowSegments) {
        return new SyntheticStream(windowSegments, false);
    }

    /** Duration in 48 kHz ticks of the audio segment at position {@code k} (0-based). */
    public static long audioSegmentTicks(long k) {
        return (k % 2 == 0 ? 93 : 94) * (long) AAC_FRAME_SAMPLES;
    }

    /** Appends {@code count} segments to every rendition, each starting where the previous ended. */
    public SyntheticStream append(int count) {
        for (int i = 0; i < count; i++) {
            appendOne(false);
        }
        return this;
    }

    /** Appends one segment to every rendition, {@code gapSeconds} after the previous one ended, flagged as a discontinuity. */
    public SyntheticStream appendAfterGap(double gapSeconds) {
        videoStart += Math.round(gapSeconds * VIDEO_TIMESCALE);
        audioStart += Math.round(gapSeconds * AUDIO_TIMESCALE);
        appendOne(true);
        return this;
    }

    public StreamIndex index() {
        return index;
    }

    public StreamIndex.Snapshot snapshot() {
        return index.snapshot();
    }

    private void appendOne(boolean discontinuity) {
        long number = nextNumber++;
        double factor = number % 3 == 0 ? 1.2 : 0.9;
        for (Rendition r : VIDEO) {
            index.addSegment(r.id(), segment(number, videoStart, VIDEO_SEGMENT_TICKS, VIDEO_TIMESCALE, r, factor, discontinuity));
        }
        videoStart += VIDEO_SEGMENT_TICKS;
        if (withAudio) {
            long ticks = audioSegmentTicks(audioSegments++);
            index.addSegment(AUDIO.id(), segment(number, audioStart, ticks, AUDIO_TIMESCALE, AUDIO, factor, discontinuity));
            audioStart += ticks;
        }
    }

    private static Segment segment(
            long number, long start, long duration, int timescale, Rendition r, double factor, boolean discontinuity) {
        double seconds = (double) duration / timescale;
        int size = (int) Math.round(r.bitrateKbps() * 1000 / 8.0 * seconds * factor);
        long pdt = START_MILLIS + Math.round(start * 1000.0 / timescale);
        return new Segment(number, start, duration, timescale, pdt, size, discontinuity);
    }
}
