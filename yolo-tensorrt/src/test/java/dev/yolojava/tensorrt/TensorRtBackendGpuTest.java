package dev.yolojava.tensorrt;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.BackendOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TensorRT on a real GPU (skipped where none is usable). Engines come from the engine cache
 * ({@code $YOLO_ENGINE_CACHE}); the first run of a precision builds one, which takes minutes.
 */
@Tag("gpu")
class TensorRtBackendGpuTest {
    static final Path SAMPLES = Path.of(System.getProperty("yolo.samples", "samples"));
    static final Path MODEL = SAMPLES.resolve("models/yolov8n.onnx");
    static final List<String> IMAGES = List.of("dog.jpg", "person.jpg", "horses.jpg", "eagle.jpg", "giraffe.jpg");

    @BeforeAll
    static void needsGpu() {
        GpuAssumptions.assumeTensorRt();
        assumeTrue(Files.isRegularFile(MODEL), "samples missing: run scripts/fetch-samples.sh");
    }

    static YoloDetector detector(String backend, Map<String, String> options, int batch) {
        var b = GpuAssumptions.engineLevel(YoloDetector.builder().model(MODEL).backend(backend).batchSize(batch));
        options.forEach(b::option);
        return b.build();
    }

    static float iou(Detection a, Detection b) {
        return a.box().iou(b.box());
    }

