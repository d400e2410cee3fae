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
        for (int round = 0; round < overheadRounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get((k + round) % names.size());
                ips.get(n).add(timedLevel(call, levels.get(n), iterations) * batch);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rounds", overheadRounds);
        out.put("calls_per_pass", iterations);
        out.put("kernel_windows", String.valueOf(levels.get("default").kernelWindows()));
        out.put("images_per_s", ips);
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
    }

    /** @return calls per second of {@code n} calls, each in an 'inference' range, at one profiler level */
    private static double timedLevel(java.util.function.IntConsumer call, ProfilerConfig level, int n) {
        if (level != null) {
            Profiler.start(level);
        }
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (ProfilerRange range = Profiler.range("inference")) {
                    call.accept(i);
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
