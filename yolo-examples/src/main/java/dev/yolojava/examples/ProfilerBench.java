package dev.yolojava.examples;

import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerConfig;
import dev.yolojava.profiler.ProfilerRange;
import dev.yolojava.profiler.model.ProfileData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code yolo bench --profile-overhead} and {@code --profile-dir}: the profiler's cost per level, and a profiled pass. */
final class ProfilerBench {
    private final int iterations;
    private final int overheadRounds;

    /** @param c the command's options */
    ProfilerBench(BenchCommand c) {
        this.iterations = c.iterations;
        this.overheadRounds = c.overheadRounds;
    }

    /**
     * The profiler's cost per level, off/on interleaved: each round times the same calls at every level, the
     * order rotating from round to round so that drift on a shared machine does not favour one level.
     */
    void overhead(java.util.function.IntConsumer call, int batch, Map<String, Object> r) {
        ProfilerConfig env = ProfilerConfig.fromEnvironment();
        Map<String, ProfilerConfig> levels = new LinkedHashMap<>();
        levels.put("off", null);
        var base = ProfilerConfig.builder().enabled(true).exporters(List.of()).outputDir(Path.of(System.getProperty(
                "java.io.tmpdir")));
        levels.put("continuous", base.cupti(false).build());
        levels.put("default", base.cupti(true).kernelWindows(env.kernelWindows().isAlways()
                ? dev.yolojava.profiler.KernelWindows.DEFAULT : env.kernelWindows()).build());
        levels.put("kernel_window", base.cupti(true).kernelWindows(dev.yolojava.profiler.KernelWindows.always()).build());
        List<String> names = new ArrayList<>(levels.keySet());
        Map<String, List<Double>> ips = new LinkedHashMap<>();
        names.forEach(n -> ips.put(n, new ArrayList<>()));
        for (String n : names) { // one untimed pass each: CUPTI's first start and the JIT stay out of the rounds
            timedLevel(call, levels.get(n), Math.min(iterations, 200));
        }
        Map<String, List<Map<String, Object>>> slow = new LinkedHashMap<>();
        names.forEach(n -> slow.put(n, new ArrayList<>()));
        for (int round = 0; round < overheadRounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get((k + round) % names.size());
                long[] perCall = new long[iterations];
                ips.get(n).add(timedLevel(call, levels.get(n), iterations, perCall) * batch);
                slow.get(n).add(slowCalls(perCall));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rounds", overheadRounds);
        out.put("calls_per_pass", iterations);
        out.put("kernel_windows", String.valueOf(levels.get("default").kernelWindows()));
        out.put("images_per_s", ips);
        out.put("slow_calls", slow);
        StringBuilder line = new StringBuilder();
        for (String n : names.subList(1, names.size())) {
            double[] loss = new double[overheadRounds];
            for (int i = 0; i < overheadRounds; i++) {
                double off = ips.get("off").get(i);
                loss[i] = 100 * (off - ips.get(n).get(i)) / off;
            }
            double[] sorted = loss.clone();
            Arrays.sort(sorted);
            out.put(n + "_loss_percent", Map.of("median", BenchCommand.pct(sorted, 50), "min", sorted[0], "max",
                    sorted[sorted.length - 1], "per_round", Arrays.stream(loss).boxed().toList()));
            line.append(String.format(Locale.ROOT, " %s %.1f%% [%.1f, %.1f]", n, BenchCommand.pct(sorted, 50), sorted[0],
                    sorted[sorted.length - 1]));
        }
        r.put("profiler_overhead", out);
        System.out.printf(Locale.ROOT, "       profiler cost, throughput loss vs off, median [min, max] of %d rounds:%s%n",
                overheadRounds, line);
        StringBuilder excess = new StringBuilder();
        for (String n : names) {
            excess.append(String.format(Locale.ROOT, " %s %s", n, slow.get(n).stream()
                    .map(m -> String.format(Locale.ROOT, "%.1f", (Double) m.get("excess_over_median_ms"))).toList()));
        }
        System.out.printf(Locale.ROOT, "       time above the median call, ms per pass:%s; default's slowest calls, last"
                + " round: %s%n", excess, slow.get("default").isEmpty() ? "-"
                : slow.get("default").get(slow.get("default").size() - 1).get("slowest"));
    }

    /**
     * Where a pass's time went beyond its typical call: the time of all calls above the median, and the slowest
     * calls with their index in the pass (a kernel window's switch-on, its export, a stall).
     */
    static Map<String, Object> slowCalls(long[] perCallNs) {
        long[] sorted = perCallNs.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long excess = 0;
        for (long t : perCallNs) {
            excess += Math.max(0, t - median);
        }
        Integer[] order = new Integer[perCallNs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(perCallNs[b], perCallNs[a]));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(5, order.length); i++) {
            top.add(String.format(Locale.ROOT, "#%d %.3f ms", order[i], perCallNs[order[i]] / 1e6));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median_ms", median / 1e6);
        m.put("excess_over_median_ms", excess / 1e6);
        m.put("slowest", top);
        return m;
    }

    /** @return calls per second of {@code n} calls, each in an 'inference' range, at one profiler level */
    private static double timedLevel(java.util.function.IntConsumer call, ProfilerConfig level, int n) {
        return timedLevel(call, level, n, null);
    }

    /**
     * @param perCall where each call's time goes (nanoseconds), or null
     * @return calls per second of {@code n} calls, each in an 'inference' range, at one profiler level
     */
    private static double timedLevel(java.util.function.IntConsumer call, ProfilerConfig level, int n, long[] perCall) {
        if (level != null) {
            Profiler.start(level);
        }
        try {
            long t0 = System.nanoTime();
            long last = t0;
            for (int i = 0; i < n; i++) {
                try (ProfilerRange range = Profiler.range("inference")) {
                    call.accept(i);
                }
                if (perCall != null) {
                    long now = System.nanoTime();
                    perCall[i] = now - last;
                    last = now;
                }
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            if (level != null) {
                Profiler.stop();
            }
        }
    }

    /** Pass 3: the timed loop again with full profiling, for the trace and the overhead figure. */
    void profiled(java.util.function.IntConsumer call, int batch, Path dir, double offImagesPerS,
                              Map<String, Object> r) {
        ProfilerConfig env = ProfilerConfig.fromEnvironment(); // YOLO_PROFILING_CUPTI, _KINDS and limits still apply
        Profiler.start(new ProfilerConfig(true, dir, List.of("chrome", "summary"), null, env.cupti(), env.nvtx(),
                env.maxEvents(), dev.yolojava.profiler.KernelWindows.always()));
        boolean gpu = Profiler.hasGpuActivity();
        long wall0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            try (ProfilerRange range = Profiler.range("inference")) {
                range.attribute("batch", batch);
                call.accept(i);
            }
        }
        double onImagesPerS = iterations * batch / ((System.nanoTime() - wall0) / 1e9);
        ProfileData d = Profiler.stop();
        r.put("profiled_images_per_s", onImagesPerS);
        r.put("profiling_overhead_percent", 100 * (offImagesPerS - onImagesPerS) / offImagesPerS);
        r.put("profiled_gpu_activity", gpu);
        if (d != null) {
            r.put("profiled_kernels", d.kernels().size());
            r.put("profiled_dropped_records", d.droppedRecords());
        }
        System.out.printf(Locale.ROOT, "       profiling on: %.1f images/s (%.1f%% overhead, CUPTI %s) -> %s%n", onImagesPerS,
                100 * (offImagesPerS - onImagesPerS) / offImagesPerS, gpu ? "on" : "unavailable",
                dir.toAbsolutePath());
    }

}
