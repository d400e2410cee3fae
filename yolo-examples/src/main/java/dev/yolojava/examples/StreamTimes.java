package dev.yolojava.examples;

import java.util.Arrays;

/**
 * What each stream of a video benchmark delivered and when: per frame, its latency and the time its result came
 * (each stream written by one thread), and from those the steady rate: frames delivered while every stream was
 * delivering, from the last stream's first result to the first stream's last. That window leaves out the streams'
 * start (NVDEC creates a stream's decoder at its first packet, inside the timed run, and those creations queue) and
 * the tail where fewer streams remain; the whole run's rate keeps both.
 */
final class StreamTimes {
    private double[][] latencyMs;
    private long[][] doneNanos;
    private final int[] count;

    /** @param streams the number of streams */
    StreamTimes(int streams) {
        latencyMs = new double[streams][64];
        doneNanos = new long[streams][64];
        count = new int[streams];
    }

    /** Records one frame of {@code stream}: its latency and when its result came ({@link System#nanoTime()}). */
    void add(int stream, double latencyMillis, long doneAtNanos) {
        int n = count[stream];
        if (n == latencyMs[stream].length) {
            latencyMs[stream] = Arrays.copyOf(latencyMs[stream], 2 * n);
            doneNanos[stream] = Arrays.copyOf(doneNanos[stream], 2 * n);
        }
        latencyMs[stream][n] = latencyMillis;
        doneNanos[stream][n] = doneAtNanos;
        count[stream] = n + 1;
    }

    /** @return every stream's latencies together, sorted */
    double[] sortedLatencies() {
        double[] all = new double[Arrays.stream(count).sum()];
        int k = 0;
        for (int s = 0; s < count.length; s++) {
            System.arraycopy(latencyMs[s], 0, all, k, count[s]);
            k += count[s];
        }
        Arrays.sort(all);
        return all;
    }

    /**
     * @param fromNanos when the streams started ({@link System#nanoTime()})
     * @return seconds from {@code fromNanos} until every stream had delivered its first result (the streams' start-up:
     *         a decoder created at its first packet, the first detection), or NaN where a stream delivered nothing
     */
    double startedSeconds(long fromNanos) {
        long last = Long.MIN_VALUE;
        for (int s = 0; s < count.length; s++) {
            if (count[s] == 0) {
                return Double.NaN;
            }
            last = Math.max(last, doneNanos[s][0]);
        }
        return count.length == 0 ? Double.NaN : (last - fromNanos) / 1e9;
    }

    /**
     * @return frames per second delivered after the last stream's first result, up to the first stream's last
     *         one, or NaN where there is no such window (a stream without frames, or streams that never overlapped)
     */
    double steadyFps() {
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        for (int s = 0; s < count.length; s++) {
            if (count[s] == 0) {
                return Double.NaN;
            }
            from = Math.max(from, doneNanos[s][0]);
            to = Math.min(to, doneNanos[s][count[s] - 1]);
        }
        if (count.length == 0 || to <= from) {
            return Double.NaN;
        }
        long frames = 0;
        for (int s = 0; s < count.length; s++) {
            for (int i = 0; i < count[s]; i++) {
                long t = doneNanos[s][i];
                if (t > from && t <= to) {
                    frames++;
                }
            }
        }
        return frames / ((to - from) / 1e9);
    }
}
