package io.glass2glass.encode;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawAudioFrame;
import io.glass2glass.media.RawMediaSink;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.TrackInfo;
import java.util.Arrays;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One published AAC track (ISO/IEC 14496-3 raw frames, AudioSpecificConfig as extradata) decoded through
 * FFmpeg, resampled by swresample to the ladder's rate and channel count in planar float, and re-blocked
 * into contiguous {@value Timescales#AAC_FRAME_SAMPLES}-sample frames.
 */
final class SourceAudioDecoder implements AutoCloseable {

    private static final int BLOCK = Timescales.AAC_FRAME_SAMPLES;

    private final RawMediaSink sink;
    private final int sampleRate;
    private final int channels;
    private final int timescale;
    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVChannelLayout outLayout = new AVChannelLayout();
    /** Capture time of the sample whose audio starts at each FIFO position. */
    private final TreeMap<Long, Long> captureTimes = new TreeMap<>();
    private final TreeMap<Long, Long> sampleCaptures = new TreeMap<>();
    private SwrContext resampler;
    private AVFrame resampled;
    private float[][] fifo;
    private int fifoLength;
    private long fifoStart;
    private long nextPts = Long.MIN_VALUE;

    SourceAudioDecoder(TrackInfo track, RawMediaSink sink, int sampleRate, int channels) {
        this.sink = sink;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.timescale = track.timescale();
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_AAC);
        if (codec == null) {
            throw new EncoderException("the aac decoder is not in this FFmpeg build");
        }
        context = avcodec_alloc_context3(codec);
        context.pkt_timebase(av_make_q(1, timescale));
        SourceVideoDecoder.setExtradata(context, track.decoderConfig());
        EncoderException.check("avcodec_open2(aac decoder)",
                avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null));
        av_channel_layout_default(outLayout, channels);
        fifo = new float[channels][BLOCK * 4];
    }

    /** Decodes one raw AAC frame; false when FFmpeg rejected it. */
    boolean decode(MediaSample sample, long[] samplesOut) throws InterruptedException {
        if (sample.data().length == 0) {
            return true; // an empty packet would put FFmpeg into draining mode
        }
        EncoderException.check("av_new_packet", av_new_packet(packet, sample.data().length));
        try {
            packet.data().put(sample.data(), 0, sample.data().length);
            packet.pts(sample.pts());
            packet.dts(sample.dts());
            packet.duration(sample.duration());
            boolean timed = sampleCaptures.putIfAbsent(sample.pts(), sample.captureTimeMicros()) == null;
            if (avcodec_send_packet(context, packet) < 0) {
                if (timed) {
                    sampleCaptures.remove(sample.pts());
                }
                return false;
            }
        } finally {
            av_packet_unref(packet);
        }
        return drain(samplesOut);
    }

    /** Drains the decoder and the resampler; the last partial block is completed with silence. */
    void flush(long[] samplesOut) throws InterruptedException {
        if (avcodec_send_packet(context, null) >= 0) {
            drain(samplesOut);
        }
        if (resampler != null) {
            while (true) {
                int n = convert(null, 0);
                if (n <= 0) {
                    break;
                }
            }
        }
        if (fifoLength > 0 && nextPts != Long.MIN_VALUE) {
            ensureCapacity(BLOCK);
            for (float[] channel : fifo) {
                Arrays.fill(channel, fifoLength, BLOCK, 0f);
            }
            fifoLength = BLOCK;
        }
        emitBlocks(samplesOut);
    }

    private boolean drain(long[] samplesOut) throws InterruptedException {
        while (true) {
            int r = avcodec_receive_frame(context, decoded);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return true;
            }
            if (r < 0) {
                return false;
            }
            try {
                long sourcePts = decoded.best_effort_timestamp();
                if (sourcePts == AV_NOPTS_VALUE) {
                    sourcePts = decoded.pts();
                }
                var capture = sampleCaptures.floorEntry(sourcePts);
                if (capture != null) {
                    captureTimes.put(fifoStart + fifoLength, capture.getValue());
                    sampleCaptures.headMap(sourcePts, true).clear();
                }
                if (nextPts == Long.MIN_VALUE) {
                    // The first block starts at the first decoded sample's time; later blocks follow it
                    // without gaps, whatever jitter the publisher's timestamps have.
                    nextPts = sourcePts == AV_NOPTS_VALUE ? 0 : av_rescale(sourcePts, sampleRate, timescale);
                }
                ensureResampler(decoded);
                convert(decoded.extended_data(), decoded.nb_samples());
            } finally {
                av_frame_unref(decoded);
            }
            emitBlocks(samplesOut);
        }
    }

    private void ensureResampler(AVFrame in) {
        if (resampler != null) {
            return;
        }
        PointerPointer<SwrContext> holder = new PointerPointer<>(1);
        holder.put(0, (org.bytedeco.javacpp.Pointer) null); // swr_alloc_set_opts2 reuses a non-null *ps
        try {
            EncoderException.check("swr_alloc_set_opts2", swr_alloc_set_opts2(holder, outLayout, AV_SAMPLE_FMT_FLTP, sampleRate,
                    in.ch_layout(), in.format(), in.sample_rate(), 0, null));
            resampler = new SwrContext(holder.get(0));
        } finally {
            holder.close();
        }
        EncoderException.check("swr_init", swr_init(resampler));
    }

    /** Runs the resampler on {@code count} input samples (none to drain it) and appends its output to the FIFO. */
    private int convert(PointerPointer<?> input, int count) {
        int capacity = swr_get_out_samples(resampler, count);
        if (capacity <= 0) {
            return 0;
        }
        if (resampled == null || resampled.nb_samples() < capacity) {
            if (resampled != null) {
                av_frame_free(resampled);
            }
            resampled = av_frame_alloc();
            resampled.format(AV_SAMPLE_FMT_FLTP);
            resampled.sample_rate(sampleRate);
            resampled.nb_samples(capacity);
            av_channel_layout_copy(resampled.ch_layout(), outLayout);
            EncoderException.check("av_frame_get_buffer(resampled audio)", av_frame_get_buffer(resampled, 0));
        }
        int n = EncoderException.check("swr_convert", swr_convert(resampler, resampled.extended_data(), capacity, input, count));
        ensureCapacity(fifoLength + n);
        for (int c = 0; c < channels; c++) {
            new FloatPointer(resampled.extended_data(c)).get(fifo[c], fifoLength, n);
        }
        fifoLength += n;
        return n;
    }

    private void ensureCapacity(int length) {
        if (fifo[0].length >= length) {
            return;
        }
        for (int c = 0; c < channels; c++) {
            fifo[c] = Arrays.copyOf(fifo[c], Math.max(length, fifo[c].length * 2));
        }
    }

    private void emitBlocks(long[] samplesOut) throws InterruptedException {
        while (fifoLength >= BLOCK) {
            float[] planar = new float[channels * BLOCK];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(fifo[c], 0, planar, c * BLOCK, BLOCK);
                System.arraycopy(fifo[c], BLOCK, fifo[c], 0, fifoLength - BLOCK);
            }
            var capture = captureTimes.floorEntry(fifoStart);
            fifoLength -= BLOCK;
            fifoStart += BLOCK;
            captureTimes.headMap(fifoStart, false).clear();
            if (capture != null && !captureTimes.containsKey(fifoStart)) {
                captureTimes.put(fifoStart, capture.getValue());
            }
            sink.onAudio(new RawAudioFrame(sampleRate, channels, BLOCK, planar, nextPts, capture == null ? 0 : capture.getValue()));
            nextPts += BLOCK;
            samplesOut[0] += BLOCK;
        }
    }

    @Override
    public void close() {
        avcodec_free_context(context);
        av_frame_free(decoded);
        if (resampled != null) {
            av_frame_free(resampled);
        }
        av_packet_free(packet);
        if (resampler != null) {
            swr_free(resampler);
        }
        av_channel_layout_uninit(outLayout);
        outLayout.close();
    }
}
