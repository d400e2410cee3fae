package dev.yolojava.tensorrt.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which images of a batch each nvJPEG lane decodes: every lane takes as many images as an equal-count split gives it
 * (so its batch size, and its nvJPEG set-up, repeats from call to call), and the images go out largest first, each to
 * the lane with the least work so far that still has room. The work of an image is its compressed size: the JPEG
 * engines spend their time in the entropy-coded data (kite.jpg, 1.4 MB, decodes at 1,717 images/s on an H200's
 * engines, the samples of 100–400 KB at 12,700–18,000), so a batch waits for the lane that got the most bytes, and
 * cut in order a lane could get two kite.jpg while another got none.
 */
final class LaneSplit {
    private LaneSplit() {
    }

    /**
     * @param work  each image's work (its compressed bytes), in batch order
     * @param lanes lanes to split over (at most {@code work.length} are used)
     * @return per lane used, the batch positions it decodes, ascending; lane {@code j} gets
     *         {@code (j + 1) * n / k - j * n / k} of them, as an equal-count split would
     */
    static int[][] assign(long[] work, int lanes) {
        int n = work.length;
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes: expected >= 1, got " + lanes);
        }
        int k = Math.min(lanes, n);
        int[][] parts = new int[k][];
        int[] filled = new int[k];
        long[] load = new long[k];
        for (int j = 0; j < k; j++) {
            parts[j] = new int[(j + 1) * n / k - j * n / k];
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> work[i]).reversed().thenComparingInt(i -> i));
        for (int i : order) {
            int best = -1;
            for (int j = 0; j < k; j++) {
                if (filled[j] < parts[j].length && (best < 0 || load[j] < load[best])) {
                    best = j;
                }
            }
            parts[best][filled[best]++] = i;
            load[best] += work[i];
        }
        for (int[] p : parts) {
            Arrays.sort(p);
        }
        return parts;
    }
}
