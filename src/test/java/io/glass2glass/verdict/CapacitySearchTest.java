package io.glass2glass.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.verdict.CapacitySearch.Outcome;
import io.glass2glass.verdict.CapacitySearch.Result;
import io.glass2glass.verdict.CapacitySearch.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

    /** A chain that carries {@code knee} players and breaks on start-up beyond. */
    private static CapacitySearch.Runner chain(int knee) {
        return players -> players <= knee ? new Step(players, Outcome.PASSED, Optional.empty())
                : new Step(players, Outcome.BREACHED, Optional.of("qoe.startupMs p95 < 4000"));
    }

    @Test
    void doublesThenBisectsToTheKneeWithinThePrecision() throws Exception {
        Result r = new CapacitySearch(50, 10_000, 0.1).search(chain(730));
        assertEquals(List.of(50, 100, 200, 400, 800, 600, 700, 750), r.steps().stream().map(Step::players).toList());
        int knee = r.knee().orElseThrow();
        assertTrue(knee <= 730 && r.firstFail().orElseThrow() > 730);
        assertTrue(r.firstFail().get() - knee <= 0.1 * knee);
        assertEquals("knee: 700 players pass; 750 fail first on qoe.startupMs p95 < 4000", r.summary(10_000));
    }

    @Test
    void aChainThatNeverBreaksIsNoKneeUpToTheCeiling() throws Exception {
        Result r = new CapacitySearch(50, 300, 0.1).search(chain(1_000_000));
        assertEquals(List.of(50, 100, 200, 300), r.steps().stream().map(Step::players).toList());
        assertEquals("no knee up to 300 players: every step passed", r.summary(300));
    }

    @Test
    void anOverloadedGeneratorStopsTheSearchInsteadOfReportingAFalseKnee() throws Exception {
        Result r = new CapacitySearch(50, 10_000, 0.1).search(players -> players >= 400
                ? new Step(players, Outcome.GENERATOR_OVERLOADED, Optional.empty()) : new Step(players, Outcome.PASSED, Optional.empty()));
        assertTrue(r.overloaded());
        assertEquals(List.of(50, 100, 200, 400), r.steps().stream().map(Step::players).toList());
        assertTrue(r.summary(10_000).startsWith("no knee: the load generator was overloaded at 400 players (the chain still passed at 200)"));
    }

    @Test
    void aFirstStepThatFailsSaysSo() throws Exception {
        Result r = new CapacitySearch(50, 1_000, 0.1).search(chain(10));
        assertEquals(1, r.steps().size());
        assertEquals("no knee: even 50 players fail, first on qoe.startupMs p95 < 4000", r.summary(1_000));
        assertThrows(IllegalArgumentException.class, () -> new CapacitySearch(100, 50, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new CapacitySearch(1, 50, 0));
    }
}
