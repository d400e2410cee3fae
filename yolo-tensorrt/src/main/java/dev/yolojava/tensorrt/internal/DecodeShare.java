package dev.yolojava.tensorrt.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which of a batch's JPEGs the CPU decodes while nvJPEG decodes the rest ({@code tensorrt.jpegCpuAssist}), so that
 * both finish together. An image's cost is its compressed size: Huffman decoding dominates on both sides (nvJPEG's
 * hardware decoder: 0.34 µs per KB on dog.jpg, 0.41 on kite.jpg, a 1.4 MB 4:4:4 file; libjpeg-turbo 0.02–0.035 ms per
 * KB on all seven samples but giraffe), where pixels misjudged kite.jpg by 2× on the CPU and the first H200 run, with
 * pixels, gave the CPU whole kites: 1,258–1,316 images/s against 2,252–2,285 without it. Each side's pace is measured
 * call by call (bytes per millisecond, a moving average): nvJPEG's for its part of a batch, the CPU's per image on one
 * thread. The CPU then takes the largest images nvJPEG could decode, each onto its least loaded thread (after the images only the CPU decodes), as long as its estimated time
 * stays within nvJPEG's for what is left. Until both paces are known the first call gives the CPU nothing extra and
 * the next one the smallest image. Not thread-safe: used under its session's lock.
 */
final class DecodeShare {
    private static final double WEIGHT = 0.25;
    private final int threads;
    private double gpuBytesPerMs = Double.NaN;
    private double cpuBytesPerMs = Double.NaN;

    /** @param threads the CPU threads decoding a batch at once, {@code >= 1} */
    DecodeShare(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * @param cost    each image's compressed size in bytes
     * @param capable whether nvJPEG takes each image (the others go to the CPU anyway)
     * @return for each image, whether the CPU decodes it although nvJPEG could
     */
    boolean[] choose(long[] cost, boolean[] capable) {
        boolean[] toCpu = new boolean[cost.length];
        int[] candidates = IntStream.range(0, cost.length).filter(i -> capable[i]).toArray();
        if (candidates.length == 0 || Double.isNaN(gpuBytesPerMs)) {
            return toCpu;
        }
        if (Double.isNaN(cpuBytesPerMs)) { // learn the CPU's pace on the smallest image
            int smallest = Arrays.stream(candidates).boxed().min(Comparator.comparingLong(i -> cost[i])).orElseThrow();
            toCpu[smallest] = candidates.length > 1;
            return toCpu;
        }
        double[] load = new double[threads]; // bytes per CPU thread
        for (int i = 0; i < cost.length; i++) {
            if (!capable[i]) {
                load[least(load)] += cost[i];
            }
        }
        long onGpu = Arrays.stream(candidates).mapToLong(i -> cost[i]).sum();
        Integer[] bySize = Arrays.stream(candidates).boxed().sorted(Comparator.comparingLong(i -> -cost[i]))
                .toArray(Integer[]::new);
        int kept = candidates.length;
        for (int i : bySize) {
            if (kept == 1) {
                break; // nvJPEG keeps at least one image: its batch is what the pace was measured on
            }
            int t = least(load);
            double cpuMs = Math.max(max(load), load[t] + cost[i]) / cpuBytesPerMs;
            double gpuMs = (onGpu - cost[i]) / gpuBytesPerMs;
            if (cpuMs <= gpuMs) {
                load[t] += cost[i];
                onGpu -= cost[i];
                toCpu[i] = true;
                kept--;
            }
        }
        return toCpu;
    }

    /** Records nvJPEG decoding {@code cost} bytes in all in {@code nanos} (its part of one batch). */
    void recordGpu(long cost, long nanos) {
        gpuBytesPerMs = average(gpuBytesPerMs, cost, nanos);
    }

    /** Records one CPU thread decoding an image of {@code cost} bytes in {@code nanos}. */
    void recordCpu(long cost, long nanos) {
        cpuBytesPerMs = average(cpuBytesPerMs, cost, nanos);
    }

    /** @return nvJPEG's and one CPU thread's pace, bytes per millisecond (NaN until measured) */
    double[] paces() {
        return new double[]{gpuBytesPerMs, cpuBytesPerMs};
    }

    private static double average(double old, long cost, long nanos) {
        if (cost <= 0 || nanos <= 0) {
            return old;
        }
        double now = cost / (nanos / 1e6);
        return Double.isNaN(old) ? now : old + WEIGHT * (now - old);
    }

    private static int least(double[] load) {
        int best = 0;
        for (int t = 1; t < load.length; t++) {
            if (load[t] < load[best]) {
                best = t;
            }
        }
        return best;
    }

    private static double max(double[] load) {
        return Arrays.stream(load).max().orElse(0);
    }
}
