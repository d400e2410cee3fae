package dev.yolojava.profiler.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two summaries (a baseline and a candidate) kernel by kernel and range by range. A row
 * regresses when the candidate is slower by more than {@code thresholdPercent} and by more than
 * {@code minAbsoluteUs} (so noise on tiny kernels does not fail a build), and a range of the baseline
 * regresses when the candidate does not have it.
 *
 * @param thresholdPercent allowed slow-down, percent
 * @param minAbsoluteUs    ignore differences below this many microseconds
 * @param kernels          per-kernel rows (total time per capture, normalized per range call when possible)
 * @param ranges           per-range rows (average wall time)
 */
public record SummaryComparison(double thresholdPercent, double minAbsoluteUs, List<Row> kernels, List<Row> ranges) {

    /**
     * One compared figure.
     *
     * @param name      kernel or range name
     * @param baseUs    baseline value, or NaN when absent there
     * @param currentUs candidate value, or NaN when absent there
     * @param regressed whether it is beyond both thresholds
     */
    public record Row(String name, double baseUs, double currentUs, boolean regressed) {
        /** @return percent change, NaN when either side is missing */
        public double deltaPercent() {
            return Double.isNaN(baseUs) || Double.isNaN(currentUs) || baseUs == 0 ? Double.NaN
                    : 100 * (currentUs - baseUs) / baseUs;
        }
    }

    /**
     * Compares {@code base} with {@code current}.
     *
     * @param base             the baseline
     * @param current          the candidate
     * @param thresholdPercent slow-down allowed, in percent
     * @param minAbsoluteUs    changes smaller than this many microseconds are ignored
     * @return the comparison
     */
    public static SummaryComparison compare(ProfileSummary base, ProfileSummary current, double thresholdPercent,
                                            double minAbsoluteUs) {
        if (!(thresholdPercent >= 0) || !(minAbsoluteUs >= 0) || Double.isInfinite(thresholdPercent)
                || Double.isInfinite(minAbsoluteUs)) {
            throw new IllegalArgumentException("thresholds must be finite numbers >= 0, got threshold=" + thresholdPercent
                    + "% minAbsoluteUs=" + minAbsoluteUs);
        }
        // kernel totals are divided by the number of calls of the busiest range, so captures of
        // different lengths compare
        double bCalls = calls(base), cCalls = calls(current);
        Map<String, Double> bk = new HashMap<>(), ck = new HashMap<>();
        base.kernels().forEach(k -> bk.put(k.name(), k.totalUs() / bCalls));
        current.kernels().forEach(k -> ck.put(k.name(), k.totalUs() / cCalls));
        Map<String, Double> br = new HashMap<>(), cr = new HashMap<>();
        base.ranges().forEach(r -> br.put(r.name(), r.avgUs()));
        current.ranges().forEach(r -> cr.put(r.name(), r.avgUs()));
        // a kernel may disappear for good reasons (fusion); a range of the baseline missing from the candidate
        // means the candidate did not run what the baseline measured, which must not pass
        return new SummaryComparison(thresholdPercent, minAbsoluteUs, rows(bk, ck, thresholdPercent, minAbsoluteUs, false),
                rows(br, cr, thresholdPercent, minAbsoluteUs, true));
    }

    private static double calls(ProfileSummary s) {
        return s.ranges().stream().mapToLong(ProfileSummary.RangeStats::count).max().orElse(1);
    }

    private static List<Row> rows(Map<String, Double> b, Map<String, Double> c, double pct, double abs,
                                  boolean missingRegresses) {
        List<Row> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>(b.keySet());
        names.addAll(c.keySet());
        for (String n : names) {
            double bv = b.getOrDefault(n, Double.NaN), cv = c.getOrDefault(n, Double.NaN);
            double diff = (Double.isNaN(cv) ? 0 : cv) - (Double.isNaN(bv) ? 0 : bv);
            double base = Double.isNaN(bv) ? 0 : bv;
            boolean regressed = diff > abs && (base == 0 || 100 * diff / base > pct)
                    || missingRegresses && !Double.isNaN(bv) && Double.isNaN(cv);
            out.add(new Row(n, bv, cv, regressed));
        }
        out.sort(Comparator.comparingDouble((Row r) -> Math.abs((Double.isNaN(r.currentUs) ? 0 : r.currentUs)
                - (Double.isNaN(r.baseUs) ? 0 : r.baseUs))).reversed());
        return out;
    }

    /** @return whether any kernel or range regressed */
    public boolean regressed() {
        return kernels.stream().anyMatch(Row::regressed) || ranges.stream().anyMatch(Row::regressed);
    }

    /** @return a text report: the ranges, then the 20 kernels that moved most */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Regression report (threshold %.1f%%, ignoring < %.1f us): %s%n",
                thresholdPercent, minAbsoluteUs, regressed() ? "REGRESSED" : "ok"));
        b.append("Ranges (avg us)\n");
        ranges.forEach(r -> b.append(line(r)));
        b.append("Kernels (us per call, top 20 by change)\n");
        kernels.stream().limit(20).forEach(r -> b.append(line(r)));
        return b.toString();
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "  %s %-60s %10s -> %10s  %s%n", r.regressed() ? "!!" : "  ",
                r.name().length() > 60 ? r.name().substring(0, 59) + "…" : r.name(), v(r.baseUs()), v(r.currentUs()),
                Double.isNaN(r.deltaPercent()) ? (Double.isNaN(r.baseUs()) ? "new" : "gone")
                        : String.format(Locale.ROOT, "%+.1f%%", r.deltaPercent()));
    }

    private static String v(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }
}
