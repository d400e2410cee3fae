package dev.yolojava.tensorrt;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tensorrt.batchedEngine}: yolov8n's fixed batch of 1 made dynamic, a batch of 32 in one execution, gives the
 * detections of the per-image executions. Its engine takes minutes to build, so the test runs only with
 * {@code -Dyolo.test.batchedEngine=true} (the GPU campaign builds the engine first).
 */
@Tag("gpu")
class BatchedEngineGpuTest {
    static final int BATCH = 32;

    @BeforeAll
    static void needsGpuAndTheBuild() {
        GpuAssumptions.assumeTensorRt();
        assumeTrue(java.nio.file.Files.isRegularFile(TensorRtBackendGpuTest.MODEL), "samples missing");
        assumeTrue(Boolean.getBoolean("yolo.test.batchedEngine"), "batched engine build not asked for"
                + " (-Dyolo.test.batchedEngine=true; minutes)");
    }

    @Test
    void aBatchOf32InOneExecutionGivesThePerImageDetections() {
        List<RawImage> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String name = TensorRtBackendGpuTest.IMAGES.get(i % TensorRtBackendGpuTest.IMAGES.size());
            batch.add(RawImage.read(TensorRtBackendGpuTest.SAMPLES.resolve("images/" + name)));
        }
        try (YoloDetector perImage = TensorRtBackendGpuTest.detector("tensorrt", Map.of(), BATCH);
             YoloDetector batched = TensorRtBackendGpuTest.detector("tensorrt", Map.of("tensorrt.batchedEngine", "true"), BATCH)) {
            Map<String, String> details = batched.diagnostics().backendDetails();
            assertThat(details.get("engine")).as("the batched engine: " + details).contains("-b" + BATCH + "-");
            assertThat(details.get("contexts")).as("one execution per batch").isEqualTo("1");
            assertThat(details.get("engineBatch")).isEqualTo("dynamic, up to 32 in one execution");
            assertThat(perImage.diagnostics().backendDetails().get("engineBatch")).isEqualTo("fixed 1");
            for (int round = 0; round < 3; round++) { // plain, captured, replayed
                List<List<Detection>> want = perImage.detectBatch(batch);
                List<List<Detection>> got = batched.detectBatch(batch);
                for (int i = 0; i < BATCH; i++) {
                    TensorRtBackendGpuTest.assertSame(want.get(i), got.get(i), "round " + round + " image " + i);
                    TensorRtBackendGpuTest.assertSame(got.get(i), want.get(i), "round " + round + " image " + i + " (reverse)");
                }
            }
            List<List<Detection>> partial = batched.detectBatch(batch.subList(0, 5)); // a smaller batch, same engine
            for (int i = 0; i < 5; i++) {
                TensorRtBackendGpuTest.assertSame(perImage.detect(batch.get(i)), partial.get(i), "partial batch image " + i);
            }
        }
    }

    @Test
    void twoDetectorsOfTheBatchedEngineRunAtOnceOnItsSharedProfile() throws Exception {
        List<RawImage> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String name = TensorRtBackendGpuTest.IMAGES.get((i * 3) % TensorRtBackendGpuTest.IMAGES.size());
            batch.add(RawImage.read(TensorRtBackendGpuTest.SAMPLES.resolve("images/" + name)));
        }
        List<List<Detection>> want;
        try (YoloDetector perImage = TensorRtBackendGpuTest.detector("tensorrt", Map.of(), BATCH)) {
            want = perImage.detectBatch(batch);
        }
        Map<String, String> batchedOptions = Map.of("tensorrt.batchedEngine", "true");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (YoloDetector a = TensorRtBackendGpuTest.detector("tensorrt", batchedOptions, BATCH);
             YoloDetector b = TensorRtBackendGpuTest.detector("tensorrt", batchedOptions, BATCH)) {
            List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
            int[][] sizes = {{32, 7, 32, 1}, {5, 32, 16, 32}}; // different batch shapes in flight on the one profile
            YoloDetector[] detectors = {a, b};
            for (int d = 0; d < 2; d++) {
                YoloDetector det = detectors[d];
                int[] mine = sizes[d];
                int id = d;
                runs.add(threads.submit(() -> {
                    int compared = 0;
                    for (int round = 0; round < 25; round++) {
                        int n = mine[round % mine.length];
                        List<List<Detection>> got = det.detectBatch(batch.subList(0, n));
                        for (int i = 0; i < n; i++) {
                            TensorRtBackendGpuTest.assertSame(want.get(i), got.get(i),
                                    "detector " + id + " round " + round + " image " + i);
                            compared++;
                        }
                    }
                    return compared;
                }));
            }
            for (java.util.concurrent.Future<Integer> run : runs) {
                assertThat(run.get(300, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
