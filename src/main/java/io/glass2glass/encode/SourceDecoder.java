package io.glass2glass.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawMediaSink;
import io.glass2glass.media.TrackInfo;

/**
 * Decode once: turns a published stream's compressed samples back into the uncompressed frames the
 * ABR encoder takes, exactly as the synthetic source delivers them.
 *
 * <p>Video is H.264 (ISO/IEC 14496-10 AVC, decoded through FFmpeg) carried as ISO/IEC 14496-15
 * length-prefixed samples with the AVCDecoderConfigurationRecord as decoder configuration; every
 * picture comes out as I420 at the target size, in 90 kHz ticks. Audio is AAC (ISO/IEC 14496-3 raw
 * frames with the AudioSpecificConfig), resampled to the target rate and channel count and delivered
 * as contiguous 1024-sample planar float blocks, in sample-rate ticks.
 *
 * <p>Runs on the caller's thread (a worker, never an event loop). A sample FFmpeg rejects is counted
 * and skipped; video before the first keyframe is dropped.
 */
public final class SourceDecoder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SourceDecoder.class.getName());

    private final RawMediaSink sink;
    private final int width;
    private final int height;
    private final int sampleRate;
    private final int channels;
    private final SourceVideoDecoder.FrameCounter frames = new SourceVideoDecoder.FrameCounter();
    private final long[] audioSamples = new long[1];
    private SourceVideoDecoder video;
    private SourceAudioDecoder audio;
    private TrackInfo videoTrack;
    private TrackInfo audioTrack;
    private long videoErrors;
    private long audioErrors;

    /**
     * @param width target picture width (the ladder's top rung)
     * @param height target picture height
     * @param sampleRate target audio sample rate (the ladder's)
     * @param channels target audio channel count
     */
    public SourceDecoder(RawMediaSink sink, int width, int height, int sampleRate, int channels) {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("target size must be positive and even: " + width + "x" + height);
        }
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("target audio must have a positive rate and channel count");
        }
        av_log_set_level(AV_LOG_ERROR);
        this.sink = sink;
        this.width = width;
        this.height = height;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /**
     * Opens the decoder for a track; a second track of the same kind (the publisher restarted)
     * replaces the decoder without draining it. A track FFmpeg cannot open is logged and its samples
     * are skipped until the next one.
     */
    public void onTrack(TrackInfo track) {
        if (track.kind() == MediaKind.VIDEO) {
            closeVideo();
            try {
                video = new SourceVideoDecoder(track, sink, width, height);
                videoTrack = track;
            } catch (EncoderException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot open the H.264 decoder for " + track.codecs() + ": " + e.getMessage());
            }
        } else {
            closeAudio();
            try {
                audio = new SourceAudioDecoder(track, sink, sampleRate, channels);
                audioTrack = track;
            } catch (EncoderException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot open the AAC decoder for " + track.codecs() + ": " + e.getMessage());
            }
        }
    }

    /** Decodes one sample and hands every frame that comes out to the sink. */
    public void onSample(MediaSample sample) throws InterruptedException {
        if (sample.kind() == MediaKind.VIDEO) {
            if (video == null) {
                return;
            }
            boolean ok;
            try {
                ok = video.decode(inTrackTime(sample, videoTrack), frames);
            } catch (EncoderException e) {
                ok = false;
            }
            if (!ok && videoErrors++ == 0) {
                LOG.log(System.Logger.Level.WARNING, "skipping undecodable H.264 samples (first at pts " + sample.pts() + ")");
            }
        } else {
            if (audio == null) {
                return;
            }
            boolean ok;
            try {
                ok = audio.decode(inTrackTime(sample, audioTrack), audioSamples);
            } catch (EncoderException e) {
                ok = false;
            }
            if (!ok && audioErrors++ == 0) {
                LOG.log(System.Logger.Level.WARNING, "skipping undecodable AAC samples (first at pts " + sample.pts() + ")");
            }
        }
    }

    /** Drains both decoders at the end of a publish, then reopens them for the same tracks so a republish can follow. */
    public void flush() throws InterruptedException {
        try {
            if (video != null) {
                video.flush(frames);
            }
            if (audio != null) {
                audio.flush(audioSamples);
            }
        } catch (EncoderException e) {
            LOG.log(System.Logger.Level.WARNING, "draining the decoders failed: " + e.getMessage());
        }
        if (videoTrack != null) {
            onTrack(videoTrack);
        }
        if (audioTrack != null) {
            onTrack(audioTrack);
        }
    }

    /** Pictures handed to the sink. */
    public long videoFramesDecoded() {
        return frames.count();
    }

    /** Audio samples (per channel) handed to the sink. */
    public long audioSamplesDecoded() {
        return audioSamples[0];
    }

    /** Video samples FFmpeg rejected and that were skipped. */
    public long videoDecodeErrors() {
        return videoErrors;
    }

    /** Audio samples FFmpeg rejected and that were skipped. */
    public long audioDecodeErrors() {
        return audioErrors;
    }

    // The decoders count time in the track's timescale; a sample in another one is rescaled to it.
    private static MediaSample inTrackTime(MediaSample s, TrackInfo track) {
        int timescale = track.timescale();
        if (s.timescale() == timescale || timescale <= 0) {
            return s;
        }
        return new MediaSample(s.kind(), rescale(s.dts(), timescale, s.timescale()), rescale(s.pts(), timescale, s.timescale()),
                rescale(s.duration(), timescale, s.timescale()), timescale, s.keyframe(), s.data(), s.captureTimeMicros());
    }

    private static long rescale(long value, int to, int from) {
        return Math.round((double) value * to / from);
    }

    private void closeVideo() {
        if (video != null) {
            video.close();
            video = null;
        }
    }

    private void closeAudio() {
        if (audio != null) {
            audio.close();
            audio = null;
        }
    }

    @Override
    public void close() {
        closeVideo();
        closeAudio();
    }
}
