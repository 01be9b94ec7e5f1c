package io.glass2glass.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.pipeline.LivePipeline;
import java.time.Duration;

/** The embedded pipeline on a free port, started for end-to-end tests once it has three segments. */
public final class LiveStream {

    private LiveStream() {}

    /** Starts the default pipeline and waits until it is live (three segments). */
    public static LivePipeline start() throws Exception {
        LivePipeline pipeline = LivePipeline.start(LivePipeline.Options.defaults().withHttpPort(0));
        assertTrue(pipeline.awaitSegments(3, Duration.ofSeconds(60)), "stream live");
        return pipeline;
    }

    /** Stops what {@link #start} started; null (a failed start) is fine. */
    public static void stop(LivePipeline pipeline) {
        if (pipeline != null) {
            pipeline.close();
        }
    }
}
