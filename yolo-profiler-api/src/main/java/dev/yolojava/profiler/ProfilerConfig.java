package dev.yolojava.profiler;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the profiler runs. {@link #fromEnvironment()} reads the switches users set without code:
 * <ul>
 *   <li>{@code ENABLE_PROFILING=1} or {@code -Dyolo.profiling=true}: record from start-up, export at exit</li>
 *   <li>{@code YOLO_PROFILING_DIR} / {@code -Dyolo.profiling.dir}: output folder (default {@code profiles})</li>
 *   <li>{@code YOLO_PROFILING_EXPORTERS} / {@code -Dyolo.profiling.exporters}: e.g. {@code chrome,summary,jfr}</li>
 *   <li>{@code YOLO_PROFILING_SCHEDULE} / {@code -Dyolo.profiling.schedule}: e.g. {@code wait=10,warmup=5,active=50,repeat=1}</li>
 *   <li>{@code YOLO_PROFILING_CUPTI=0}: ranges and NVTX only, no GPU activity</li>
 *   <li>{@code YOLO_PROFILING_KERNELS} / {@code -Dyolo.profiling.kernels}: when CUPTI collects, as
 *       {@link KernelWindows#parse}; {@code ENABLE_PROFILING=1} alone collects {@link KernelWindows#DEFAULT} (20 calls
 *       in every 2,000), {@code always} on every call (what a schedule or the builder gives unless told)</li>
 * </ul>
 *
 * @param enabled        record from the first use of {@link Profiler}
 * @param outputDir      where exporters write, one sub-folder per capture
 * @param exporters      exporter names ({@code chrome}, {@code summary}, {@code jfr})
 * @param schedule       capture window in steps, or null to record from start to stop
 * @param cupti          collect GPU activity through CUPTI when it loads
 * @param nvtx           emit NVTX ranges when NVTX loads
 * @param maxEvents      most range events and GPU records kept per capture; more are counted as dropped
 * @param kernelWindows  the calls during which CUPTI collects GPU activity
 */
public record ProfilerConfig(boolean enabled, Path outputDir, List<String> exporters, ProfilerSchedule schedule,
                             boolean cupti, boolean nvtx, int maxEvents, KernelWindows kernelWindows) {

    /**
     * Validates the values.
     *
     * @param enabled        record from the first use of {@link Profiler}
     * @param outputDir      where exporters write, one sub-folder per capture
     * @param exporters      exporter names ({@code chrome}, {@code summary}, {@code jfr})
     * @param schedule       capture window in steps, or null to record from start to stop
     * @param cupti          collect GPU activity through CUPTI when it loads
     * @param nvtx           emit NVTX ranges when NVTX loads
     * @param maxEvents      most range events and GPU records kept per capture; more are counted as dropped
     * @param kernelWindows  the calls during which CUPTI collects GPU activity
     */
    public ProfilerConfig {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(kernelWindows, "kernelWindows");
        exporters = List.copyOf(exporters);
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be >= 1, got " + maxEvents);
        }
    }

    /** @return a builder starting from the defaults (disabled, {@code profiles}, chrome+summary) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration the environment and system properties ask for */
    public static ProfilerConfig fromEnvironment() {
        return fromMaps(System.getenv(), System.getProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))));
    }

    /**
     * Reads the switches from explicit maps (the environment, the system properties); for tests.
     *
     * @param env   environment variables
     * @param props system properties (win over the environment)
     * @return the configuration
     */
    public static ProfilerConfig fromMaps(Map<String, String> env, Map<String, String> props) {
        Builder b = builder();
        String on = first(props.get("yolo.profiling"), env.get("ENABLE_PROFILING"));
        b.enabled(on != null && (on.equals("1") || on.equalsIgnoreCase("true") || on.equalsIgnoreCase("yes")));
        String dir = first(props.get("yolo.profiling.dir"), env.get("YOLO_PROFILING_DIR"));
        if (dir != null) {
            b.outputDir(Path.of(dir));
        }
        String ex = first(props.get("yolo.profiling.exporters"), env.get("YOLO_PROFILING_EXPORTERS"));
        if (ex != null) {
            b.exporters(Arrays.stream(ex.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList());
        }
        String sched = first(props.get("yolo.profiling.schedule"), env.get("YOLO_PROFILING_SCHEDULE"));
        if (sched != null) {
            b.schedule(ProfilerSchedule.parse(sched));
        }
        String kernels = first(props.get("yolo.profiling.kernels"), env.get("YOLO_PROFILING_KERNELS"));
        if (kernels != null) {
            b.kernelWindows(KernelWindows.parse(kernels));
        } else if (sched == null) { // the level a service leaves on: CUPTI in short, rare windows
            b.kernelWindows(KernelWindows.DEFAULT);
        }
        String cupti = first(props.get("yolo.profiling.cupti"), env.get("YOLO_PROFILING_CUPTI"));
        if (cupti != null) {
            b.cupti(!(cupti.equals("0") || cupti.equalsIgnoreCase("false")));
        }
        return b.build();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b != null && !b.isBlank() ? b.trim() : null;
    }

    /** Builds a {@link ProfilerConfig}. */
    public static final class Builder {
        private boolean enabled;
        private Path outputDir = Path.of("profiles");
        private List<String> exporters = List.of("chrome", "summary");
        private ProfilerSchedule schedule;
        private boolean cupti = true;
        private boolean nvtx = true;
        private int maxEvents = 2_000_000;
        private KernelWindows kernelWindows = KernelWindows.always();

        Builder() {
        }

        /**
         * @param enabled record from start-up
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * @param dir output folder
         * @return this builder
         */
        public Builder outputDir(Path dir) {
            this.outputDir = Objects.requireNonNull(dir, "outputDir");
            return this;
        }

        /**
         * @param names exporter names
         * @return this builder
         */
        public Builder exporters(List<String> names) {
            this.exporters = List.copyOf(names);
            return this;
        }

        /**
         * @param schedule capture window, or null for start-to-stop
         * @return this builder
         */
        public Builder schedule(ProfilerSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * @param on collect GPU activity through CUPTI
         * @return this builder
         */
        public Builder cupti(boolean on) {
            this.cupti = on;
            return this;
        }

        /**
         * @param on emit NVTX ranges
         * @return this builder
         */
        public Builder nvtx(boolean on) {
            this.nvtx = on;
            return this;
        }

        /**
         * @param max most events kept per capture
         * @return this builder
         */
        public Builder maxEvents(int max) {
            this.maxEvents = max;
            return this;
        }

        /**
         * @param windows the calls during which CUPTI collects (default {@link KernelWindows#always()})
         * @return this builder
         */
        public Builder kernelWindows(KernelWindows windows) {
            this.kernelWindows = Objects.requireNonNull(windows, "kernelWindows");
            return this;
        }

        /** @return the configuration */
        public ProfilerConfig build() {
            return new ProfilerConfig(enabled, outputDir, exporters, schedule, cupti, nvtx, maxEvents, kernelWindows);
        }
    }
}
