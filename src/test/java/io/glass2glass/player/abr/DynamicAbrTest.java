package io.glass2glass.player.abr;

import static io.glass2glass.player.abr.AbrFixtures.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DynamicAbrTest {

    /** Always answers the same index and counts the samples it is given. */
    static final class Stub implements AbrAlgorithm {
        final int answer;
        int samples;

        Stub(int answer) {
            this.answer = answer;
        }

        @Override
        public int choose(AbrContext ctx) {
            return answer;
        }

        @Override
        public void onSegmentDownloaded(long bytes, long durationMillis, long nowMillis) {
            samples++;
        }

        @Override
        public long bandwidthEstimate() {
            return 1000L * answer;
        }

        @Override
        public String name() {
            return "stub" + answer;
        }
    }

    @Test
    void switchesToBolaAbove18sAndBackAt9sWithHysteresisBetween() {
        Stub throughput = new Stub(0);
        Stub bola = new Stub(3);
        DynamicAbr dynamic = new DynamicAbr(throughput, bola);
        double[] buffers = {0, 10, 18, 18.5, 12, 9.5, 9, 12, 17.9, 18.1, 30};
        int[] expected = {0, 0, 0, 3, 3, 3, 0, 0, 0, 3, 3};
        for (int i = 0; i < buffers.length; i++) {
            assertEquals(expected[i], dynamic.choose(ctx(1, buffers[i], i * 1000L, false)), "buffer " + buffers[i] + " s");
        }
        assertSame(bola, dynamic.active());
        assertEquals(3000, dynamic.bandwidthEstimate());
    }

    @Test
    void bothRulesSeeEveryDownload() {
        Stub throughput = new Stub(0);
        Stub bola = new Stub(3);
        DynamicAbr dynamic = new DynamicAbr(throughput, bola);
        for (int i = 0; i < 5; i++) {
            dynamic.onSegmentDownloaded(250_000, 500, i * 2000L);
        }
        dynamic.choose(ctx(1, 25, 10_000, false));
        dynamic.onSegmentDownloaded(250_000, 500, 12_000);
        assertEquals(6, throughput.samples);
        assertEquals(6, bola.samples);
    }

    @Test
    void defaultPairsHlsJsThroughputWithBola() {
        DynamicAbr dynamic = new DynamicAbr();
        assertEquals("dynamic", dynamic.name());
        assertEquals("throughput", dynamic.active().name());
        dynamic.choose(ctx(-1, 20, 0, false));
        assertEquals("bola", dynamic.active().name());
    }
}
