package dev.yolojava.profiler.analysis;

import java.util.Arrays;

/** Nearest-rank percentiles over a sorted array: the one implementation the summaries and {@code yolo bench} use. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * @param length the array's length, {@code > 0}
     * @param p      the percentile, 0..100
     * @return the index of the nearest-rank {@code p}-th percentile in a sorted array of {@code length}
     */
    static int index(int length, double p) {
        int rank = (int) Math.ceil(p / 100.0 * length);
        return Math.max(0, Math.min(length - 1, rank - 1));
    }

    /**
     * @param sorted values in ascending order
     * @param p      the percentile, 0..100
     * @return the {@code p}-th percentile of {@code sorted}, nearest rank; 0 when empty
     */
    public static double of(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[index(sorted.length, p)];
    }

    /**
     * @param sorted values in ascending order
     * @param p      the percentile, 0..100
     * @return the {@code p}-th percentile of {@code sorted}, nearest rank; 0 when empty
     */
    public static double of(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[index(sorted.length, p)];
    }

    static long[] sorted(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
