package io.glass2glass.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The search for a chain's knee: the largest audience whose run passes a gate. Doubles the audience
 * from a start until a run fails, then bisects between the last pass and the first fail until they
 * are within a relative precision. A run whose load generator was overloaded ends the search: past
 * that point the harness, not the chain, is what breaks, and a knee there would be false.
 */
public final class CapacitySearch {

    /** What one step's run gave. */
    public enum Outcome { PASSED, BREACHED, GENERATOR_OVERLOADED }

    /**
     * One step.
     *
     * @param players     the audience of the step
     * @param outcome     its verdict
     * @param firstBreach the first threshold that broke, when one did
     */
    public record Step(int players, Outcome outcome, Optional<String> firstBreach) {}

    /** Runs one step of {@code players}. */
    @FunctionalInterface
    public interface Runner {
        Step run(int players) throws Exception;
    }

    /**
     * The search's result.
     *
     * @param steps      every step, in order
     * @param knee       the largest audience that passed, empty when even the first step failed
     * @param firstFail  the smallest audience that failed, empty when none did up to the ceiling
     * @param overloaded whether the search stopped because the load generator was overloaded
     */
    public record Result(List<Step> steps, Optional<Integer> knee, Optional<Integer> firstFail, boolean overloaded) {

        public Result {
            steps = List.copyOf(steps);
        }

        /** One line: the knee and what broke first, or why there is none. */
        public String summary(int ceiling) {
            if (overloaded) {
                Step last = steps.get(steps.size() - 1);
                return "no knee: the load generator was overloaded at " + last.players() + " players"
                        + knee.map(k -> " (the chain still passed at " + k + ")").orElse("")
                        + "; give it more CPU or shard the audience";
            }
            if (firstFail.isEmpty()) {
                return "no knee up to " + ceiling + " players: every step passed";
            }
            String breach = steps.stream().filter(s -> s.players() == firstFail.get()).findFirst()
                    .flatMap(Step::firstBreach).orElse("?");
            return knee.map(k -> "knee: " + k + " players pass; " + firstFail.get() + " fail first on " + breach)
                    .orElse("no knee: even " + firstFail.get() + " players fail, first on " + breach);
        }
    }

    private final int start;
    private final int ceiling;
    private final double precision;

    /**
     * @param start     the first audience
     * @param ceiling   the largest audience tried
     * @param precision bisection stops when (first fail − knee) / knee is at most this
     */
    public CapacitySearch(int start, int ceiling, double precision) {
        if (start < 1 || ceiling < start) {
            throw new IllegalArgumentException("capacity needs 1 <= --start <= --max: " + start + ", " + ceiling);
        }
        if (!(precision > 0 && precision < 1)) {
            throw new IllegalArgumentException("--precision must be between 0 and 1: " + precision);
        }
        this.start = start;
        this.ceiling = ceiling;
        this.precision = precision;
    }

    public Result search(Runner runner) throws Exception {
        List<Step> steps = new ArrayList<>();
        Integer pass = null;
        Integer fail = null;
        int players = start;
        while (true) {
            Step step = runner.run(players);
            steps.add(step);
            if (step.outcome() == Outcome.GENERATOR_OVERLOADED) {
                return new Result(steps, Optional.ofNullable(pass), Optional.ofNullable(fail), true);
            }
            if (step.outcome() == Outcome.PASSED) {
                pass = players;
            } else {
                fail = players;
            }
            Integer next;
            if (fail == null) {
                next = players >= ceiling ? null : Math.min(ceiling, players * 2);
            } else if (pass == null) {
                next = null; // the first step failed: nothing smaller was asked for
            } else {
                next = fail - pass <= Math.max(1, precision * pass) ? null : pass + (fail - pass) / 2;
            }
            if (next == null) {
                return new Result(steps, Optional.ofNullable(pass), Optional.ofNullable(fail), false);
            }
            players = next;
        }
    }
}
