package dev.yolojava.core;

import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchPostprocessorTest {

    @Test
    void aBatchIsPostProcessedInOrderOnThreadsFromTheDetectorsThreadFactory() {
        List<String> made = Collections.synchronizedList(new ArrayList<>());
        try (YoloDetector d = YoloDetector.withBackend(new FakeBackend(),
                YoloDetector.builder().model(Path.of("fake.onnx")).batchSize(3).config())) {
            d.useThreadFactory(r -> {
                Thread t = new Thread(r, "app-postprocess-" + made.size());
                t.setDaemon(true);
                made.add(t.getName());
                return t;
            });
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                frames.add(RawImage.rgb(new byte[64 * 64 * 3], 64, 64));
            }
            List<List<Detection>> out = d.detectBatch(frames);
            assertThat(out).hasSize(3).allSatisfy(dets -> assertThat(dets).singleElement()
                    .satisfies(det -> assertThat(det.label()).isEqualTo("dog")));
        }
        assertThat(made).as("the post-processing threads").isNotEmpty().allMatch(n -> n.startsWith("app-postprocess-"));
    }
}
