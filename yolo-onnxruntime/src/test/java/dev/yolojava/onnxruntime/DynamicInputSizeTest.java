package dev.yolojava.onnxruntime;

import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.internal.onnx.OnnxTestModels;
import dev.yolojava.core.spi.BackendOptions;
import dev.yolojava.core.spi.InferenceBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model whose input height and width are dynamic runs at the size asked for, and says so when none is. */
class DynamicInputSizeTest {

    @Test
    void aDynamicInputRunsAtTheRequestedSize(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("dynamic.onnx"), OnnxTestModels.identity(new long[]{1, 3, -1, -1}));
        try (InferenceBackend b = new OnnxRuntimeProvider().open(new BackendOptions(model, 1, 64, 32, Map.of()))) {
            assertThat(b.model().inputShape()).containsExactly(1, 3, 32, 64);
            FloatBuffer in = ByteBuffer.allocateDirect(4 * 3 * 32 * 64).order(ByteOrder.nativeOrder()).asFloatBuffer();
            in.put(5, 0.5f);
            var out = b.infer(in, 1);
            assertThat(out.shape()).containsExactly(1, 3, 32, 64);
            assertThat(out.data().get(5)).isEqualTo(0.5f);
        }
    }

    @Test
    void aDynamicInputWithoutSizeOrImgszMetadataAsksForOne(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("dynamic.onnx"), OnnxTestModels.identity(new long[]{1, 3, -1, -1}));
        assertThatThrownBy(() -> new OnnxRuntimeProvider().open(new BackendOptions(model, 1, 0, 0, Map.of())))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("dynamic.onnx").hasMessageContaining("--imgsz");
    }
}
