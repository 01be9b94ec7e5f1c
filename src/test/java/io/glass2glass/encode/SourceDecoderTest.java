package io.glass2glass.encode;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import io.glass2glass.encode.AbrEncoderTest.CollectingSink;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawAudioFrame;
import io.glass2glass.media.RawMediaSink;
import io.glass2glass.media.RawVideoFrame;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.media.codec.AnnexB;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import io.glass2glass.source.SyntheticSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Real FFmpeg both ways: our encoder's output, decoded by SourceDecoder, re-encoded on another ladder. */
class SourceDecoderTest {

    private static final int FRAMES = 95;
    private static final int RTMP_TIMESCALE = 1000;

    private static final Ladder TARGET = new Ladder("target", 30, 1, List.of(Rendition.video("v1", 256, 144, 250),
            Rendition.video("v2", 192, 108, 150)), Rendition.audio("audio", 64), 48_000, 2, "veryfast");

    private static Ladder publisher(int sampleRate, int channels) {
        return new Ladder("publisher", 30, 1, List.of(Rendition.video("src", 320, 180, 400)), Rendition.audio("aac", 64),
                sampleRate, channels, "veryfast");
    }

    /** What a publisher sends: our own encoder's samples with their times in milliseconds, as RTMP carries them. */
    record Published(TrackInfo video, TrackInfo audio, List<MediaSample> samples, int aacFrames) {}

    private static Published publish(int sampleRate, int channels) throws InterruptedException {
        Ladder ladder = publisher(sampleRate, channels);
        CollectingSink sink = new CollectingSink();
        try (AbrEncoder encoder = new AbrEncoder("pub", ladder, 320, 180, Timescales.VIDEO, sink);
                SyntheticSource source = new SyntheticSource(320, 180, 30, sampleRate, channels, false, FRAMES, encoder)) {
            source.start();
            assertTrue(encoder.awaitEnd(60, TimeUnit.SECONDS), "publisher encoder finished");
            assertNull(encoder.failure());
        }
        List<MediaSample> samples = new ArrayList<>();
        sink.samples.get("src").forEach(s -> samples.add(toMillis(s)));
        sink.samples.get("aac").forEach(s -> samples.add(toMillis(s)));
        // Interleaved by decode time, as the publisher's FLV tags arrive.
        samples.sort(Comparator.comparingLong(MediaSample::dts));
        return new Published(sink.tracks.get("src"), sink.tracks.get("aac"), samples, sink.samples.get("aac").size());
    }

    private static MediaSample toMillis(MediaSample s) {
        return new MediaSample(s.kind(), ms(s.dts(), s.timescale()), ms(s.pts(), s.timescale()), ms(s.duration(), s.timescale()),
                RTMP_TIMESCALE, s.keyframe(), s.data(), s.captureTimeMicros());
    }

    private static long ms(long ticks, int timescale) {
        return Math.round((double) ticks * RTMP_TIMESCALE / timescale);
    }

    /** Records what the decoder delivers and hands it on to the second encoder. */
    static final class RecordingSink implements RawMediaSink {
        final RawMediaSink next;
        final List<RawVideoFrame> pictures = new ArrayList<>();
        final List<RawAudioFrame> blocks = new ArrayList<>();

        RecordingSink(RawMediaSink next) {
            this.next = next;
        }

        @Override
        public void onVideo(RawVideoFrame frame) throws InterruptedException {
            pictures.add(frame);
            next.onVideo(frame);
        }

        @Override
        public void onAudio(RawAudioFrame frame) throws InterruptedException {
            blocks.add(frame);
            next.onAudio(frame);
        }
    }

    /** The outcome of decoding a publish into the target ladder's encoder. */
    record Transcoded(CollectingSink encoded, RecordingSink decoded, SourceDecoder decoder) {}

