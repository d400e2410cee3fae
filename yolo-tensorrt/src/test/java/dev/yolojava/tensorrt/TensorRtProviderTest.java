package dev.yolojava.tensorrt;

import dev.yolojava.core.spi.Availability;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TensorRtProviderTest {
    @Test
    void availabilityAnswersWithoutThrowingAndAnUnavailableAnswerSaysWhatIsMissing() {
        Availability a = new TensorRtProvider().availability(); // on CI: no driver; on a GPU machine: usable or not
        if (a.available()) {
            assertThat(new TensorRtProvider().availability().available()).as("asked twice").isTrue();
        } else {
            assertThat(a.reason()).containsAnyOf("CUDA", "GPU", "TensorRT").containsAnyOf("install", "driver", "found",
                    "loaded");
        }
        if (!Files.exists(Path.of("/dev/nvidiactl"))) {
            assertThat(a.available()).as("no NVIDIA driver on this machine").isFalse();
        }
    }

    @Test
    void ranksAboveOnnxRuntime() {
        assertThat(new TensorRtProvider().rank()).isGreaterThan(10);
        assertThat(new TensorRtProvider().name()).isEqualTo("tensorrt");
    }
}
