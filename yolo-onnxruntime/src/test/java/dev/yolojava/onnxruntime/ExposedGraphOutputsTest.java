package dev.yolojava.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.yolojava.core.internal.onnx.OnnxGraphOutputs;
import dev.yolojava.core.internal.onnx.OnnxTestModels;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ONNX Runtime accepts a model whose intermediate tensors were exposed and returns them (what calibration relies on). */
class ExposedGraphOutputsTest {

    @Test
    void onnxRuntimeReturnsTheExposedIntermediateTensors() throws Exception {
        byte[] model = OnnxTestModels.identityChain(new long[]{1, 4}, "a", "b", "y");
        OnnxGraphOutputs.Exposed e = OnnxGraphOutputs.exposeAll(model, "chain.onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(e.model(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{1, -2, 3, -4}), new long[]{1, 4});
             OrtSession.Result r = s.run(Map.of("x", x))) {
            assertThat(s.getOutputNames()).containsExactlyInAnyOrder("y", "a", "b");
            float[] b = ((float[][]) r.get("b").orElseThrow().getValue())[0];
            assertThat(b).containsExactly(1, -2, 3, -4);
        }
    }
}