    private static Transcoded transcode(Published published, List<MediaSample> samples) throws InterruptedException {
        CollectingSink encoded = new CollectingSink();
        Rendition top = TARGET.top();
        try (AbrEncoder encoder = new AbrEncoder("out", TARGET, top.width(), top.height(), Timescales.VIDEO, encoded)) {
            RecordingSink decoded = new RecordingSink(encoder);
            try (SourceDecoder decoder = new SourceDecoder(decoded, top.width(), top.height(), TARGET.audioSampleRate(),
                    TARGET.audioChannels())) {
                decoder.onTrack(published.video());
                decoder.onTrack(published.audio());
                for (MediaSample s : samples) {
                    decoder.onSample(s);
                }
                decoder.flush();
                encoder.onEnd();
                assertTrue(encoder.awaitEnd(60, TimeUnit.SECONDS), "target encoder finished");
                assertNull(encoder.failure());
                return new Transcoded(encoded, decoded, decoder);
            }
        }
    }

    private static void assertContiguousBlocks(List<RawAudioFrame> blocks, int sampleRate, int channels) {
        assertTrue(!blocks.isEmpty(), "audio decoded");
        assertEquals(0, blocks.get(0).pts(), "audio starts at the first sample's time");
        for (int i = 0; i < blocks.size(); i++) {
            RawAudioFrame b = blocks.get(i);
            assertEquals(sampleRate, b.sampleRate());
            assertEquals(channels, b.channels());
            assertEquals(Timescales.AAC_FRAME_SAMPLES, b.samplesPerChannel());
            assertEquals((long) i * Timescales.AAC_FRAME_SAMPLES, b.pts(), "block " + i + " follows the previous one");
        }
    }

    private static double rms(float[] samples, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }

    @Test
    void rtmpTimedPublishIsDecodedScaledAndReencodedOnTheTargetLadder() throws Exception {
        Published published = publish(48_000, 2);
        Transcoded t = transcode(published, published.samples());

        List<RawVideoFrame> pictures = t.decoded().pictures;
        assertEquals(FRAMES, pictures.size(), "every published picture decoded");
        assertEquals(FRAMES, t.decoder().videoFramesDecoded());
        for (int i = 0; i < pictures.size(); i++) {
            RawVideoFrame p = pictures.get(i);
            assertEquals(256, p.width(), "scaled to the top rung");
            assertEquals(144, p.height());
            assertEquals(Timescales.VIDEO, p.timescale());
            assertEquals(i, p.frameNumber(), "frame numbers count up");
            // 33 or 67 ms in RTMP's timescale, back in 90 kHz ticks: within a millisecond of the source's.
            assertEquals(i * 3000L, p.pts(), 90, "pts of picture " + i);
            assertTrue(p.captureTimeMicros() > 0, "capture time carried from the sample");
        }
        for (int i = 1; i < pictures.size(); i++) {
            assertTrue(pictures.get(i).pts() > pictures.get(i - 1).pts(), "presentation order");
            assertTrue(pictures.get(i).captureTimeMicros() >= pictures.get(i - 1).captureTimeMicros(), "capture times grow");
        }

        for (Rendition r : TARGET.video()) {
            List<MediaSample> video = t.encoded().samples.get(r.id());
            assertEquals(FRAMES, video.size(), r.id() + " encodes every decoded picture");
            List<Long> keyPts = video.stream().filter(MediaSample::keyframe).map(MediaSample::pts).sorted().toList();
            assertEquals(List.of(0L, 90_000L, 180_000L, 270_000L), keyPts, r.id() + " IDRs on the 1 s boundaries");
            assertEquals(r.width(), t.encoded().tracks.get(r.id()).width());
        }

        assertContiguousBlocks(t.decoded().blocks, 48_000, 2);
        long published1024 = (long) published.aacFrames() * Timescales.AAC_FRAME_SAMPLES;
        assertEquals(published1024, t.decoder().audioSamplesDecoded(), Timescales.AAC_FRAME_SAMPLES, "all published audio decoded");
        RawAudioFrame middle = t.decoded().blocks.get(t.decoded().blocks.size() / 2);
        assertTrue(rms(middle.planar(), 0, 1024) > 0.01, "the tone survives the round trip");
        List<MediaSample> aac = t.encoded().samples.get("audio");
        for (int i = 1; i < aac.size(); i++) {
            assertEquals(aac.get(i - 1).pts() + 1024, aac.get(i).pts(), "re-encoded AAC frames are contiguous");
        }
        assertEquals(0, t.decoder().videoDecodeErrors());
        assertEquals(0, t.decoder().audioDecodeErrors());
    }

