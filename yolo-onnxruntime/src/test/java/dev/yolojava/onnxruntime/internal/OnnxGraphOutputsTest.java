package dev.yolojava.onnxruntime.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.onnx.OnnxTestModels;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxGraphOutputsTest {

    @Test
    void exposesEveryIntermediateTensorAndOnnxRuntimeReturnsThem() throws Exception {
        byte[] model = OnnxTestModels.identityChain(new long[]{1, 4}, "a", "b", "y");
        OnnxGraphOutputs.Exposed e = OnnxGraphOutputs.exposeAll(model, "chain.onnx");
        assertThat(e.outputs()).containsExactly("y");
        assertThat(e.exposed()).containsExactly("a", "b");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(e.model(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{1, -2, 3, -4}), new long[]{1, 4});
             OrtSession.Result r = s.run(Map.of("x", x))) {
            assertThat(s.getOutputNames()).containsExactlyInAnyOrder("y", "a", "b");
            float[] b = ((float[][]) r.get("b").orElseThrow().getValue())[0];
            assertThat(b).containsExactly(1, -2, 3, -4);
        }
    }

    @Test
    void aModelWhoseOnlyNodeFeedsTheOutputGainsNothing() {
        byte[] model = OnnxTestModels.identity(new long[]{1, 3});
        OnnxGraphOutputs.Exposed e = OnnxGraphOutputs.exposeAll(model, "id.onnx");
        assertThat(e.exposed()).isEmpty();
        assertThat(e.model()).hasSize(model.length); // same fields, graph re-emitted with the same length
    }

    @Test
    void truncatedBytesAreAModelLoadErrorNamingTheModel() {
        byte[] model = OnnxTestModels.identity(new long[]{1, 3});
        byte[] cut = Arrays.copyOf(model, model.length - 5);
        assertThatThrownBy(() -> OnnxGraphOutputs.exposeAll(cut, "cut.onnx"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("cut.onnx");
    }
}
