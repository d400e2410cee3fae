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
}
