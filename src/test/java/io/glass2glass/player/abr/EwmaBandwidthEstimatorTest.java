package io.glass2glass.player.abr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EwmaBandwidthEstimatorTest {

    @Test
    void usesTheDefaultEstimateBeforeAnySample() {
        EwmaBandwidthEstimator estimator = new EwmaBandwidthEstimator();
        assertFalse(estimator.canEstimate());
        assertEquals(500_000, estimator.estimate());
    }

    @Test
    void aSingleSampleIsTheEstimateThanksToTheZeroFactorCorrection() {
        EwmaBandwidthEstimator estimator = new EwmaBandwidthEstimator();
        estimator.sample(2000, 1_250_000);
        assertTrue(estimator.canEstimate());
        assertEquals(5_000_000, estimator.estimate(), 1e-3);
    }

    @Test
    void convergesToAConstantThroughput() {
        EwmaBandwidthEstimator estimator = new EwmaBandwidthEstimator();
        for (int i = 0; i < 30; i++) {
            estimator.sample(2000, 1_250_000);
            assertEquals(5_000_000, estimator.estimate(), 1e-3);
        }
    }

    @Test
    void samplesShorterThan50msCountAs50ms() {
        EwmaBandwidthEstimator estimator = new EwmaBandwidthEstimator();
        estimator.sample(10, 1000);
        assertEquals(8000 / 0.050, estimator.estimate(), 1e-6);
    }

    @Test
    void followsADropWithTheFastAverageAndARiseWithTheSlowOne() {
        double high = 10_000_000;
        double low = 2_000_000;

        EwmaBandwidthEstimator dropping = settledAt(high);
        dropping.sample(2000, bytesFor(low));
        // After a long history the zero factor is ~1, so one 2 s sample moves each average by (1 - 0.5^(2/halfLife)).
        double fastAfterDrop = low + (high - low) * Math.pow(0.5, 2.0 / 3);
        assertEquals(fastAfterDrop, dropping.estimate(), fastAfterDrop * 1e-3);

        EwmaBandwidthEstimator rising = settledAt(low);
        rising.sample(2000, bytesFor(high));
        double slowAfterRise = high - (high - low) * Math.pow(0.5, 2.0 / 9);
        assertEquals(slowAfterRise, rising.estimate(), slowAfterRise * 1e-3);

        assertTrue(high - dropping.estimate() > 2 * (rising.estimate() - low),
                "a drop moves the estimate more than twice as far as an equal rise");
    }

    private static EwmaBandwidthEstimator settledAt(double bitsPerSecond) {
        EwmaBandwidthEstimator estimator = new EwmaBandwidthEstimator();
        for (int i = 0; i < 60; i++) {
            estimator.sample(2000, bytesFor(bitsPerSecond));
        }
        return estimator;
    }

    private static long bytesFor(double bitsPerSecond) {
        return Math.round(bitsPerSecond * 2 / 8);
    }
}
