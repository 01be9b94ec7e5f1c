package io.glass2glass.player.manifest;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of {@link TimelineSegment}s stored as runs of equal-duration contiguous
 * segments, the way a SegmentTimeline's S elements describe them (ISO/IEC 23009-1 §5.3.9.6): memory
 * follows the number of S elements, not of repeats, so {@code <S d="1" r="99999"/>} costs one run.
 */
final class Timeline extends AbstractList<TimelineSegment> implements RandomAccess {

    static final Timeline EMPTY = new Builder().build();

    /** Index in the list of each run's first segment, then its number, time and duration; runs in list order. */
    private final int[] firstIndex;
    private final long[] firstNumber;
    private final long[] firstTime;
    private final long[] duration;
    private final int size;

    private Timeline(int[] firstIndex, long[] firstNumber, long[] firstTime, long[] duration, int size) {
        this.firstIndex = firstIndex;
        this.firstNumber = firstNumber;
        this.firstTime = firstTime;
        this.duration = duration;
        this.size = size;
    }

    /** The runs of any list of segments: those of a {@code Timeline}, or one run per segment. */
    static Timeline of(List<TimelineSegment> segments) {
        if (segments instanceof Timeline t) {
            return t;
        }
        Builder b = new Builder();
        segments.forEach(s -> b.add(s.number(), s.time(), s.duration(), 1));
        return b.build();
    }

    @Override
    public TimelineSegment get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        int run = runOf(index);
        int k = index - firstIndex[run];
        return new TimelineSegment(firstNumber[run] + k, firstTime[run] + k * duration[run], duration[run]);
    }

    @Override
    public int size() {
        return size;
    }

    int runs() {
        return firstIndex.length;
    }

    long runNumber(int run) {
        return firstNumber[run];
    }

    long runTime(int run) {
        return firstTime[run];
    }

    long runDuration(int run) {
        return duration[run];
    }

    int runCount(int run) {
        return (run + 1 < firstIndex.length ? firstIndex[run + 1] : size) - firstIndex[run];
    }

    private int runOf(int index) {
        int found = Arrays.binarySearch(firstIndex, index);
        return found >= 0 ? found : -found - 2;
    }

    /** Collects runs; the caller keeps the total within {@link ManifestLimits#MAX_ENTRIES}. */
    static final class Builder {
        private int[] firstIndex = new int[8];
        private long[] firstNumber = new long[8];
        private long[] firstTime = new long[8];
        private long[] duration = new long[8];
        private int runs;
        private int size;

        /** Appends {@code count} segments of {@code duration} from {@code time}, numbered from {@code number}. */
        Builder add(long number, long time, long duration, long count) {
            if (count <= 0) {
                return this;
            }
            if (runs == firstIndex.length) {
                firstIndex = Arrays.copyOf(firstIndex, runs * 2);
                firstNumber = Arrays.copyOf(firstNumber, runs * 2);
                firstTime = Arrays.copyOf(firstTime, runs * 2);
                this.duration = Arrays.copyOf(this.duration, runs * 2);
            }
            firstIndex[runs] = size;
            firstNumber[runs] = number;
            firstTime[runs] = time;
            this.duration[runs] = duration;
            runs++;
            size = Math.toIntExact(size + count);
            return this;
        }

        int size() {
            return size;
        }

        Timeline build() {
            return new Timeline(Arrays.copyOf(firstIndex, runs), Arrays.copyOf(firstNumber, runs),
                    Arrays.copyOf(firstTime, runs), Arrays.copyOf(duration, runs), size);
        }
    }
}
