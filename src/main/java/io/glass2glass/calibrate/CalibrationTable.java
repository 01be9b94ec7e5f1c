package io.glass2glass.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The calibration's answer as a person reads it: one row per link and player, real against model with the
 * model's relative difference, and which goals the row misses.
 */
public final class CalibrationTable {

    private static final String[] HEADER = {"link", "player", "start-up real / model", "live latency real / model",
        "stalls real / model", "renditions real / model", "switches real / model", "goals"};

    private CalibrationTable() {}

    public static String render(List<CalibrationCase> cases) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CalibrationCase c : cases) {
            CalibrationCase.Side r = c.realSide();
            CalibrationCase.Side m = c.modelSide();
            List<String> misses = c.misses();
            rows.add(new String[] {c.link(), c.player().displayName() + " " + c.version(),
                pair(ms(r.startupMillis()), ms(m.startupMillis()), " ms", CalibrationCase.relative(r.startupMillis(), m.startupMillis())),
                pair(s(r.latencyMillis()), s(m.latencyMillis()), " s", CalibrationCase.relative(r.latencyMillis(), m.latencyMillis())),
                count(r.stalls()) + " / " + count(m.stalls()),
                renditions(r) + " / " + renditions(m),
                count(r.switches()) + " / " + count(m.switches()),
                misses.isEmpty() ? "met" : "missed: " + String.join(", ", misses)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] row = rows.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (n == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
                }
                out.append(rule).append('\n');
            }
        }
        long met = cases.stream().filter(c -> c.misses().isEmpty()).count();
        out.append(String.format(Locale.ROOT, "%d of %d cases meet every goal (start-up within 10 %% or 150 ms, latency within 10 %%,"
                + " the same stalls and rendition, switches within 1.5x)%n", met, cases.size()));
        List<String> client = new ArrayList<>();
        for (CalibrationCase c : cases) {
            if (!Double.isNaN(c.realSide().clientStartMillis())) {
                client.add(c.player().displayName() + " on " + c.link() + " " + ms(c.realSide().clientStartMillis()) + " ms");
            }
        }
        if (!client.isEmpty()) {
            out.append("real players' own start time (last response to first frame, median): ").append(String.join(", ", client))
                    .append('\n');
        }
        for (CalibrationCase c : cases) {
            List<String> errors = new ArrayList<>(c.realSide().errors());
            errors.addAll(c.modelSide().errors());
            if (!errors.isEmpty()) {
                out.append("  ").append(c.player().displayName()).append(" on ").append(c.link()).append(": ")
                        .append(String.join("; ", errors)).append('\n');
            }
        }
        return out.toString();
    }

    private static String pair(String real, String model, String unit, String relative) {
        return real + " / " + model + unit + (relative.isEmpty() ? "" : " (" + relative + ")");
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String s(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v / 1000);
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "–" : v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String renditions(CalibrationCase.Side side) {
        if (side.started() == 0) {
            return "–";
        }
        return side.startHeight() == side.endHeight() ? side.endHeight() + "p" : side.startHeight() + "p→" + side.endHeight() + "p";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
