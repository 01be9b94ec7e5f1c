package io.glass2glass.encode;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawVideoFrame;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AnnexB;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * One H.264 rung of the ladder: scales the source picture to the rung's size (unless it already
 * is) and encodes it with libx264, on the calling thread.
 *
 * <p>Frames go straight from the source's I420 buffer into FFmpeg's frame (one copy), are scaled
 * by swscale from planar YUV to planar YUV (no colour conversion), and x264 gets an IDR at every
 * multiple of the segment duration (forced picture type, closed GOP, scene cut off), so segment
 * boundaries fall at the same presentation time on every rung (ISO/IEC 23000-19 §7.3.2 alignment).
 */
final class VideoRungEncoder implements AutoCloseable {

    private final Rendition rendition;
    private final EncodedMediaSink sink;
    private final int sourceWidth;
    private final int sourceHeight;
    private final int timescale;
    private final long segmentTicks;
    private final long frameTicks;
    private final AVCodecContext context;
    private final AVFrame picture;
    private final AVFrame sourcePicture;
    private final SwsContext scaler;
    private final AVPacket packet = av_packet_alloc();
    private final Map<Long, Long> captureTimes = new HashMap<>();
    private final TrackInfo track;
    private long nextIdrPts;
    private long dtsShift = Long.MIN_VALUE;
    private MediaSample pending;
    private long framesIn;
    private long busyNanos;
    private long lastPts = -1;

    VideoRungEncoder(Rendition rendition, Ladder ladder, int sourceWidth, int sourceHeight, int timescale, EncodedMediaSink sink) {
        this.rendition = rendition;
        this.sink = sink;
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.timescale = timescale;
        this.frameTicks = Math.round(timescale / ladder.frameRate());
        this.segmentTicks = frameTicks * ladder.framesPerSegment();

        AVCodec codec = avcodec_find_encoder_by_name("libx264");
        if (codec == null) {
            throw new EncoderException("libx264 is not in this FFmpeg build");
        }
        context = avcodec_alloc_context3(codec);
        context.width(rendition.width());
        context.height(rendition.height());
        context.pix_fmt(AV_PIX_FMT_YUV420P);
        context.time_base(av_make_q(1, timescale));
        context.framerate(av_d2q(ladder.frameRate(), 100_000));
        context.sample_aspect_ratio(av_make_q(1, 1));
        context.bit_rate(rendition.bitrateKbps() * 1000L);
        // Constant bitrate with filler, as broadcast live encoders run: segment sizes follow the ladder
        // whatever the picture, so a load test moves the bytes the ladder promises.
        context.rc_max_rate(rendition.bitrateKbps() * 1000L);
        context.rc_buffer_size(rendition.bitrateKbps() * 1000);
        context.gop_size(ladder.framesPerSegment());
        context.keyint_min(ladder.framesPerSegment());
        context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        context.thread_count(0); // x264 picks its threads, as the ffmpeg CLI asks it to (threads=auto)
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "preset", ladder.x264Preset(), 0);
        av_dict_set(options, "profile", "high", 0);
        av_dict_set(options, "forced-idr", "1", 0);
        av_dict_set(options, "x264-params", AbrEncoder.x264Params(ladder), 0);
        try {
            EncoderException.check("avcodec_open2(libx264 " + rendition.id() + ")", avcodec_open2(context, codec, options));
        } finally {
            av_dict_free(options);
        }
        byte[] extradata = new byte[context.extradata_size()];
        context.extradata().get(extradata);
        byte[] avcC = AvcDecoderConfigurationRecord.fromAnnexB(extradata);
        track = TrackInfo.video(AvcDecoderConfigurationRecord.codecString(avcC), timescale, rendition.width(),
                rendition.height(), ladder.frameRate(), avcC);

