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
}
