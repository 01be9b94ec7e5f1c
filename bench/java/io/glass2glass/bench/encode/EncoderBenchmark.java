package io.glass2glass.bench.encode;

import io.glass2glass.encode.AbrEncoder;
import io.glass2glass.encode.LadderConfig;
import io.glass2glass.media.EncodedMediaSink;
import io.glass2glass.media.Ladder;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.RawAudioFrame;
import io.glass2glass.media.RawVideoFrame;
import io.glass2glass.media.Rendition;
import io.glass2glass.media.Timescales;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.source.TestPattern;
import io.glass2glass.source.Tone;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encoder benchmark: our {@link AbrEncoder} and Debian's {@code ffmpeg} CLI encode the same ladder
 * from the same pictures (our test pattern, written once to a Y4M file that both read) with the
 * same x264 settings, alternately, and the speeds in × real time are compared by their medians.
 *
 * <p>Usage: {@code java -cp glass2glass.jar io.glass2glass.encode.EncoderBenchmark [ladder] [seconds] [runs]}.
 */
public final class EncoderBenchmark {

    private EncoderBenchmark() {}

    public static void main(String[] args) throws Exception {
        Ladder ladder = LadderConfig.load(args.length > 0 ? args[0] : "default");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Rendition top = ladder.top();
        int loopFrames = (int) Math.min(seconds * ladder.frameRate(), 4 * ladder.frameRate());
        int totalFrames = (int) Math.round(seconds * ladder.frameRate());
        Path y4m = Files.createTempFile("g2g-pattern-", ".y4m");
        try {
            List<byte[]> pictures = writeY4m(y4m, top.width(), top.height(), ladder.frameRate(), loopFrames);
            System.out.printf(Locale.ROOT, "ladder %s (%s), %d s of %dx%d at %.2f fps, x264 preset %s, %d runs each%n",
                    ladder.name(), describe(ladder), seconds, top.width(), top.height(), ladder.frameRate(), ladder.x264Preset(), runs);
            double[] ours = new double[runs];
            double[] cli = new double[runs];
            for (int i = 0; i < runs; i++) {
                ours[i] = seconds / runOurs(ladder, pictures, totalFrames);
                cli[i] = seconds / runCli(ladder, y4m, seconds, totalFrames / loopFrames, totalFrames);
                System.out.printf(Locale.ROOT, "run %d: glass2glass %.2fx real time, ffmpeg CLI %.2fx real time%n", i + 1, ours[i], cli[i]);
            }
            double o = median(ours);
            double c = median(cli);
            System.out.printf(Locale.ROOT, "median: glass2glass %.2fx real time, ffmpeg CLI %.2fx real time, ratio %.3f%n", o, c, o / c);
        } finally {
            Files.deleteIfExists(y4m);
        }
    }

    private static String describe(Ladder ladder) {
        List<String> rungs = new ArrayList<>();
        for (Rendition r : ladder.video()) {
            rungs.add(r.width() + "x" + r.height() + "@" + r.bitrateKbps() + "k");
        }
        return String.join(", ", rungs) + (ladder.audio() == null ? "" : ", AAC " + ladder.audio().bitrateKbps() + "k");
    }

    /** Writes {@code frames} pictures of the test pattern as YUV4MPEG2 (4:2:0) and returns them. */
    static List<byte[]> writeY4m(Path file, int width, int height, double fps, int frames) throws IOException {
        TestPattern pattern = new TestPattern(width, height);
        List<byte[]> pictures = new ArrayList<>();
        long start = System.currentTimeMillis() * 1000;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(String.format(Locale.ROOT, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", width, height, Math.round(fps))
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < frames; i++) {
                byte[] p = pattern.render(i, start + Math.round(i * 1e6 / fps));
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(p);
                pictures.add(p);
            }
        }
        return pictures;
    }

