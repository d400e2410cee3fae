package dev.yolojava.tensorrt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the GPU tests assume: skipped, with the reason, where TensorRT cannot run. */
public final class GpuAssumptions {
    private GpuAssumptions() {
    }

    /** Skips the calling test class unless a GPU and the TensorRT libraries are usable. */
    public static void assumeTensorRt() {
        var a = new TensorRtProvider().availability();
        assumeTrue(a.available(), () -> "TensorRT unavailable: " + a.reason());
    }

    /**
     * The engine optimization level the GPU tests build with where no engine for the GPU was carried (system
     * property {@code yolo.test.optimizationLevel}, e.g. 2 on an H200 whose level-4 engine would take minutes to
     * build); unset, the backend's default.
     *
     * @param b a detector builder, given the option when the property is set
     * @return {@code b}
     */
    public static dev.yolojava.core.YoloDetector.Builder engineLevel(dev.yolojava.core.YoloDetector.Builder b) {
        String level = System.getProperty("yolo.test.optimizationLevel");
        return level == null || level.isBlank() ? b : b.option("tensorrt.optimizationLevel", level.trim());
    }

    /** @return the backend options {@link #engineLevel} would set: the level, when the property is set; else none */
    public static java.util.Map<String, String> engineOptions() {
        String level = System.getProperty("yolo.test.optimizationLevel");
        return level == null || level.isBlank() ? java.util.Map.of() : java.util.Map.of("tensorrt.optimizationLevel", level.trim());
    }
}
