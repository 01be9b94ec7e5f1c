package io.glass2glass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.Rendition;
import io.glass2glass.pipeline.LivePipeline;
import io.glass2glass.testing.EndToEnd;
import io.glass2glass.testing.ExternalTool;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline {@code serve} runs, on a free port, read by an independent client: Debian's ffmpeg
 * opens the HLS multivariant playlist and the DASH MPD over HTTP and decodes every rung and the audio.
 */
@EndToEnd
class ServeEndToEndTest {

    private static LivePipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        ExternalTool.require("ffmpeg");
        // As serve runs it: the origin behind one cdn-live edge, the client talking to the edge.
        pipeline = LivePipeline.start(LivePipeline.Options.defaults().withHttpPort(0).withEdges(1, "cdn-live", 0));
        assertTrue(pipeline.awaitSegments(3, Duration.ofSeconds(60)), "three segments on every rendition within 60 s");
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void ffmpegDecodesEveryRungAndTheAudioThroughHls() throws Exception {
        assertDecodesEveryRendition(pipeline.streamUrl() + "master.m3u8");
    }

    @Test
    void ffmpegDecodesEveryRungAndTheAudioThroughDash() throws Exception {
        assertDecodesEveryRendition(pipeline.streamUrl() + "manifest.mpd");
    }

    /**
     * Decodes three seconds of every stream the client finds and checks, from framemd5's per-stream
     * dimensions and frame lines, that each rung's size was decoded and that audio frames came out.
     */
    private static void assertDecodesEveryRendition(String url) throws Exception {
        ExternalTool.Result r = ExternalTool.run(90, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-i", url, "-map", "0:v", "-map", "0:a", "-t", "3", "-f", "framemd5", "-");
        assertEquals(0, r.exitCode(), "ffmpeg exit code; stderr:\n" + r.stderr());
        Map<String, String> dimensionsByStream = new HashMap<>();
        Set<String> audioStreams = new HashSet<>();
        Matcher dims = Pattern.compile("(?m)^#dimensions (\\d+): (\\d+x\\d+)$").matcher(r.stdout());
        while (dims.find()) {
            dimensionsByStream.put(dims.group(1), dims.group(2));
        }
        Matcher media = Pattern.compile("(?m)^#media_type (\\d+): audio$").matcher(r.stdout());
        while (media.find()) {
            audioStreams.add(media.group(1));
        }
        Map<String, Integer> frames = new HashMap<>();
        Matcher frame = Pattern.compile("(?m)^(\\d+),").matcher(r.stdout());
        while (frame.find()) {
            frames.merge(frame.group(1), 1, Integer::sum);
        }
        for (Rendition rung : pipeline.ladder().video()) {
            String size = rung.width() + "x" + rung.height();
            String stream = dimensionsByStream.entrySet().stream().filter(e -> e.getValue().equals(size)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError(url + ": no decoded stream at " + size + " in " + dimensionsByStream));
            assertTrue(frames.getOrDefault(stream, 0) >= 60, size + " decoded at least 2 s of frames: " + frames.get(stream));
        }
        assertTrue(audioStreams.stream().anyMatch(s -> frames.getOrDefault(s, 0) >= 50), "audio frames decoded: " + frames);
    }
}
