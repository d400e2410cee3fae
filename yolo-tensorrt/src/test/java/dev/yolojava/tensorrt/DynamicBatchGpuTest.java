package dev.yolojava.tensorrt;

import dev.yolojava.core.internal.onnx.OnnxTestModels;
import dev.yolojava.core.spi.BackendOptions;
import dev.yolojava.core.spi.OutputTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dynamic-batch model ({@code [batch, 3, 64, 64]}, two Identity nodes: built in seconds) through
 * the optimization-profile path: every batch size up to the profile's maximum runs as one enqueue
 * (plain, then captured and replayed as a graph) and gives back exactly its input.
 */
@Tag("gpu")
class DynamicBatchGpuTest {

    @BeforeAll
    static void needsGpu() {
        GpuAssumptions.assumeTensorRt();
    }

    @Test
    void eachBatchSizeRunsInOneEnqueueAndRoundTrips(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("dynamic.onnx"), OnnxTestModels.identityChain(new long[]{-1, 3, 64, 64}, "mid", "out"));
        BackendOptions o = new BackendOptions(model, 4, 0, 0, Map.of("tensorrt.cacheDir", dir.resolve("engines").toString(),
                "tensorrt.optimizationLevel", "0", "tensorrt.precision", "fp32"));
        try (TensorRtBackend b = (TensorRtBackend) new TensorRtProvider().open(o)) {
            assertThat(b.model().inputShape()).containsExactly(4, 3, 64, 64);
            Random r = new Random(7);
            for (int batch : new int[]{1, 3, 3, 3, 4, 2, 4, 4}) {
                assertRoundTrips(b, r, batch, "batch " + batch);
            }
            assertThatThrownBy(() -> b.infer(FloatBuffer.allocate(5 * 3 * 64 * 64), 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 1..4, got 5");
        }
        try (TensorRtBackend again = (TensorRtBackend) new TensorRtProvider().open(o)) {
            assertThat(again.engineFromCache()).as("dynamic engine cached").isTrue();
        }
    }

    @Test
    void detectorsSharingOneDynamicEngineRunAtOnceWithBatchesOfTheirOwn(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("dynamic.onnx"), OnnxTestModels.identityChain(new long[]{-1, 3, 64, 64}, "mid", "out"));
        BackendOptions o = new BackendOptions(model, 4, 0, 0, Map.of("tensorrt.cacheDir", dir.resolve("engines").toString(),
                "tensorrt.optimizationLevel", "0", "tensorrt.precision", "fp32"));
        java.util.List<TensorRtBackend> open = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) { // four contexts of one engine (one optimization profile, shared) at once
                open.add((TensorRtBackend) new TensorRtProvider().open(o));
            }
            java.util.List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int k = 0; k < open.size(); k++) {
                TensorRtBackend b = open.get(k);
                Random r = new Random(11 + k);
                runs.add(pool.submit(() -> { // each thread its own batch sizes, all in flight together
                    int checked = 0;
                    for (int call = 0; call < 200; call++) {
                        int batch = 1 + r.nextInt(4);
                        assertRoundTrips(b, r, batch, "call " + call + ", batch " + batch);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (java.util.concurrent.Future<Integer> run : runs) {
                assertThat(run.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
            open.forEach(TensorRtBackend::close);
        }
    }

    /** Runs {@code batch} random 3×64×64 inputs through the identity engine and checks they come back exactly. */
    private static void assertRoundTrips(TensorRtBackend b, Random r, int batch, String what) {
        float[] in = new float[batch * 3 * 64 * 64];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextFloat();
        }
        OutputTensor out = b.infer(FloatBuffer.wrap(in), batch);
        assertThat(out.shape()).as(what).containsExactly(batch, 3, 64, 64);
        float[] got = new float[in.length];
        out.data().duplicate().get(got);
        assertThat(got).as(what).containsExactly(in);
    }
}
