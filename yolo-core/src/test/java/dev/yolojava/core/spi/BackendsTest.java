package dev.yolojava.core.spi;

import dev.yolojava.core.BackendNotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendsTest {

    record Fake(String name, int rank, Availability availability) implements BackendProvider {
        @Override
        public String artifact() {
            return "dev.yolojava:yolo-" + name;
        }

        @Override
        public InferenceBackend open(BackendOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Fake GPU_MISSING = new Fake("tensorrt", 100, Availability.no("no CUDA GPU found"));
    private static final Fake GPU = new Fake("tensorrt", 100, Availability.yes());
    private static final Fake CPU = new Fake("onnxruntime", 10, Availability.yes());

    @Test
    void picksTheAvailableProviderOfHighestRank() {
        assertThat(Backends.select(null, List.of(CPU, GPU))).isSameAs(GPU);
        assertThat(Backends.select("auto", List.of(GPU_MISSING, CPU))).isSameAs(CPU);
    }

    @Test
    void anOverrideWinsOverRank() {
        assertThat(Backends.select("ONNXRuntime", List.of(GPU, CPU))).isSameAs(CPU);
    }

    @Test
    void aMissingBackendNamesTheDependencyToAdd() {
        assertThatThrownBy(() -> Backends.select("tensorrt", List.of(CPU)))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("not on the class path").hasMessageContaining("yolo-tensorrt");
    }

    @Test
    void anUnusableRequestedBackendSaysWhy() {
        assertThatThrownBy(() -> Backends.select("tensorrt", List.of(GPU_MISSING, CPU)))
                .hasMessageContaining("cannot run here").hasMessageContaining("no CUDA GPU found");
    }

    @Test
    void noUsableBackendListsEveryReason() {
        assertThatThrownBy(() -> Backends.select(null, List.of(GPU_MISSING)))
                .isInstanceOf(BackendNotFoundException.class).hasMessageContaining("no CUDA GPU found");
        assertThatThrownBy(() -> Backends.select(null, List.of())).hasMessageContaining("yolo-onnxruntime");
    }

    record Configurable(String name) implements BackendProvider {
        @Override
        public int rank() {
            return 10;
        }

        @Override
        public String artifact() {
            return "x";
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public java.util.Set<String> optionKeys() {
            return java.util.Set.of(name + ".threads");
        }

        @Override
        public InferenceBackend open(BackendOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void optionsOfTheChosenBackendMustBeKnownAndOthersAreIgnored() {
        Configurable cpu = new Configurable("onnxruntime");
        Backends.checkOptions(cpu, java.util.Map.of("onnxruntime.threads", "2", "tensorrt.precision", "fp32"), List.of(cpu));
        assertThatThrownBy(() -> Backends.checkOptions(cpu, java.util.Map.of("onnxruntime.thread", "2"), List.of(cpu)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'onnxruntime.thread'").hasMessageContaining("known: onnxruntime.threads");
        assertThatThrownBy(() -> Backends.checkOptions(cpu, java.util.Map.of("tensorrtt.precision", "fp16"), List.of(cpu)))
                .hasMessageContaining("'tensorrtt.precision'").hasMessageContaining("onnxruntime, tensorrt");
        assertThatThrownBy(() -> Backends.checkOptions(cpu, java.util.Map.of("threads", "2"), List.of(cpu)))
                .hasMessageContaining("'threads'");
    }
}
