package io.glass2glass.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Picture size and frame rate from SPSs libx264 wrote (ITU-T H.264 §7.3.2.1.1, §E.1.1). */
class AvcSequenceParameterSetTest {

    @Test
    void readsTheFixtureParameterSets() {
        assertEquals(new AvcSequenceParameterSet(1280, 720, 30), AvcSequenceParameterSet.parse(H264Fixtures.HIGH_SPS));
        assertEquals(new AvcSequenceParameterSet(320, 240, 30), AvcSequenceParameterSet.parse(H264Fixtures.BASELINE_SPS));
        assertEquals(new AvcSequenceParameterSet(320, 240, 30), AvcSequenceParameterSet.parse(H264Fixtures.HIGH_422_10BIT_SPS));
    }

    /** Sizes that are not whole macroblocks (cropped), profiles with and without the High fields, NTSC and integer rates. */
    @ParameterizedTest(name = "{0}x{1} {2} {3} fps")
    @CsvSource({
        "640, 360, high, 30",
        "854, 480, main, 25",
        "1920, 1080, high, 30000/1001",
        "176, 144, baseline, 60",
        "642, 362, high444, 24",
    })
    void readsWhatLibx264Wrote(int width, int height, String profile, String rate, @TempDir Path dir) throws Exception {
        Path h264 = dir.resolve("one.h264");
        String pixFmt = profile.equals("high444") ? "yuv444p" : "yuv420p";
        ExternalTool.Result r = ExternalTool.run(60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + rate, "-frames:v", "1",
                "-pix_fmt", pixFmt, "-c:v", "libx264", "-profile:v", profile, "-f", "h264", h264.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        byte[] sps = AnnexB.splitNalUnits(Files.readAllBytes(h264)).stream().filter(u -> (u[0] & 0x1F) == 7).findFirst().orElseThrow();
        AvcSequenceParameterSet parsed = AvcSequenceParameterSet.parse(sps);
        String[] fraction = (rate + "/1").split("/");
        assertEquals(width, parsed.width());
        assertEquals(height, parsed.height());
        assertEquals(Double.parseDouble(fraction[0]) / Double.parseDouble(fraction[1]), parsed.frameRate(), 1e-9);
    }

    @Test
    void anSpsWithoutVuiHasNoFrameRate() {
        // Constrained Baseline 320x240: id 0, log2_max_frame_num 4, POC type 2, 1 reference frame, 20x15 macroblocks, progressive.
        byte[] sps = new SpsBits(66, 0xC0, 13).ue(0).ue(0).ue(2).ue(1).bit(0).ue(19).ue(14).bit(1).bit(1).bit(0).bit(0).nal();
        assertEquals(new AvcSequenceParameterSet(320, 240, 0), AvcSequenceParameterSet.parse(sps));
    }

    @Test
    void interlacedPicturesCountMapUnitsInFieldPairsAndCropInFieldLines() {
        // Main 1920x1080i: 120x34 map units of two macroblock rows each (1088 lines), cropped by 2 units of 4 lines at the bottom.
        byte[] sps = new SpsBits(77, 0x40, 40).ue(0).ue(0).ue(0).ue(2).ue(4).bit(0).ue(119).ue(33)
                .bit(0).bit(1).bit(1).bit(1).ue(0).ue(0).ue(0).ue(2).bit(0).nal();
        assertEquals(new AvcSequenceParameterSet(1920, 1080, 0), AvcSequenceParameterSet.parse(sps));
    }

    @Test
    void truncatedOrForeignUnitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AvcSequenceParameterSet.parse(H264Fixtures.HIGH_PPS));
        assertThrows(IllegalArgumentException.class, () -> AvcSequenceParameterSet.parse(new byte[] {0x67, 0x64}));
        for (int length = 4; length < 10; length++) {
            byte[] cut = Arrays.copyOf(H264Fixtures.HIGH_SPS, length);
            assertThrows(IllegalArgumentException.class, () -> AvcSequenceParameterSet.parse(cut), "cut at " + length);
        }
    }

    @Test
    void randomBytesNeverThrowAnythingButIllegalArgument() {
        Random random = new Random(7);
        for (byte[] seed : List.of(H264Fixtures.HIGH_SPS, H264Fixtures.BASELINE_SPS, H264Fixtures.HIGH_422_10BIT_SPS)) {
            for (int i = 0; i < 2000; i++) {
                byte[] mutated = seed.clone();
                mutated[4 + random.nextInt(mutated.length - 4)] = (byte) random.nextInt(256);
                try {
                    AvcSequenceParameterSet p = AvcSequenceParameterSet.parse(mutated);
                    assertTrue(p.width() > 0 && p.height() > 0 && p.width() <= 16384 && p.height() <= 32768, p.toString());
                } catch (IllegalArgumentException expected) {
                    // refused as invalid: fine
                }
            }
        }
    }

    /** Writes an SPS bit by bit: the NAL header and profile/level bytes, then the fields, then the RBSP stop bit. */
    private static final class SpsBits {
        private final StringBuilder bits = new StringBuilder();
        private final int profile;
        private final int constraints;
        private final int level;

        SpsBits(int profile, int constraints, int level) {
            this.profile = profile;
            this.constraints = constraints;
            this.level = level;
        }

        SpsBits bit(int b) {
            bits.append(b);
            return this;
        }

        /** ue(v), §9.1: leading zeros, then value + 1 in binary. */
        SpsBits ue(int value) {
            String code = Integer.toBinaryString(value + 1);
            bits.append("0".repeat(code.length() - 1)).append(code);
            return this;
        }

        byte[] nal() {
            StringBuilder b = new StringBuilder(bits).append('1');
            while (b.length() % 8 != 0) {
                b.append('0');
            }
            byte[] out = new byte[4 + b.length() / 8];
            out[0] = 0x67;
            out[1] = (byte) profile;
            out[2] = (byte) constraints;
            out[3] = (byte) level;
            for (int i = 0; i < b.length() / 8; i++) {
                out[4 + i] = (byte) Integer.parseInt(b.substring(8 * i, 8 * i + 8), 2);
            }
            return out;
        }
    }
}
