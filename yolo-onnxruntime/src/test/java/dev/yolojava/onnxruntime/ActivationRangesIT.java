package dev.yolojava.onnxruntime;

import dev.yolojava.onnxruntime.internal.ActivationRanges;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** INT8 calibration ranges of yolov8n on the CPU (needs scripts/fetch-samples.sh). */
class ActivationRangesIT {
    static final Path SAMPLES = OnnxRuntimeBackendIT.SAMPLES;
    static final Path MODEL = OnnxRuntimeBackendIT.MODEL;

    @BeforeAll
    static void samples() {
        assumeTrue(Files.isRegularFile(MODEL), "samples missing: run scripts/fetch-samples.sh");
    }

    @Test
    void measuresEveryActivationAndTheRangesGrowWithMoreImages() {
        Path dog = SAMPLES.resolve("images/dog.jpg"), person = SAMPLES.resolve("images/person.jpg");
        Map<String, Float> one = ActivationRanges.measure(MODEL, List.of(dog), 640, 640);
        Map<String, Float> two = ActivationRanges.measure(MODEL, List.of(dog, person), 640, 640);
        assertThat(one.size()).as("tensors measured").isGreaterThan(200);
        assertThat(one.get("images")).as("input range").isGreaterThan(0.5f).isLessThanOrEqualTo(1f);
        assertThat(one.get("output0")).as("output range (box coordinates in pixels)").isGreaterThan(100f).isLessThan(2000f);
        assertThat(one.values()).allSatisfy(v -> assertThat(v).isFinite().isGreaterThanOrEqualTo(0f));
        assertThat(two.keySet()).isEqualTo(one.keySet());
        one.forEach((k, v) -> assertThat(two.get(k)).as(k).isGreaterThanOrEqualTo(v));
        assertThat(one.entrySet()).anySatisfy(e -> assertThat(two.get(e.getKey())).isGreaterThan(e.getValue()));
    }

    @Test
    void noImagesIsAnErrorNamingTheParameter() {
        assertThatThrownBy(() -> ActivationRanges.measure(MODEL, List.of(), 640, 640))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calibration images");
    }
}
