package io.glass2glass.rtmp.flv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glass2glass.testing.ExternalTool;
import java.nio.file.Path;

/** FLV files recorded by Debian's ffmpeg (testsrc2 through libx264, a sine through its AAC encoder), as a real publisher would send them. */
public final class RecordedFlv {

    private RecordedFlv() {
    }

    /**
     * Records {@code seconds} of {@code width}x{@code height} at 30 fps with a keyframe every
     * {@code gopFrames}, and AAC at {@code sampleRate} Hz stereo, to {@code file}.
     */
    public static Path record(Path file, int width, int height, int gopFrames, int sampleRate, double seconds) throws Exception {
        ExternalTool.Result r = ExternalTool.run(120, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate,
                "-t", Double.toString(seconds), "-c:v", "libx264", "-preset", "veryfast", "-g", Integer.toString(gopFrames),
                "-keyint_min", Integer.toString(gopFrames), "-sc_threshold", "0", "-b:v", "800k",
                "-c:a", "aac", "-ac", "2", "-b:a", "96k", "-f", "flv", file.toString());
        assertEquals(0, r.exitCode(), "ffmpeg recording " + file + ": " + r.stderr());
        return file;
    }
}