    @Test
    void monoAacAt44100IsResampledToTheLadderRateAndChannels() throws Exception {
        Published published = publish(44_100, 1);
        assertEquals(44_100, published.audio().sampleRate());
        assertEquals(1, published.audio().channels());
        Transcoded t = transcode(published, published.samples());

        List<RawAudioFrame> blocks = t.decoded().blocks;
        assertContiguousBlocks(blocks, 48_000, 2);
        long expected = Math.round((double) published.aacFrames() * Timescales.AAC_FRAME_SAMPLES * 48_000 / 44_100);
        assertEquals(expected, t.decoder().audioSamplesDecoded(), 2 * Timescales.AAC_FRAME_SAMPLES, "duration kept across the resampling");
        RawAudioFrame middle = blocks.get(blocks.size() / 2);
        assertTrue(rms(middle.planar(), 0, 1024) > 0.01, "left channel carries the tone");
        assertTrue(rms(middle.planar(), 1024, 1024) > 0.01, "mono is up-mixed to the right channel too");
        assertEquals(FRAMES, t.encoded().samples.get("v1").size());
    }

    @Test
    void samplesBeforeTheFirstKeyframeAreSkipped() throws Exception {
        Published published = publish(48_000, 2);
        // Join the stream 10 pictures in, as a publisher whose first GOP was lost: decoding starts at the IDR at 1 s.
        List<MediaSample> late = new ArrayList<>();
        int videoSeen = 0;
        for (MediaSample s : published.samples()) {
            if (s.kind() == MediaKind.VIDEO && videoSeen++ < 10) {
                continue;
            }
            late.add(s);
        }
        Transcoded t = transcode(published, late);
        List<RawVideoFrame> pictures = t.decoded().pictures;
        assertEquals(FRAMES - 30, pictures.size(), "pictures from the second IDR on");
        assertEquals(90_000, pictures.get(0).pts());
        assertEquals(0, pictures.get(0).frameNumber());
        assertEquals(0, t.decoder().videoDecodeErrors(), "skipped, not failed");
    }

    @Test
    void corruptSamplesAreCountedAndSkipped() throws Exception {
        Published published = publish(48_000, 2);
        Random random = new Random(42);
        List<MediaSample> samples = new ArrayList<>();
        int video = 0;
        int audio = 0;
        for (MediaSample s : published.samples()) {
            samples.add(s);
            if (s.kind() == MediaKind.VIDEO && ++video == 40) {
                byte[] garbage = new byte[600];
                random.nextBytes(garbage);
                samples.add(new MediaSample(MediaKind.VIDEO, s.dts(), s.pts(), s.duration(), s.timescale(), false, garbage,
                        s.captureTimeMicros()));
            }
            if (s.kind() == MediaKind.AUDIO && ++audio == 40) {
                byte[] garbage = new byte[200];
                random.nextBytes(garbage);
                samples.add(new MediaSample(MediaKind.AUDIO, s.dts(), s.pts(), s.duration(), s.timescale(), true, garbage,
                        s.captureTimeMicros()));
            }
        }
        Transcoded t = assertDoesNotThrow(() -> transcode(published, samples));
        assertTrue(t.decoder().videoDecodeErrors() >= 1, "the H.264 garbage was rejected");
        assertTrue(t.decoder().audioDecodeErrors() >= 1, "the AAC garbage was rejected");
        assertTrue(t.decoded().pictures.size() >= FRAMES - 1, "decoding went on after the corrupt sample");
        assertContiguousBlocks(t.decoded().blocks, 48_000, 2);
        for (Rendition r : TARGET.video()) {
            assertTrue(t.encoded().samples.get(r.id()).size() >= FRAMES - 1, r.id() + " kept encoding");
        }
    }