    /** Seconds of wall-clock time our encoder takes for {@code totalFrames} pictures (and the matching audio). */
    static double runOurs(Ladder ladder, List<byte[]> pictures, int totalFrames) throws InterruptedException {
        Rendition top = ladder.top();
        AtomicLong bytes = new AtomicLong();
        EncodedMediaSink sink = new EncodedMediaSink() {
            @Override
            public void onTrack(Rendition rendition, TrackInfo track) {}

            @Override
            public void onSample(Rendition rendition, MediaSample sample) {
                bytes.addAndGet(sample.data().length);
            }
        };
        Tone tone = new Tone(ladder.audioSampleRate(), ladder.audioChannels());
        long started = System.nanoTime();
        try (AbrEncoder encoder = new AbrEncoder("bench", ladder, top.width(), top.height(), Timescales.VIDEO, sink)) {
            long audioSample = 0;
            for (int i = 0; i < totalFrames; i++) {
                long pts = Math.round(i * Timescales.VIDEO / ladder.frameRate());
                encoder.onVideo(new RawVideoFrame(top.width(), top.height(), pictures.get(i % pictures.size()), pts,
                        Timescales.VIDEO, i, 0));
                while (audioSample * ladder.frameRate() < (i + 1L) * ladder.audioSampleRate()) {
                    encoder.onAudio(new RawAudioFrame(ladder.audioSampleRate(), ladder.audioChannels(), Timescales.AAC_FRAME_SAMPLES,
                            tone.render(audioSample, Timescales.AAC_FRAME_SAMPLES), audioSample, 0));
                    audioSample += Timescales.AAC_FRAME_SAMPLES;
                }
            }
            encoder.onEnd();
            if (!encoder.awaitEnd(10, TimeUnit.MINUTES) || encoder.failure() != null) {
                throw new IllegalStateException("encoder failed", encoder.failure());
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Seconds of wall-clock time the ffmpeg CLI takes for the same ladder from the Y4M file, looped. */
    static double runCli(Ladder ladder, Path y4m, int seconds, int loops, int totalFrames) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-stream_loop", Integer.toString(Math.max(0, loops)), "-i", y4m.toString(),
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + ladder.audioSampleRate()));
        StringBuilder graph = new StringBuilder("[0:v]split=" + ladder.video().size());
        for (int i = 0; i < ladder.video().size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        Rendition top = ladder.top();
        for (int i = 0; i < ladder.video().size(); i++) {
            Rendition r = ladder.video().get(i);
            graph.append(';').append("[s").append(i).append(']');
            graph.append(r.width() == top.width() && r.height() == top.height() ? "null" : "scale=" + r.width() + ":" + r.height() + ":flags=bicubic");
            graph.append("[v").append(i).append(']');
        }
        cmd.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < ladder.video().size(); i++) {
            Rendition r = ladder.video().get(i);
            cmd.addAll(List.of("-map", "[v" + i + "]", "-c:v:" + i, "libx264", "-preset:v:" + i, ladder.x264Preset(),
                    "-profile:v:" + i, "high", "-b:v:" + i, r.bitrateKbps() + "k", "-maxrate:v:" + i, r.bitrateKbps() + "k",
                    "-bufsize:v:" + i, r.bitrateKbps() + "k", "-x264-params:v:" + i, AbrEncoder.x264Params(ladder),
                    "-force_key_frames:v:" + i, "expr:gte(t,n_forced*" + ladder.segmentSeconds() + ")"));
        }
        if (ladder.audio() != null) {
            cmd.addAll(List.of("-map", "1:a", "-c:a", "aac", "-b:a", ladder.audio().bitrateKbps() + "k",
                    "-ac", Integer.toString(ladder.audioChannels())));
        }
        cmd.addAll(List.of("-frames:v", Integer.toString(totalFrames), "-t", Integer.toString(seconds), "-f", "null", "-"));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("ffmpeg exited " + rc + ": " + new String(output, StandardCharsets.UTF_8) + "\n" + cmd);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
