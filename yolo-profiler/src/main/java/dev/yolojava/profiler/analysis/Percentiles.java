package dev.yolojava.profiler.analysis;

import java.util.Arrays;

/** Nearest-rank percentiles over a sorted array. */
final class Percentiles {
    private Percentiles() {
    }

    /** @return the {@code p}-th percentile (0..100) of sorted {@code v}, nearest rank; 0 when empty */
    static double of(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long[] sorted(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