    /**
     * A publisher whose encoder is not ours: {@code frames} black pictures of 320x180 in {@code pixelFormat},
     * straight from libx264, as length-prefixed samples in milliseconds.
     */
    private static Published publishPixelFormat(int pixelFormat, String profile, int frames) {
        AVCodec codec = avcodec_find_encoder_by_name("libx264");
        AVCodecContext context = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame picture = av_frame_alloc();
        try {
            context.width(320);
            context.height(180);
            context.pix_fmt(pixelFormat);
            context.time_base(av_make_q(1, RTMP_TIMESCALE));
            context.framerate(av_make_q(25, 1));
            context.gop_size(frames);
            context.max_b_frames(0);
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "preset", "ultrafast", 0);
            av_dict_set(options, "profile", profile, 0);
            int opened = avcodec_open2(context, codec, options);
            av_dict_free(options);
            Assumptions.assumeTrue(opened >= 0, "this libx264 encodes pixel format " + pixelFormat);
            byte[] headers = new byte[context.extradata_size()];
            context.extradata().get(headers);
            byte[] avcC = AvcDecoderConfigurationRecord.fromAnnexB(headers);
            TrackInfo track = TrackInfo.video(AvcDecoderConfigurationRecord.codecString(avcC), RTMP_TIMESCALE, 320, 180, 25, avcC);

            picture.format(pixelFormat);
            picture.width(320);
            picture.height(180);
            assertEquals(0, av_frame_get_buffer(picture, 0));
            List<MediaSample> samples = new ArrayList<>();
            for (int i = 0; i <= frames; i++) {
                if (i < frames) {
                    assertEquals(0, av_frame_make_writable(picture));
                    // All-zero planes: full-range black luma, and for 10 bits the darkest code with green-ish chroma.
                    for (int plane = 0; plane < 3; plane++) {
                        int rows = plane == 0 ? 180 : 90;
                        BytePointer data = picture.data(plane);
                        for (long b = 0; b < (long) rows * picture.linesize(plane); b++) {
                            data.put(b, (byte) 0);
                        }
                    }
                    picture.pts(i * 40L);
                    assertEquals(0, avcodec_send_frame(context, picture));
                } else {
                    avcodec_send_frame(context, null);
                }
                while (avcodec_receive_packet(context, packet) == 0) {
                    byte[] annexB = new byte[packet.size()];
                    packet.data().get(annexB);
                    samples.add(new MediaSample(MediaKind.VIDEO, packet.dts(), packet.pts(), 40, RTMP_TIMESCALE,
                            (packet.flags() & AV_PKT_FLAG_KEY) != 0, AnnexB.toLengthPrefixed(annexB), 1L));
                    av_packet_unref(packet);
                }
            }
            return new Published(track, null, samples, 0);
        } finally {
            av_frame_free(picture);
            av_packet_free(packet);
            avcodec_free_context(context);
        }
    }

    /** Decodes a video-only publish straight into a recording sink at {@code width}x{@code height}. */
    private static RecordingSink decodeVideo(Published published, int width, int height) throws InterruptedException {
        RawMediaSink nowhere = new RawMediaSink() {
            @Override
            public void onVideo(RawVideoFrame frame) {}

            @Override
            public void onAudio(RawAudioFrame frame) {}
        };
        RecordingSink recording = new RecordingSink(nowhere);
        try (SourceDecoder decoder = new SourceDecoder(recording, width, height, 48_000, 2)) {
            decoder.onTrack(published.video());
            for (MediaSample s : published.samples()) {
                decoder.onSample(s);
            }
            decoder.flush();
            assertEquals(0, decoder.videoDecodeErrors());
        }
        return recording;
    }

    @Test
    void fullRangeYuvjIsConvertedToLimitedRangeI420() throws Exception {
        Published published = publishPixelFormat(AV_PIX_FMT_YUVJ420P, "high", 10);
        RecordingSink decoded = decodeVideo(published, 320, 180);
        assertEquals(10, decoded.pictures.size());
        for (RawVideoFrame p : decoded.pictures) {
            assertEquals(320, p.width());
            assertEquals(180, p.height());
        }
        int luma = decoded.pictures.get(5).i420()[320 * 90 + 160] & 0xff;
        assertEquals(16, luma, 3, "full-range black maps to video-range black");
    }

    @Test
    void tenBitPicturesAreConvertedToEightBitI420() throws Exception {
        Published published = publishPixelFormat(AV_PIX_FMT_YUV420P10LE, "high10", 10);
        RecordingSink decoded = decodeVideo(published, 256, 144);
        assertEquals(10, decoded.pictures.size());
        assertEquals(256, decoded.pictures.get(0).width());
        assertEquals(144, decoded.pictures.get(0).height());
        assertEquals(3_600, decoded.pictures.get(1).pts(), "40 ms in 90 kHz ticks");
        assertEquals(9, decoded.pictures.get(9).frameNumber());
    }
}
