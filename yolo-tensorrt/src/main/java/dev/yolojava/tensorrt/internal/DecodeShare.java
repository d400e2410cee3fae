package dev.yolojava.tensorrt.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which of a batch's JPEGs the CPU decodes while nvJPEG decodes the rest ({@code tensorrt.jpegCpuAssist}), so that
 * both finish together. Each side's pace is measured call by call (pixels per millisecond, a moving average): nvJPEG's
 * for its part of a batch, the CPU's per image on one thread. The CPU then takes the largest images nvJPEG could
 * decode, each onto its least loaded thread (after the images only the CPU decodes), as long as its estimated time
 * stays within nvJPEG's for what is left. Until both paces are known the first call gives the CPU nothing extra and
 * the next one the smallest image. Not thread-safe: used under its session's lock.
 */
final class DecodeShare {
    private static final double WEIGHT = 0.25;
    private final int threads;
    private double gpuPixelsPerMs = Double.NaN;
    private double cpuPixelsPerMs = Double.NaN;

    /** @param threads the CPU threads decoding a batch at once, {@code >= 1} */
    DecodeShare(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * @param pixels  each image's width × height
     * @param capable whether nvJPEG takes each image (the others go to the CPU anyway)
     * @return for each image, whether the CPU decodes it although nvJPEG could
     */
    boolean[] choose(long[] pixels, boolean[] capable) {
        boolean[] toCpu = new boolean[pixels.length];
        int[] candidates = IntStream.range(0, pixels.length).filter(i -> capable[i]).toArray();
        if (candidates.length == 0 || Double.isNaN(gpuPixelsPerMs)) {
            return toCpu;
        }
        if (Double.isNaN(cpuPixelsPerMs)) { // learn the CPU's pace on the smallest image
            int smallest = Arrays.stream(candidates).boxed().min(Comparator.comparingLong(i -> pixels[i])).orElseThrow();
            toCpu[smallest] = candidates.length > 1;
            return toCpu;
        }
        double[] load = new double[threads]; // pixels per CPU thread
        for (int i = 0; i < pixels.length; i++) {
            if (!capable[i]) {
                load[least(load)] += pixels[i];
            }
        }
        long onGpu = Arrays.stream(candidates).mapToLong(i -> pixels[i]).sum();
        Integer[] bySize = Arrays.stream(candidates).boxed().sorted(Comparator.comparingLong(i -> -pixels[i]))
                .toArray(Integer[]::new);
        int kept = candidates.length;
        for (int i : bySize) {
            if (kept == 1) {
                break; // nvJPEG keeps at least one image: its batch is what the pace was measured on
            }
            int t = least(load);
            double cpuMs = Math.max(max(load), load[t] + pixels[i]) / cpuPixelsPerMs;
            double gpuMs = (onGpu - pixels[i]) / gpuPixelsPerMs;
            if (cpuMs <= gpuMs) {
                load[t] += pixels[i];
                onGpu -= pixels[i];
                toCpu[i] = true;
                kept--;
            }
        }
        return toCpu;
    }

    /** Records nvJPEG decoding {@code pixels} in all in {@code nanos} (its part of one batch). */
    void recordGpu(long pixels, long nanos) {
        gpuPixelsPerMs = average(gpuPixelsPerMs, pixels, nanos);
    }

    /** Records one CPU thread decoding an image of {@code pixels} in {@code nanos}. */
    void recordCpu(long pixels, long nanos) {
        cpuPixelsPerMs = average(cpuPixelsPerMs, pixels, nanos);
    }

    /** @return nvJPEG's and one CPU thread's pace, pixels per millisecond (NaN until measured) */
    double[] paces() {
        return new double[]{gpuPixelsPerMs, cpuPixelsPerMs};
    }

    private static double average(double old, long pixels, long nanos) {
        if (pixels <= 0 || nanos <= 0) {
            return old;
        }
        double now = pixels / (nanos / 1e6);
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
