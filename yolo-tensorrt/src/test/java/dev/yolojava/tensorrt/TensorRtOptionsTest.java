package dev.yolojava.tensorrt;

import dev.yolojava.tensorrt.internal.TensorRtOptions;

import dev.yolojava.core.spi.BackendOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorRtOptionsTest {
    private static TensorRtOptions of(Map<String, String> p) {
        return TensorRtOptions.from(new BackendOptions(Path.of("m.onnx"), 4, 0, 0, p));
    }

    @Test
    void defaultsAreFp16LevelFourWithGraphsGpuLetterboxAndGpuJpegWhereThere() {
        TensorRtOptions o = of(Map.of());
        assertThat(o.precision()).isEqualTo(Precision.FP16);
        assertThat(o.cudaGraph()).isTrue();
        assertThat(o.gpuPreprocess()).isTrue();
        assertThat(o.workspaceBytes()).isEqualTo(1024L << 20);
        assertThat(o.optimizationLevel()).isEqualTo(4);
        assertThat(o.maxBatch()).isEqualTo(4);
        assertThat(o.jpegDecoder()).as("nvJPEG's engines where the GPU has them").isEqualTo("auto");
        assertThat(o.jpegLanes()).as("a batch of JPEGs split over 4 nvJPEG states").isEqualTo(4);
        assertThat(o.contexts()).as("a batch spread over 8 execution contexts").isEqualTo(8);
        assertThat(o.batchedEngine()).as("the model's own batch unless asked").isFalse();
        assertThat(o.jpegCpuAssist()).as("nvJPEG decodes every JPEG it takes unless asked").isFalse();
        assertThat(o.waitMode()).as("CUDA's own (spinning) wait").isEqualTo("spin");
        assertThat(o.blockingWait()).isFalse();
        assertThat(o.maxAuxStreams()).isEqualTo(TensorRtOptions.AUX_STREAMS_AUTO);
        assertThat(o.auxStreamsFor(true)).as("an engine of one image per execution: 4 auxiliary streams").isEqualTo(4);
        assertThat(o.auxStreamsFor(false)).as("a batched engine: TensorRT's heuristics")
                .isEqualTo(TensorRtOptions.AUX_STREAMS_TENSORRT);
    }

    @Test
    void readsEveryKey() {
        TensorRtOptions o = of(Map.of("tensorrt.precision", "FP32", "tensorrt.workspaceMiB", "256",
                "tensorrt.optimizationLevel", "1", "tensorrt.cacheDir", "/tmp/e", "tensorrt.cudaGraph", "off",
                "tensorrt.gpuPreprocess", "false", "tensorrt.layerNvtx", "yes", "tensorrt.device", "1",
                "tensorrt.jpegLanes", "2", "tensorrt.contexts", "3"));
        assertThat(o.precision()).isEqualTo(Precision.FP32);
        assertThat(o.workspaceBytes()).isEqualTo(256L << 20);
        assertThat(o.optimizationLevel()).isEqualTo(1);
        assertThat(o.cacheDir()).isEqualTo(Path.of("/tmp/e"));
        assertThat(o.cudaGraph()).isFalse();
        assertThat(o.gpuPreprocess()).isFalse();
        assertThat(o.layerNvtx()).isTrue();
        assertThat(o.device()).isEqualTo(1);
        assertThat(o.jpegLanes()).isEqualTo(2);
        assertThat(o.contexts()).isEqualTo(3);
        assertThat(of(Map.of("tensorrt.batchedEngine", "on")).batchedEngine()).isTrue();
        assertThat(of(Map.of("tensorrt.jpegCpuAssist", "true")).jpegCpuAssist()).isTrue();
        assertThat(of(Map.of("tensorrt.waitMode", " Block ")).blockingWait()).isTrue();
        assertThat(of(Map.of("tensorrt.maxAuxStreams", "0")).auxStreamsFor(true)).as("one stream, asked").isZero();
        assertThat(of(Map.of("tensorrt.maxAuxStreams", " TensorRT ")).auxStreamsFor(true))
                .isEqualTo(TensorRtOptions.AUX_STREAMS_TENSORRT);
        assertThat(of(Map.of("tensorrt.maxAuxStreams", "8")).auxStreamsFor(false)).isEqualTo(8);
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> of(Map.of("tensorrt.precision", "fp8"))).hasMessageContaining("tensorrt.precision")
                .hasMessageContaining("got 'fp8'");
        assertThatThrownBy(() -> of(Map.of("tensorrt.workspaceMiB", "lots"))).hasMessageContaining("tensorrt.workspaceMiB");
        assertThatThrownBy(() -> of(Map.of("tensorrt.optimizationLevel", "9"))).hasMessageContaining("0..5");
        assertThatThrownBy(() -> of(Map.of("tensorrt.cudaGraph", "maybe"))).hasMessageContaining("tensorrt.cudaGraph");
        assertThatThrownBy(() -> of(Map.of("tensorrt.batchedEngine", "32"))).hasMessageContaining("tensorrt.batchedEngine");
        assertThatThrownBy(() -> of(Map.of("tensorrt.waitMode", "yield"))).hasMessageContaining("tensorrt.waitMode")
                .hasMessageContaining("expected spin or block, got 'yield'");
        assertThatThrownBy(() -> of(Map.of("tensorrt.jpegLanes", "0"))).hasMessageContaining("tensorrt.jpegLanes")
                .hasMessageContaining("1..16, got 0");
        assertThatThrownBy(() -> of(Map.of("tensorrt.contexts", "17"))).hasMessageContaining("tensorrt.contexts")
                .hasMessageContaining("1..16, got 17");
        assertThatThrownBy(() -> of(Map.of("tensorrt.maxAuxStreams", "9"))).hasMessageContaining("tensorrt.maxAuxStreams")
                .hasMessageContaining("auto, tensorrt or 0..8, got 9");
        assertThatThrownBy(() -> of(Map.of("tensorrt.maxAuxStreams", "many"))).hasMessageContaining("got 'many'");
    }
}
