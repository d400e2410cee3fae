package dev.yolojava.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.yolojava.core.internal.onnx.OnnxDynamicBatch;
import dev.yolojava.core.internal.onnx.OnnxTestModels;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fixed-batch model rewritten to a dynamic batch ({@link OnnxDynamicBatch}) gives, for each image of a batch, what
 * the original gives for that image alone: checked with ONNX Runtime, the reference the TensorRT engine built from it
 * is compared with.
 */
class DynamicBatchRewriteIT {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void aRewrittenReshapeModelRunsABatchOfThreeImageByImage() throws Exception {
        byte[] original = OnnxTestModels.graph(new long[]{1, 4, 2, 2}, new long[]{1, 4, 4},
                List.of(OnnxTestModels.node("Reshape", new String[]{"x", "shape"}, new String[]{"r"}),
                        OnnxTestModels.node("Sigmoid", new String[]{"r"}, new String[]{"y"})),
                List.of(OnnxTestModels.int64Tensor("shape", 1, 4, -1)));
        assertSameAsOneByOne(original, OnnxDynamicBatch.rewrite(original, "reshape.onnx"), "x", new long[]{4, 2, 2}, 3,
                1e-6f);
    }

    @Test
    void yolov8nRewrittenGivesEachImageOfABatchWhatTheOriginalGivesItAlone() throws Exception {
        assumeTrue(Files.isRegularFile(OnnxRuntimeBackendIT.MODEL), "samples missing: run scripts/fetch-samples.sh");
        byte[] original = Files.readAllBytes(OnnxRuntimeBackendIT.MODEL);
        byte[] batched = OnnxDynamicBatch.rewrite(original, "yolov8n.onnx");
        assertSameAsOneByOne(original, batched, "images", new long[]{3, 640, 640}, 2, 2e-3f);
    }

    /** Runs {@code n} random images as one batch on {@code batched} and one by one on {@code original}. */
    private static void assertSameAsOneByOne(byte[] original, byte[] batched, String input, long[] imageShape, int n,
                                             float tolerance) throws Exception {
        int per = (int) (imageShape[0] * imageShape[1] * imageShape[2]);
        float[] all = new float[per * n];
        Random r = new Random(7);
        for (int i = 0; i < all.length; i++) {
            all[i] = r.nextFloat();
        }
        long[] one = {1, imageShape[0], imageShape[1], imageShape[2]};
        long[] many = {n, imageShape[0], imageShape[1], imageShape[2]};
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession single = ENV.createSession(original, o);
             OrtSession batch = ENV.createSession(batched, o);
             OnnxTensor x = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(all), many);
             OrtSession.Result rb = batch.run(Map.of(input, x))) {
            float[] got = flat(rb.get(0));
            int outPer = got.length / n;
            assertThat(got.length).as("outputs for " + n + " images").isEqualTo(outPer * n);
            for (int i = 0; i < n; i++) {
                try (OnnxTensor xi = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(all, i * per, per), one);
                     OrtSession.Result ri = single.run(Map.of(input, xi))) {
                    float[] want = flat(ri.get(0));
                    assertThat(want).hasSize(outPer);
                    float worst = 0;
                    for (int k = 0; k < outPer; k++) {
                        worst = Math.max(worst, Math.abs(want[k] - got[i * outPer + k]));
                    }
                    assertThat(worst).as("largest difference, image " + i).isLessThanOrEqualTo(tolerance);
                }
            }
        }
    }

    private static float[] flat(ai.onnxruntime.OnnxValue v) {
        FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
        float[] f = new float[b.remaining()];
        b.get(f);
        return f;
    }
}
