package io.glass2glass.packager.cmaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.MediaKind;
import io.glass2glass.media.MediaSample;
import io.glass2glass.media.TrackInfo;
import io.glass2glass.testing.ExternalTool;
import io.glass2glass.media.codec.AnnexB;
import io.glass2glass.media.codec.AudioSpecificConfig;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that FFmpeg reads what {@link CmafWriter} writes: a CMAF header followed by one segment
 * is a fragmented MP4 file, whose frames ffprobe must decode without a complaint.
 * Skipped where ffmpeg and ffprobe are not on the PATH.
 */
class CmafWriterFfprobeTest {

    private static final int VIDEO_TIMESCALE = 90_000;
    private static final int FRAMES = 3;
    private static final int SAMPLE_RATE = 48_000;
    private static final int AAC_FRAME_SAMPLES = 1024;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireFfmpeg() {
        ExternalTool.require("ffmpeg");
        ExternalTool.require("ffprobe");
    }

    @Test
    void ffprobeDecodesH264HeaderAndSegment() throws Exception {
        Path h264 = dir.resolve("frames.h264");
        run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=30", "-frames:v", String.valueOf(FRAMES),
                "-c:v", "libx264", "-bf", "0", "-bsf:v", "h264_mp4toannexb", "-f", "h264", h264.toString());
        byte[] annexB = Files.readAllBytes(h264);
        byte[] avcC = AvcDecoderConfigurationRecord.fromAnnexB(annexB);
        TrackInfo track = TrackInfo.video(AvcDecoderConfigurationRecord.codecString(avcC), VIDEO_TIMESCALE, 320, 240, 30, avcC);

        List<MediaSample> samples = new ArrayList<>();
        List<byte[]> accessUnit = new ArrayList<>();
        for (byte[] nal : AnnexB.splitNalUnits(annexB)) {
            int type = nal[0] & 0x1F;
            if (type == 7 || type == 8) {
                continue; // parameter sets travel in avcC
            }
            accessUnit.add(nal);
            if (type == 1 || type == 5) { // x264 writes one slice per picture unless told otherwise
                long dts = (long) samples.size() * VIDEO_TIMESCALE / 30;
                samples.add(new MediaSample(MediaKind.VIDEO, dts, dts, VIDEO_TIMESCALE / 30, VIDEO_TIMESCALE, type == 5,
                        AnnexB.lengthPrefixed(accessUnit), 0));
                accessUnit.clear();
            }
        }
        assertEquals(FRAMES, samples.size());

        Map<String, String> stream = probe(track, samples);

        assertEquals("video", stream.get("codec_type"));
        assertEquals("h264", stream.get("codec_name"));
        assertEquals("320", stream.get("width"));
        assertEquals("240", stream.get("height"));
        assertEquals(String.valueOf(FRAMES), stream.get("nb_read_frames"));
    }

    @Test
    void ffprobeDecodesAacHeaderAndSegment() throws Exception {
        Path adts = dir.resolve("tone.aac");
        run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + SAMPLE_RATE, "-t", "0.2",
                "-ac", "2", "-c:a", "aac", "-f", "adts", adts.toString());
        AudioSpecificConfig config = AudioSpecificConfig.aacLc(SAMPLE_RATE, 2);
        TrackInfo track = TrackInfo.audio(config.codecString(), SAMPLE_RATE, 2, config.bytes());

        List<MediaSample> samples = new ArrayList<>();
        for (byte[] frame : rawAacFrames(Files.readAllBytes(adts))) {
            long dts = (long) samples.size() * AAC_FRAME_SAMPLES;
            samples.add(new MediaSample(MediaKind.AUDIO, dts, dts, AAC_FRAME_SAMPLES, SAMPLE_RATE, true, frame, 0));
        }
        assertTrue(samples.size() >= 5, "ffmpeg wrote " + samples.size() + " AAC frames");

        Map<String, String> stream = probe(track, samples);

        assertEquals("audio", stream.get("codec_type"));
        assertEquals("aac", stream.get("codec_name"));
        assertEquals(String.valueOf(SAMPLE_RATE), stream.get("sample_rate"));
        assertEquals("2", stream.get("channels"));
        assertEquals(String.valueOf(samples.size()), stream.get("nb_read_frames"));
    }

    /** Writes header + segment to a file and returns ffprobe's key=value stream description. */
    private Map<String, String> probe(TrackInfo track, List<MediaSample> samples) throws IOException, InterruptedException {
        Path file = dir.resolve(track.kind().name().toLowerCase() + ".mp4");
        byte[] header = CmafWriter.header(track, 1);
        byte[] segment = CmafWriter.segment(track, 1, 1, 0, samples);
        byte[] fileBytes = Arrays.copyOf(header, header.length + segment.length);
        System.arraycopy(segment, 0, fileBytes, header.length, segment.length);
        Files.write(file, fileBytes);

        String output = run("ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "default=noprint_wrappers=1", file.toString());
        Map<String, String> fields = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1).trim());
            }
        }
        return fields;
    }

    /** Raw AAC frames of an ADTS stream (ISO/IEC 14496-3 §1.A.2), headers and CRCs cut off. */
    private static List<byte[]> rawAacFrames(byte[] adts) {
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        while (at + 7 <= adts.length) {
            if ((adts[at] & 0xFF) != 0xFF || (adts[at + 1] & 0xF0) != 0xF0) {
                throw new IllegalStateException("lost ADTS sync at " + at);
            }
            boolean crc = (adts[at + 1] & 0x01) == 0;
            int frameLength = (adts[at + 3] & 0x03) << 11 | (adts[at + 4] & 0xFF) << 3 | (adts[at + 5] & 0xE0) >>> 5;
            int headerLength = crc ? 9 : 7;
            frames.add(Arrays.copyOfRange(adts, at + headerLength, at + frameLength));
            at += frameLength;
        }
        return frames;
    }

    /** Runs a command, failing on a non-zero exit or anything on stderr; returns stdout. */
    private String run(String... command) throws IOException, InterruptedException {
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        process.getOutputStream().close(); // ffmpeg would otherwise wait for keyboard commands
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command[0] + " timed out");
        }
        String errors = Files.readString(stderr);
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed: " + errors);
        assertEquals("", errors.strip(), () -> command[0] + " complained");
        return stdout;
    }

}
