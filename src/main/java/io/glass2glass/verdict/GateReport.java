package io.glass2glass.verdict;

import io.glass2glass.verdict.Gate.Result;
import io.glass2glass.verdict.Gate.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A gate's verdict as people and CI servers read it: a console table (threshold, observed, limit,
 * pass/fail) and {@code gate.xml} in the JUnit XML format that Jenkins, GitLab and GitHub Actions
 * display (one test case per threshold, the observed value in the failure message; the load
 * generator's own validity as a test case of its own).
 */
public final class GateReport {

    /** Exit codes of a gate: a breached threshold is told apart from a harness error and from a run that is not valid. */
    public static final int PASSED = 0;
    public static final int BREACHED = 1;
    public static final int HARNESS_ERROR = 2;
    public static final int NOT_VALID = 4;

    public static final String FILE = "gate.xml";

    private GateReport() {}

    /** The exit code of a verdict. */
    public static int exitCode(Verdict v) {
        return v.overloaded() ? NOT_VALID : v.failures() > 0 ? BREACHED : PASSED;
    }

    /** The console table, then the verdict in one line. */
    public static String table(Verdict v) {
        int width = Math.max(40, v.results().stream().mapToInt(r -> r.threshold().name().length()).max().orElse(0) + 2);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-" + width + "s %14s %16s  %s%n", "threshold", "observed", "limit", "result"));
        for (Result r : v.results()) {
            b.append(String.format(Locale.ROOT, "%-" + width + "s %14s %16s  %s%n", r.threshold().name(),
                    r.observed().map(Gate::format).orElse("-"),
                    r.limit().map(l -> r.threshold().op().symbol + " " + Gate.format(l)).orElse("-"),
                    r.passed() ? "pass" : "FAIL" + (r.observed().isEmpty() || r.limit().isEmpty() ? " (" + r.note() + ")" : "")));
        }
        b.append(String.format(Locale.ROOT, "%-" + width + "s %14s %16s  %s%n", "harness: schedule skew p99 ms",
                Gate.format(v.scheduleSkewP99Ms()), "<= " + Gate.format(Gate.MAX_SKEW_P99_MS), v.overloaded() ? "NOT VALID" : "pass"));
        b.append('\n');
        if (v.overloaded()) {
            b.append("gate: load generator overloaded, results not valid (schedule skew p99 ").append(Gate.format(v.scheduleSkewP99Ms()))
                    .append(" ms > ").append(Gate.format(Gate.MAX_SKEW_P99_MS)).append(" ms): give it more CPU or fewer players\n");
        } else if (v.failures() > 0) {
            b.append("gate: FAILED, ").append(v.failures()).append(" of ").append(v.results().size()).append(" thresholds breached\n");
        } else {
            b.append("gate: passed, ").append(v.results().size()).append(" thresholds held\n");
        }
        return b.toString();
    }

    /** The JUnit XML document (the Ant/Jenkins format: testsuites, testsuite, testcase, failure, error). */
    public static String junitXml(Verdict v, String runId) {
        long failures = v.failures();
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"glass2glass gate\" tests=\"").append(v.results().size() + 1).append("\" failures=\"")
                .append(failures).append("\" errors=\"").append(v.overloaded() ? 1 : 0).append("\">\n");
        b.append("  <testsuite name=\"").append(xml("gate " + runId)).append("\" tests=\"").append(v.results().size() + 1)
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(v.overloaded() ? 1 : 0)
                .append("\" skipped=\"0\" time=\"0\">\n");
        b.append("    <testcase classname=\"glass2glass.gate.harness\" name=\"schedule skew p99 &lt;= ")
                .append(Gate.format(Gate.MAX_SKEW_P99_MS)).append(" ms\" time=\"0\"");
        if (v.overloaded()) {
            b.append(">\n      <error type=\"load-generator-overloaded\" message=\"")
                    .append(xml("load generator overloaded, results not valid: schedule skew p99 " + Gate.format(v.scheduleSkewP99Ms()) + " ms"))
                    .append("\"/>\n    </testcase>\n");
        } else {
            b.append("/>\n");
        }
        for (Result r : v.results()) {
            b.append("    <testcase classname=\"glass2glass.gate.").append(xml(r.threshold().path())).append("\" name=\"")
                    .append(xml(r.threshold().name())).append("\" time=\"0\"");
            if (r.passed()) {
                b.append("/>\n");
            } else {
                b.append(">\n      <failure type=\"threshold\" message=\"").append(xml(r.note())).append("\"/>\n    </testcase>\n");
            }
        }
        b.append("  </testsuite>\n</testsuites>\n");
        return b.toString();
    }

    /** Writes {@code gate.xml} into the run folder and returns its path. */
    public static Path write(Verdict v, Path runDir, String runId) throws IOException {
        Path file = runDir.resolve(FILE);
        Files.writeString(file, junitXml(v, runId), StandardCharsets.UTF_8);
        return file;
    }

    private static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