    /** Every confident CPU detection has a GPU twin of the same class, IoU >= 0.95, score within 0.02. */
    static void assertSame(List<Detection> cpu, List<Detection> gpu, String what) {
        int compared = 0;
        for (Detection c : cpu) {
            if (c.score() < 0.3f) {
                continue; // near the threshold a box may fall on either side
            }
            compared++;
            Detection twin = gpu.stream().filter(g -> g.classId() == c.classId())
                    .max((x, y) -> Float.compare(iou(x, c), iou(y, c))).orElse(null);
            assertThat(twin).as(what + ": no " + c.label() + " in " + gpu).isNotNull();
            assertThat(iou(twin, c)).as(what + ": " + twin + " vs " + c).isGreaterThanOrEqualTo(0.95f);
            assertThat(twin.score()).as(what + ": " + twin + " vs " + c).isCloseTo(c.score(), within(0.02f));
        }
        assertThat(compared).as(what + ": confident (>= 0.3) detections to compare in " + cpu).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fp16", "fp32"})
    void matchesOnnxRuntimeOnTheCpu(String precision) {
        try (YoloDetector cpu = detector("onnxruntime", Map.of(), 1);
             YoloDetector gpu = detector("tensorrt", Map.of("tensorrt.precision", precision), 1)) {
            assertThat(gpu.backendName()).isEqualTo("tensorrt");
            for (String name : IMAGES) {
                RawImage img = RawImage.read(SAMPLES.resolve("images/" + name));
                List<Detection> c = cpu.detect(img), g = gpu.detect(img);
                System.out.printf("%s %s%n  cpu %s%n  gpu %s%n", precision, name, c, g);
                assertSame(c, g, precision + " " + name);
                assertSame(g, c, precision + " " + name + " (reverse)");
            }
        }
    }

    /**
     * INT8 from min-max ranges over the sample images: the confident objects survive quantization.
     * Built at optimization level 1 to keep the build short (the engine cache keys the level).
     */
    @Test
    void int8CalibratedOverAFolderOfImagesFindsTheSameObjects() {
        Map<String, String> int8 = Map.of("tensorrt.precision", "int8", "tensorrt.optimizationLevel", "1",
                "tensorrt.calibrationImages", SAMPLES.resolve("images").toString());
        try (YoloDetector cpu = detector("onnxruntime", Map.of(), 1); YoloDetector gpu = detector("tensorrt", int8, 1)) {
            for (String name : IMAGES) {
                RawImage img = RawImage.read(SAMPLES.resolve("images/" + name));
                List<Detection> c = cpu.detect(img), g = gpu.detect(img);
                System.out.printf("int8 %s%n  cpu %s%n  gpu %s%n", name, c, g);
                for (Detection d : c) {
                    if (d.score() < 0.5f) {
                        continue;
                    }
                    Detection twin = g.stream().filter(x -> x.classId() == d.classId())
                            .max((x, y) -> Float.compare(iou(x, d), iou(y, d))).orElse(null);
                    assertThat(twin).as("int8 " + name + ": no " + d.label() + " in " + g).isNotNull();
                    assertThat(iou(twin, d)).as("int8 " + name + ": " + twin + " vs " + d).isGreaterThanOrEqualTo(0.8f);
                    assertThat(twin.score()).as("int8 " + name + ": " + twin + " vs " + d).isCloseTo(d.score(), within(0.15f));
                }
            }
        }
    }

    @Test
    void dogJpgOnTheGpu() {
        try (YoloDetector gpu = detector("tensorrt", Map.of(), 1)) {
            List<Detection> d = gpu.detect(SAMPLES.resolve("images/dog.jpg"));
            assertThat(d.stream().filter(x -> x.score() > 0.6f).map(Detection::label)).contains("dog", "bicycle", "car");
            Map<String, String> details = gpu.diagnostics().backendDetails();
            System.out.println("backend details: " + details);
            assertThat(details.get("tensorrt")).isEqualTo("10.6.0");
            assertThat(details).containsKeys("device", "computeCapability", "cudaRuntime", "cudaDriverApi", "engine");
            assertThat(gpu.cudaDevice()).hasValue(Integer.parseInt(details.get("cudaDevice")));
            assertThat(Integer.parseInt(details.get("engineLayers"))).as("IEngineInspector's layers").isGreaterThan(10);
            assertThat(details.get("reformatLayers")).matches("\\d+ \\(\\d+ at input/output\\)");
        }
    }

    @Test
    void anAllocatedFrameIsPageLockedAndGivesTheSameAnswersAsTheImage() {
        RawImage dog = RawImage.read(SAMPLES.resolve("images/dog.jpg"));
        try (YoloDetector gpu = detector("tensorrt", Map.of(), 1)) {
            RawImage frame = gpu.allocateFrame(dog.width(), dog.height(), dog.format());
            try (org.bytedeco.javacpp.IntPointer flags = new org.bytedeco.javacpp.IntPointer(1)) {
                assertThat(org.bytedeco.cuda.global.cudart.cudaHostGetFlags(flags,
                        new org.bytedeco.javacpp.BytePointer(frame.pixels()))).as("cudaHostGetFlags: page-locked").isZero();
            }
            for (int y = 0; y < dog.height(); y++) {
                java.nio.ByteBuffer row = dog.pixels().duplicate();
                row.position(dog.pixels().position() + y * dog.stride()).limit(row.position() + 3 * dog.width());
                frame.pixels().put(y * frame.stride(), row, row.position(), 3 * dog.width());
            }
            for (int round = 0; round < 3; round++) { // the third call replays the graph captured at the frame's address
                assertThat(gpu.detect(frame)).isEqualTo(gpu.detect(dog));
            }
        }
    }

    @Test
    void theSecondLoadIsACacheHit() {
        var provider = new TensorRtProvider();
        BackendOptions o = new BackendOptions(MODEL, 1, 0, 0, GpuAssumptions.engineOptions());
        try (TensorRtBackend first = (TensorRtBackend) provider.open(o)) {
            assertThat(first.engineFile()).exists();
        }
        long t0 = System.nanoTime();
        try (TensorRtBackend second = (TensorRtBackend) provider.open(o)) {
            assertThat(second.engineFromCache()).isTrue();
            System.out.printf("cache-hit load: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        }
    }

    @Test
    void batchesAndPipelineOptionsGiveTheSameAnswers() {
        List<RawImage> imgs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            imgs.add(RawImage.read(SAMPLES.resolve("images/" + IMAGES.get(i % IMAGES.size()))));
        }
        List<List<Detection>> single;
        try (YoloDetector one = detector("tensorrt", Map.of("tensorrt.cudaGraph", "false"), 1)) {
            single = new ArrayList<>();
            for (RawImage img : imgs) {
                single.add(one.detect(img));
            }
        }
        try (YoloDetector batched = detector("tensorrt", Map.of(), 8)) {
            List<List<Detection>> b = batched.detectBatch(imgs);
            List<List<Detection>> again = batched.detectBatch(imgs); // graph replays from here on
            for (int i = 0; i < imgs.size(); i++) {
                assertSame(single.get(i), b.get(i), "batched image " + i);
                assertThat(again.get(i)).isEqualTo(b.get(i));
            }
        }
        try (YoloDetector cpuLetterbox = detector("tensorrt", Map.of("tensorrt.gpuPreprocess", "false"), 1)) {
            for (int i = 0; i < IMAGES.size(); i++) {
                assertSame(single.get(i), cpuLetterbox.detect(imgs.get(i)), "CPU letterbox image " + i);
            }
        }
    }

    /** Double-buffered frames (two slot groups in turn) give what synchronous calls give, decoded on the GPU or not. */
    @ParameterizedTest(name = "gpuPostprocess {0}")
    @ValueSource(strings = {"true", "false"})
    void pipelinedFramesGiveTheSameAnswersAsSynchronousCalls(String gpuPostprocess) {
        List<RawImage> imgs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            imgs.add(RawImage.read(SAMPLES.resolve("images/" + IMAGES.get(i % IMAGES.size()))));
        }
        try (YoloDetector d = detector("tensorrt", Map.of("tensorrt.gpuPostprocess", gpuPostprocess), 1)) {
            List<List<Detection>> sync = new ArrayList<>();
            for (RawImage img : imgs) {
                sync.add(d.detect(img));
            }
            List<java.util.concurrent.CompletableFuture<List<Detection>>> piped = new ArrayList<>();
            try (dev.yolojava.core.FramePipeline p = d.pipeline()) {
                assertThat(p.depth()).isEqualTo(2);
                for (RawImage img : imgs) {
                    piped.add(p.submit(img));
                }
                assertThat(piped.get(imgs.size() - 1)).as("the last frame is still in flight").isNotDone();
            }
            for (int i = 0; i < imgs.size(); i++) {
                assertThat(piped.get(i).join()).as("frame " + i).isEqualTo(sync.get(i));
            }
            assertThat(d.detect(imgs.get(0))).as("synchronous again after the pipeline").isEqualTo(sync.get(0));
        }
    }

    /** Repeating a frame geometry captures the whole call as one graph; its replays answer like plain enqueues. */
    @Test
    void replayedWholeCallGraphsGiveTheSameAnswersAsPlainEnqueues() {
        try (YoloDetector plain = detector("tensorrt", Map.of("tensorrt.cudaGraph", "false"), 1);
             YoloDetector graphed = detector("tensorrt", Map.of(), 1)) {
            for (String name : IMAGES) {
                RawImage img = RawImage.read(SAMPLES.resolve("images/" + name));
                List<Detection> expected = plain.detect(img);
                for (int i = 0; i < 4; i++) { // plain, capture + launch, replay, replay
                    assertThat(graphed.detect(img)).as(name + " call " + i).isEqualTo(expected);
                }
            }
        }
    }

    /** Waiting asleep on a blocking-sync event gives the answers of CUDA's spinning wait, at batch 1 and over 4 contexts. */
    @Test
    void aBlockingWaitGivesTheSameAnswersAsSpinning() {
        List<RawImage> imgs = IMAGES.stream().map(n -> RawImage.read(SAMPLES.resolve("images/" + n))).toList();
        try (YoloDetector spin = detector("tensorrt", Map.of(), 4);
             YoloDetector block = detector("tensorrt", Map.of("tensorrt.waitMode", "block"), 4)) {
            assertThat(block.diagnostics().backendDetails()).containsEntry("waitMode", "block");
            for (int round = 0; round < 3; round++) {
                for (RawImage img : imgs) {
                    assertThat(block.detect(img)).as("round " + round).isEqualTo(spin.detect(img));
                }
                assertThat(block.detectBatch(imgs.subList(0, 4))).isEqualTo(spin.detectBatch(imgs.subList(0, 4)));
            }
        }
    }

    @Test
    void aCorruptEngineFileIsATypedErrorNamingIt(@TempDir Path dir) throws Exception {
        Path bad = Files.write(dir.resolve("broken.engine"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> YoloDetector.builder().model(bad).backend("tensorrt").build())
                .isInstanceOf(TensorRtException.class).hasMessageContaining("broken.engine")
                .hasMessageContaining("rebuild");
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() {
        YoloDetector d = detector("tensorrt", Map.of(), 1);
        d.detect(SAMPLES.resolve("images/dog.jpg"));
        d.close();
        d.close();
        assertThatThrownBy(() -> d.detect(SAMPLES.resolve("images/dog.jpg"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoThousandCallsDoNotGrowDeviceOrHostMemory() throws Exception {
        RawImage img = RawImage.read(SAMPLES.resolve("images/dog.jpg"));
        try (YoloDetector d = detector("tensorrt", Map.of(), 1)) {
            for (int i = 0; i < 100; i++) {
                d.detect(img);
            }
            long dev0 = DeviceMemoryProbe.usedBytes(), rss0 = DeviceMemoryProbe.rssBytes();
            for (int i = 0; i < 2000; i++) {
                d.detect(img);
            }
            long dev1 = DeviceMemoryProbe.usedBytes(), rss1 = DeviceMemoryProbe.rssBytes();
            System.out.printf("2000 calls: device used %d -> %d MB, RSS %d -> %d MB%n", dev0 >> 20, dev1 >> 20, rss0 >> 20, rss1 >> 20);
            assertThat(dev1 - dev0).isLessThan(16L << 20);
            assertThat(rss1 - rss0).isLessThan(64L << 20);
        }
        // and opening/closing releases what a detector took
        long before = DeviceMemoryProbe.usedBytes();
        for (int i = 0; i < 5; i++) {
            try (YoloDetector d = detector("tensorrt", Map.of(), 4)) {
                d.detect(img);
            }
        }
        assertThat(DeviceMemoryProbe.usedBytes() - before).isLessThan(64L << 20);
    }
}
