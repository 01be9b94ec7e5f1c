package io.glass2glass.player.abr;

import static io.glass2glass.player.abr.AbrFixtures.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixedAbrTest {

    @Test
    void alwaysChoosesTheNamedRendition() {
        FixedAbr fixed = new FixedAbr("720p");
        assertEquals("fixed:720p", fixed.name());
        assertEquals(2, fixed.choose(ctx(-1, 0, 0, false)));
        fixed.onSegmentDownloaded(50_000, 2000, 2000); // 200 kb/s, far below 720p
        assertEquals(2, fixed.choose(ctx(2, 0.5, 2000, false)));
        assertEquals(2, fixed.choose(ctx(2, 40, 4000, true)));
        assertEquals(200_000, fixed.bandwidthEstimate());
    }

    @Test
    void anUnknownRenditionIsAnErrorListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FixedAbr("4k").choose(ctx(-1, 0, 0, false)));
        assertTrue(e.getMessage().contains("'4k'"), e.getMessage());
        assertTrue(e.getMessage().contains("360p, 480p, 720p, 1080p"), e.getMessage());
    }
}
