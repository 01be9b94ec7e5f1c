package io.glass2glass.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and memory of a process and its children (nginx's master and workers), from Linux's
 * /proc (proc(5): {@code /proc/PID/stat} utime and stime, {@code /proc/PID/smaps_rollup} Pss and Rss).
 * Pss counts a page shared by several processes once in total, so it is fair to a multi-process server.
 */
final class ProcessFigures {

    /** USER_HZ: the unit of utime/stime; 100 on every Linux the benchmark runs on (getconf CLK_TCK). */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private ProcessFigures() {
    }

    /** The process and its direct children (an nginx master's workers). */
    static List<Long> tree(long pid) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (statFields(Long.parseLong(name))[1] == pid) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // exited while listed
                }
            }
        }
        return pids;
    }

    /** utime + stime of every process of {@code pids}, in seconds. */
    static double cpuSeconds(List<Long> pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            long[] f = statFields(pid);
            ticks += f[11] + f[12];
        }
        return (double) ticks / CLOCK_TICKS_PER_SECOND;
    }

    /** Sum of a smaps_rollup field ("Pss", "Rss") over {@code pids}, in bytes. */
    static long memoryBytes(List<Long> pids, String field) throws IOException {
        long kb = 0;
        for (long pid : pids) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith(field + ":")) {
                    kb += Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        }
        return kb * 1024;
    }

    /**
     * Fields of /proc/PID/stat after the command name, numbered from 0 = state: [1] ppid,
     * [11] utime, [12] stime (fields 4, 14 and 15 of proc(5)).
     */
    private static long[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name is in parentheses and may itself hold spaces or parentheses.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long[] f = new long[14];
        for (int i = 1; i < f.length; i++) {
            f[i] = Long.parseLong(rest[i]);
        }
        return f;
    }
}
