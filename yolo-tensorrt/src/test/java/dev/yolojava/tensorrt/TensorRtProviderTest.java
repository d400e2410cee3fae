package dev.yolojava.tensorrt;

import dev.yolojava.core.spi.Availability;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class TensorRtProviderTest {
    @Test
    void withoutAGpuItSaysWhatIsMissingInsteadOfThrowing() {
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "a GPU driver is present here");
        Availability a = new TensorRtProvider().availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).containsAnyOf("CUDA", "GPU", "TensorRT").containsAnyOf("install", "driver", "found");
    }

    @Test
    void ranksAboveOnnxRuntime() {
        assertThat(new TensorRtProvider().rank()).isGreaterThan(10);
        assertThat(new TensorRtProvider().name()).isEqualTo("tensorrt");
    }
}
