package dev.yolojava.tensorrt;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloConfig;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Decode + NMS on the GPU gives what the detector's CPU decoder and NMS give on the same engine
 * output, for the settings that change them (threshold, IoU, max_det, agnostic, class filter), for
 * batches, and when an image has more candidates than the GPU holds (the CPU then decodes it).
 */
@Tag("gpu")
class GpuDecodeGpuTest {

    @BeforeAll
    static void needsGpu() {
        TensorRtBackendGpuTest.needsGpu();
    }

    static YoloDetector detector(boolean gpuDecode, int batch, Consumer<YoloDetector.Builder> settings) {
        var b = GpuAssumptions.engineLevel(YoloDetector.builder().model(TensorRtBackendGpuTest.MODEL).backend("tensorrt")).batchSize(batch)
                .option("tensorrt.gpuPostprocess", Boolean.toString(gpuDecode));
        settings.accept(b);
        return b.build();
    }

    static List<RawImage> images(int n) {
        List<RawImage> imgs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = TensorRtBackendGpuTest.IMAGES.get(i % TensorRtBackendGpuTest.IMAGES.size());
            imgs.add(RawImage.read(TensorRtBackendGpuTest.SAMPLES.resolve("images/" + name)));
        }
        return imgs;
    }

    /** Same boxes in the same order: same class, score within 1e-5, IoU >= 0.999. */
    static void assertSameOrder(List<Detection> cpu, List<Detection> gpu, String what) {
        assertThat(gpu).as(what + " count: cpu " + cpu + "\n gpu " + gpu).hasSameSizeAs(cpu);
        for (int i = 0; i < cpu.size(); i++) {
            Detection c = cpu.get(i), g = gpu.get(i);
            assertThat(g.classId()).as(what + " #" + i + ": " + g + " vs " + c).isEqualTo(c.classId());
            assertThat(g.score()).as(what + " #" + i).isCloseTo(c.score(), within(1e-5f));
            assertThat(g.box().iou(c.box())).as(what + " #" + i + ": " + g + " vs " + c).isGreaterThanOrEqualTo(0.999f);
        }
    }

    @ParameterizedTest(name = "conf {0}, iou {1}, maxDet {2}, agnostic {3}, classes {4}")
    @CsvSource({
            "0.25, 0.45, 300, false, ''",
            "0.05, 0.70, 300, false, ''",
            "0.10, 0.30,   5, true,  ''",
            "0.10, 0.45, 300, false, '0 2 16'",
            "0.0001, 0.45, 300, false, ''"})   // ~8400 candidates: over the GPU's capacity, the CPU decodes
    void gpuDecodeEqualsCpuDecode(float conf, float iou, int maxDet, boolean agnostic, String classes) {
        Consumer<YoloDetector.Builder> settings = b -> {
            b.confidenceThreshold(conf).iouThreshold(iou).maxDetections(maxDet).agnosticNms(agnostic);
            if (!classes.isBlank()) {
                b.classes(java.util.Arrays.stream(classes.trim().split(" ")).map(Integer::valueOf).toList());
            }
        };
        List<RawImage> imgs = images(TensorRtBackendGpuTest.IMAGES.size());
        try (YoloDetector cpu = detector(false, 1, settings); YoloDetector gpu = detector(true, 1, settings)) {
            assertThat(cpu.diagnostics().decodesOnDevice()).isFalse();
            assertThat(gpu.diagnostics().decodesOnDevice()).isTrue();
            int exact = 0;
            for (int i = 0; i < imgs.size(); i++) {
                List<Detection> c = cpu.detect(imgs.get(i)), g = gpu.detect(imgs.get(i));
                assertSameOrder(c, g, TensorRtBackendGpuTest.IMAGES.get(i));
                exact += c.equals(g) ? 1 : 0;
                assertThat(gpu.detect(imgs.get(i))).as("graph replay").isEqualTo(g);
            }
            System.out.printf("gpu decode conf %s iou %s maxDet %d agnostic %s classes [%s]: %d/%d images bit-identical%n",
                    conf, iou, maxDet, agnostic, classes, exact, imgs.size());
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @CsvSource({"4", "8"})
    void batchesDecodeOnTheGpuLikeSingleImagesOnTheCpu(int batch) {
        List<RawImage> imgs = images(7);
        try (YoloDetector cpu = detector(false, 1, b -> { }); YoloDetector gpu = detector(true, batch, b -> { })) {
            List<List<Detection>> g = gpu.detectBatch(imgs);
            List<List<Detection>> again = gpu.detectBatch(imgs);
            for (int i = 0; i < imgs.size(); i++) {
                assertSameOrder(cpu.detect(imgs.get(i)), g.get(i), "batch " + batch + " image " + i);
                assertThat(again.get(i)).isEqualTo(g.get(i));
            }
        }
    }
}
