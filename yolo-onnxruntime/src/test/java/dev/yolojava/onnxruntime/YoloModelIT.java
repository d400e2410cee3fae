package dev.yolojava.onnxruntime;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.YoloModel;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A model loaded once hands out a detector per thread, all answering alike, all closed with it. */
class YoloModelIT {

    @Test
    void detectorsOfOneModelRunOnTheirOwnThreadsAndCloseWithIt() throws Exception {
        assumeTrue(Files.isRegularFile(OnnxRuntimeBackendIT.MODEL), "samples missing: run scripts/fetch-samples.sh");
        RawImage dog = RawImage.read(OnnxRuntimeBackendIT.SAMPLES.resolve("images/dog.jpg"));
        YoloDetector a, b;
        try (YoloModel model = YoloDetector.builder().model(OnnxRuntimeBackendIT.MODEL).backend("onnxruntime")
                .option("onnxruntime.threads", "1").loadModel()) {
            assertThat(model.classNames()).hasSize(80);
            assertThat(model.backendName()).isEqualTo("onnxruntime");
            a = model.newDetector();
            b = model.newDetector();
            assertThat(a).isNotSameAs(b);
            CompletableFuture<List<Detection>> fa = CompletableFuture.supplyAsync(() -> a.detect(dog));
            CompletableFuture<List<Detection>> fb = CompletableFuture.supplyAsync(() -> b.detect(dog));
            assertThat(fa.get()).isEqualTo(fb.get()).extracting(Detection::label).contains("dog", "bicycle");
        }
        assertThatThrownBy(() -> a.detect(dog)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.detect(dog)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void postProcessingThreadsComeFromTheBuildersThreadFactory() {
        assumeTrue(Files.isRegularFile(OnnxRuntimeBackendIT.MODEL), "samples missing: run scripts/fetch-samples.sh");
        RawImage dog = RawImage.read(OnnxRuntimeBackendIT.SAMPLES.resolve("images/dog.jpg"));
        java.util.List<String> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ThreadFactory factory = r -> {
            Thread t = new Thread(r, "app-worker-" + made.size());
            t.setDaemon(true);
            made.add(t.getName());
            return t;
        };
        var builder = YoloDetector.builder().model(OnnxRuntimeBackendIT.MODEL).backend("onnxruntime").batchSize(2)
                .option("onnxruntime.threads", "1").threadFactory(factory);
        try (YoloDetector d = builder.build()) {
            assertThat(d.detectBatch(List.of(dog, dog))).allSatisfy(l -> assertThat(l).extracting(Detection::label).contains("dog"));
        }
        assertThat(made).as("threads the built detector made").isNotEmpty().allMatch(n -> n.startsWith("app-worker-"));
        int before = made.size();
        try (YoloModel model = builder.loadModel(); YoloDetector second = model.newDetector()) {
            YoloDetector other = model.newDetector();
            other.detectBatch(List.of(dog, dog));
            second.detectBatch(List.of(dog, dog));
        }
        assertThat(made.size()).as("threads the model's detectors made").isGreaterThan(before);
        assertThatThrownBy(() -> YoloDetector.builder().threadFactory(null)).hasMessage("threadFactory");
    }
}
