package io.glass2glass.encode;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawMediaSink;
import io.glass2glass.media.RawVideoFrame;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.TrackInfo;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * One published H.264 track decoded (ISO/IEC 14496-10 through FFmpeg's decoder) from ISO/IEC 14496-15
 * length-prefixed samples with the avcC as extradata, and brought to I420 at the ladder's top size.
 */
final class SourceVideoDecoder implements AutoCloseable {

    private final RawMediaSink sink;
    private final int width;
    private final int height;
    private final int timescale;
    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame converted;
    private final Map<Long, Long> captureTimes = new HashMap<>();
    private SwsContext scaler;
    private int scalerWidth;
    private int scalerHeight;
    private int scalerFormat = AV_PIX_FMT_NONE;
    private boolean sawKeyframe;

    SourceVideoDecoder(TrackInfo track, RawMediaSink sink, int width, int height) {
        this.sink = sink;
        this.width = width;
        this.height = height;
        this.timescale = track.timescale();
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_H264);
        if (codec == null) {
            throw new EncoderException("the h264 decoder is not in this FFmpeg build");
        }
        context = avcodec_alloc_context3(codec);
        context.pkt_timebase(av_make_q(1, timescale));
        // With the avcC as extradata FFmpeg reads the samples as length-prefixed NAL units, not Annex B.
        setExtradata(context, track.decoderConfig());
        context.thread_count(0);
        EncoderException.check("avcodec_open2(h264 decoder)",
                avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null));
        converted = av_frame_alloc();
        converted.format(AV_PIX_FMT_YUV420P);
        converted.width(width);
        converted.height(height);
        EncoderException.check("av_frame_get_buffer(decoded picture)", av_frame_get_buffer(converted, 0));
    }

    static void setExtradata(AVCodecContext context, byte[] config) {
        if (config == null || config.length == 0) {
            return;
        }
        BytePointer extradata = new BytePointer(av_mallocz(config.length + AV_INPUT_BUFFER_PADDING_SIZE));
        extradata.put(config, 0, config.length);
        context.extradata(extradata);
        context.extradata_size(config.length);
    }

    /**
     * Decodes one access unit. Returns false when FFmpeg rejected it (corrupt data); a sample before
     * the first keyframe is dropped and counts as accepted.
     */
    boolean decode(MediaSample sample, FrameCounter counter) throws InterruptedException {
        if (!sawKeyframe) {
            if (!sample.keyframe()) {
                return true;
            }
            sawKeyframe = true;
        }
        if (sample.data().length == 0) {
            return true; // an empty packet would put FFmpeg into draining mode
        }
        EncoderException.check("av_new_packet", av_new_packet(packet, sample.data().length));
        try {
            packet.data().put(sample.data(), 0, sample.data().length);
            packet.pts(sample.pts());
            packet.dts(sample.dts());
            packet.duration(sample.duration());
            packet.flags(sample.keyframe() ? AV_PKT_FLAG_KEY : 0);
            boolean timed = captureTimes.putIfAbsent(sample.pts(), sample.captureTimeMicros()) == null;
            int r = avcodec_send_packet(context, packet);
            if (r < 0) {
                if (timed) {
                    captureTimes.remove(sample.pts());
                }
                return false;
            }
        } finally {
            av_packet_unref(packet);
        }
        return drain(counter);
    }

    /** Drains every picture the decoder still holds. */
    void flush(FrameCounter counter) throws InterruptedException {
        int r = avcodec_send_packet(context, null);
        if (r < 0 && r != AVERROR_EOF()) {
            return;
        }
        drain(counter);
        captureTimes.clear();
    }

    private boolean drain(FrameCounter counter) throws InterruptedException {
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
                Long capture = captureTimes.remove(sourcePts);
                long oldest = sourcePts - 10L * timescale;
                // Pictures the decoder dropped (errors concealed away) must not leave their times behind.
                captureTimes.keySet().removeIf(t -> t < oldest);
                long pts = av_rescale(sourcePts, Timescales.VIDEO, timescale);
                byte[] i420 = toI420();
                sink.onVideo(new RawVideoFrame(width, height, i420, pts, Timescales.VIDEO, counter.next(),
                        capture == null ? 0 : capture));
            } finally {
                av_frame_unref(decoded);
            }
        }
    }

    private byte[] toI420() {
        AVFrame source = decoded;
        if (decoded.width() != width || decoded.height() != height || decoded.format() != AV_PIX_FMT_YUV420P) {
            ensureScaler(decoded.width(), decoded.height(), decoded.format());
            EncoderException.check("av_frame_make_writable(decoded picture)", av_frame_make_writable(converted));
            sws_scale(scaler, decoded.data(), decoded.linesize(), 0, decoded.height(), converted.data(), converted.linesize());
            source = converted;
        }
        byte[] i420 = new byte[width * height * 3 / 2];
        int cw = width / 2;
        int ch = height / 2;
        copyPlane(source.data(0), source.linesize(0), i420, 0, width, height);
        copyPlane(source.data(1), source.linesize(1), i420, width * height, cw, ch);
        copyPlane(source.data(2), source.linesize(2), i420, width * height + cw * ch, cw, ch);
        return i420;
    }

    private void ensureScaler(int w, int h, int format) {
        if (scaler != null && w == scalerWidth && h == scalerHeight && format == scalerFormat) {
            return;
        }
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        scaler = sws_getContext(w, h, format, width, height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, null, null, (DoublePointer) null);
        if (scaler == null) {
            throw new EncoderException("sws_getContext failed for " + w + "x" + h + " format " + format);
        }
        scalerWidth = w;
        scalerHeight = h;
        scalerFormat = format;
    }

    private static void copyPlane(BytePointer src, int stride, byte[] dst, int offset, int width, int height) {
        if (stride == width) {
            src.position(0).get(dst, offset, width * height);
            return;
        }
        for (int y = 0; y < height; y++) {
            src.position((long) y * stride).get(dst, offset + y * width, width);
        }
    }

    @Override
    public void close() {
        avcodec_free_context(context);
        av_frame_free(decoded);
        av_frame_free(converted);
        av_packet_free(packet);
        if (scaler != null) {
            sws_freeContext(scaler);
        }
    }

    /** Frame numbers that keep counting across decoders when the publisher restarts. */
    static final class FrameCounter {
        private long next;

        long next() {
            return next++;
        }

        long count() {
            return next;
        }
    }
}
