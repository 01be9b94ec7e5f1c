package io.glass2glass.player.network;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The immutable step list of a {@link NetworkProfile}, with each step's start offset precomputed so that the step in
 * force at any time is a binary search away, however long the trace.
 */
final class StepSchedule extends AbstractList<NetworkStep> implements RandomAccess {

    private final NetworkStep[] steps;
    private final long[] starts;
    private final long totalMillis;
    private final long bitsPerCycle;

    private StepSchedule(NetworkStep[] steps) {
        this.steps = steps;
        this.starts = new long[steps.length];
        long total = 0;
        long bits = 0;
        for (int i = 0; i < steps.length; i++) {
            starts[i] = total;
            total = Math.addExact(total, steps[i].durationMillis());
            bits = Saturating.add(bits, Saturating.multiply(steps[i].bandwidthKbps(), steps[i].durationMillis()));
        }
        this.totalMillis = total;
        this.bitsPerCycle = bits;
    }

    static StepSchedule of(List<NetworkStep> steps) {
        if (steps instanceof StepSchedule schedule) {
            return schedule;
        }
        NetworkStep[] array = steps.toArray(new NetworkStep[0]);
        for (int i = 0; i < array.length; i++) {
            if (array[i] == null) {
                throw new IllegalArgumentException("step " + i + " is null");
            }
        }
        return new StepSchedule(array);
    }

    @Override
    public NetworkStep get(int index) {
        return steps[index];
    }

    @Override
    public int size() {
        return steps.length;
    }

    long totalMillis() {
        return totalMillis;
    }

    /** Bits one pass over all steps carries (bandwidth in kb/s is bits per millisecond), saturating. */
    long bitsPerCycle() {
        return bitsPerCycle;
    }

    long startOf(int index) {
        return starts[index];
    }

    /** Index of the step in force at {@code offset} within one pass, {@code 0 <= offset < totalMillis}. */
    int indexAt(long offset) {
        int i = Arrays.binarySearch(starts, offset);
        if (i < 0) {
            return -i - 2;
        }
        // Zero-length steps share their start with the next step; the last of the run is the one in force.
        while (i + 1 < starts.length && starts[i + 1] == offset) {
            i++;
        }
        return i;
    }
}