        picture = allocPicture(rendition.width(), rendition.height());
        if (rendition.width() == sourceWidth && rendition.height() == sourceHeight) {
            sourcePicture = null;
            scaler = null;
        } else {
            sourcePicture = allocPicture(sourceWidth, sourceHeight);
            scaler = sws_getContext(sourceWidth, sourceHeight, AV_PIX_FMT_YUV420P, rendition.width(), rendition.height(),
                    AV_PIX_FMT_YUV420P, SWS_BICUBIC, null, null, (DoublePointer) null);
            if (scaler == null) {
                throw new EncoderException("sws_getContext failed for " + rendition.id());
            }
        }
    }

    TrackInfo track() {
        return track;
    }

    Rendition rendition() {
        return rendition;
    }

    /** Encodes one source picture; samples that come out are handed to the sink. */
    void encode(RawVideoFrame frame) {
        if (frame.width() != sourceWidth || frame.height() != sourceHeight) {
            throw new EncoderException("source changed size to " + frame.width() + "x" + frame.height());
        }
        long started = System.nanoTime();
        long pts = Math.round((double) frame.pts() * timescale / frame.timescale());
        if (pts <= lastPts) {
            return; // a repeated or reordered source picture cannot be encoded in order; drop it
        }
        lastPts = pts;
        AVFrame target = sourcePicture == null ? picture : sourcePicture;
        EncoderException.check("av_frame_make_writable", av_frame_make_writable(target));
        copyI420(frame.i420(), frame.width(), frame.height(), target);
        if (scaler != null) {
            EncoderException.check("av_frame_make_writable", av_frame_make_writable(picture));
            sws_scale(scaler, sourcePicture.data(), sourcePicture.linesize(), 0, sourceHeight, picture.data(), picture.linesize());
        }
        picture.pts(pts);
        if (pts >= nextIdrPts) {
            picture.pict_type(AV_PICTURE_TYPE_I);
            nextIdrPts = (pts / segmentTicks + 1) * segmentTicks;
        } else {
            picture.pict_type(AV_PICTURE_TYPE_NONE);
        }
        captureTimes.put(pts, frame.captureTimeMicros());
        EncoderException.check("avcodec_send_frame", avcodec_send_frame(context, picture));
        drain();
        framesIn++;
        busyNanos += System.nanoTime() - started;
    }

    /** Flushes the encoder: every frame sent comes out. */
    void finish() {
        long started = System.nanoTime();
        int r = avcodec_send_frame(context, null);
        if (r < 0 && r != AVERROR_EOF()) {
            throw EncoderException.of("avcodec_send_frame(flush)", r);
        }
        drain();
        if (pending != null) {
            emit(pending, frameTicks);
            pending = null;
        }
        busyNanos += System.nanoTime() - started;
        sink.onEnd(rendition);
    }

    private void drain() {
        while (true) {
            int r = avcodec_receive_packet(context, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return;
            }
            EncoderException.check("avcodec_receive_packet", r);
            try {
                byte[] annexB = new byte[packet.size()];
                packet.data().get(annexB);
                long pts = packet.pts();
                if (dtsShift == Long.MIN_VALUE) {
                    // x264 starts decode times below zero when it reorders B-frames; shift them so the
                    // first IDR decodes at its presentation time and tfdt never goes negative.
                    dtsShift = pts - packet.dts();
                }
                long dts = packet.dts() + dtsShift;
                Long capture = captureTimes.remove(pts);
                MediaSample sample = new MediaSample(MediaKind.VIDEO, dts, pts, 0, timescale,
                        (packet.flags() & AV_PKT_FLAG_KEY) != 0, AnnexB.toLengthPrefixed(annexB), capture == null ? 0 : capture);
                if (pending != null) {
                    emit(pending, dts - pending.dts());
                }
                pending = sample;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private void emit(MediaSample s, long duration) {
        sink.onSample(rendition, new MediaSample(s.kind(), s.dts(), s.pts(), duration > 0 ? duration : frameTicks,
                s.timescale(), s.keyframe(), s.data(), s.captureTimeMicros()));
    }

    long framesIn() {
        return framesIn;
    }

    long busyNanos() {
        return busyNanos;
    }

    long frameTicks() {
        return frameTicks;
    }

    private static AVFrame allocPicture(int width, int height) {
        AVFrame f = av_frame_alloc();
        f.format(AV_PIX_FMT_YUV420P);
        f.width(width);
        f.height(height);
        EncoderException.check("av_frame_get_buffer", av_frame_get_buffer(f, 0));
        return f;
    }

    private static void copyI420(byte[] src, int width, int height, AVFrame dst) {
        copyPlane(src, 0, width, height, dst.data(0), dst.linesize(0));
        int cw = width / 2;
        int ch = height / 2;
        copyPlane(src, width * height, cw, ch, dst.data(1), dst.linesize(1));
        copyPlane(src, width * height + cw * ch, cw, ch, dst.data(2), dst.linesize(2));
    }

    private static void copyPlane(byte[] src, int offset, int width, int height, BytePointer dst, int stride) {
        if (stride == width) {
            dst.position(0).put(src, offset, width * height);
            return;
        }
        for (int y = 0; y < height; y++) {
            dst.position((long) y * stride).put(src, offset + y * width, width);
        }
    }

    @Override
    public void close() {
        avcodec_free_context(context);
        av_frame_free(picture);
        if (sourcePicture != null) {
            av_frame_free(sourcePicture);
        }
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        av_packet_free(packet);
    }
}
