package io.glass2glass.encode;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawAudioFrame;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AudioSpecificConfig;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/** The audio rendition: AAC-LC (ISO/IEC 14496-3) with FFmpeg's native encoder, 1024 samples a frame. */
final class AudioEncoder implements AutoCloseable {

    private final Rendition rendition;
    private final EncodedMediaSink sink;
    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet = av_packet_alloc();
    private final TrackInfo track;
    private final int sampleRate;
    private final int channels;
    private final java.util.TreeMap<Long, Long> captureTimes = new java.util.TreeMap<>();
    private long ptsShift = Long.MIN_VALUE;
    private long firstInputPts = Long.MIN_VALUE;
    private long busyNanos;
    private long samplesIn;

    AudioEncoder(Rendition rendition, int sampleRate, int channels, EncodedMediaSink sink) {
        this.rendition = rendition;
        this.sink = sink;
        this.sampleRate = sampleRate;
        this.channels = channels;
        AVCodec codec = avcodec_find_encoder_by_name("aac");
        if (codec == null) {
            throw new EncoderException("the aac encoder is not in this FFmpeg build");
        }
        context = avcodec_alloc_context3(codec);
        context.sample_fmt(AV_SAMPLE_FMT_FLTP);
        context.sample_rate(sampleRate);
        av_channel_layout_default(context.ch_layout(), channels);
        context.bit_rate(rendition.bitrateKbps() * 1000L);
        context.time_base(av_make_q(1, sampleRate));
        context.profile(AV_PROFILE_AAC_LOW);
        context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        EncoderException.check("avcodec_open2(aac)", avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null));
        byte[] asc = new byte[context.extradata_size()];
        context.extradata().get(asc);
        track = TrackInfo.audio(AudioSpecificConfig.parse(asc).codecString(), sampleRate, channels, asc);
        frame = av_frame_alloc();
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.sample_rate(sampleRate);
        frame.nb_samples(context.frame_size());
        av_channel_layout_copy(frame.ch_layout(), context.ch_layout());
        EncoderException.check("av_frame_get_buffer(audio)", av_frame_get_buffer(frame, 0));
    }

    TrackInfo track() {
        return track;
    }

    Rendition rendition() {
        return rendition;
    }

    void encode(RawAudioFrame block) {
        if (block.sampleRate() != sampleRate || block.channels() != channels || block.samplesPerChannel() != context.frame_size()) {
            throw new EncoderException("audio block of " + block.samplesPerChannel() + " samples at " + block.sampleRate()
                    + " Hz x" + block.channels() + " does not match the encoder");
        }
        long started = System.nanoTime();
        EncoderException.check("av_frame_make_writable(audio)", av_frame_make_writable(frame));
        int n = block.samplesPerChannel();
        for (int c = 0; c < channels; c++) {
            new FloatPointer(frame.data(c)).put(block.planar(), c * n, n);
        }
        frame.pts(block.pts());
        if (firstInputPts == Long.MIN_VALUE) {
            firstInputPts = block.pts();
        }
        captureTimes.put(block.pts(), block.captureTimeMicros());
        EncoderException.check("avcodec_send_frame(audio)", avcodec_send_frame(context, frame));
        drain();
        samplesIn += n;
        busyNanos += System.nanoTime() - started;
    }

    void finish() {
        int r = avcodec_send_frame(context, null);
        if (r < 0 && r != AVERROR_EOF()) {
            throw EncoderException.of("avcodec_send_frame(audio flush)", r);
        }
        drain();
        sink.onEnd(rendition);
    }

    private void drain() {
        while (true) {
            int r = avcodec_receive_packet(context, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return;
            }
            EncoderException.check("avcodec_receive_packet(audio)", r);
            try {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                if (ptsShift == Long.MIN_VALUE) {
                    // The encoder's priming frame comes out before the first input; start the track at that input's time
                    // (0 for a fresh source, later when a publish resumes a stream's timeline).
                    ptsShift = firstInputPts - packet.pts();
                }
                long pts = packet.pts() + ptsShift;
                Long capture = captureTimes.remove(packet.pts() + context.initial_padding());
                if (capture == null) {
                    capture = captureTimes.remove(packet.pts());
                }
                // Blocks whose time came and went without a packet of their own must not pile up.
                captureTimes.headMap(packet.pts() + context.initial_padding(), true).clear();
                long duration = packet.duration() > 0 ? packet.duration() : context.frame_size();
                sink.onSample(rendition, new MediaSample(MediaKind.AUDIO, pts, pts, duration, sampleRate, true, data,
                        capture == null ? 0 : capture));
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    long busyNanos() {
        return busyNanos;
    }

    long samplesIn() {
        return samplesIn;
    }

    @Override
    public void close() {
        avcodec_free_context(context);
        av_frame_free(frame);
        av_packet_free(packet);
    }
}
