package dev.yolojava.onnxruntime.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.YoloException;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.internal.onnx.OnnxGraphOutputs;
import dev.yolojava.core.internal.preprocess.LetterboxPreprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INT8 calibration data: the largest absolute value every tensor of a model takes over a set of
 * images (min-max calibration), measured on the CPU with ONNX Runtime. A TensorRT build turns them
 * into per-tensor dynamic ranges. Keys are the ONNX tensor names (the model input included).
 */
public final class ActivationRanges {
    private static final Logger LOG = LoggerFactory.getLogger(ActivationRanges.class);

    private ActivationRanges() {
    }

    /**
     * Runs {@code model} over {@code images} (letterboxed to the model's input) and keeps each
     * float tensor's largest magnitude.
     *
     * @param model  an ONNX model with one image input {@code [1 or -1, 3, height, width]}
     * @param images the calibration images (at least one)
     * @param width  network input width
     * @param height network input height
     * @return tensor name → max |value|, the input and every float node output
     */
    public static Map<String, Float> measure(Path model, List<Path> images, int width, int height) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("calibration images: expected at least one, got none");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + model + ": " + e.getMessage(), e);
        }
        OnnxGraphOutputs.Exposed exposed = OnnxGraphOutputs.exposeAll(bytes, model.getFileName().toString());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, Float> ranges = new LinkedHashMap<>();
        LetterboxPreprocessor pre = new LetterboxPreprocessor(width, height);
        FloatBuffer input = ByteBuffer.allocateDirect(4 * pre.imageSize()).order(ByteOrder.nativeOrder()).asFloatBuffer();
        long t0 = System.nanoTime();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            // no graph optimizations: fused nodes would hide the tensors TensorRT sees
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(exposed.model(), so)) {
                String inputName = session.getInputNames().iterator().next();
                for (int i = 0; i < images.size(); i++) {
                    pre.process(RawImage.read(images.get(i)), input, 0);
                    ranges.merge(inputName, maxAbs(input.duplicate().rewind()), Math::max);
                    try (OnnxTensor in = OnnxTensor.createTensor(env, input.duplicate().rewind(), new long[]{1, 3, height, width});
                         OrtSession.Result result = session.run(Map.of(inputName, in))) {
                        for (Map.Entry<String, OnnxValue> e : result) {
                            if (e.getValue() instanceof OnnxTensor t
                                    && t.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                                ranges.merge(e.getKey(), maxAbs(t.getFloatBuffer()), Math::max);
                            }
                        }
                    }
                    if ((i + 1) % 8 == 0 || i + 1 == images.size()) {
                        LOG.info("INT8 calibration: {}/{} images, {} tensors, {} s", i + 1, images.size(), ranges.size(),
                                (System.nanoTime() - t0) / 1_000_000_000L);
                    }
                }
            }
        } catch (OrtException e) {
            throw new YoloException("INT8 calibration of " + model + " on ONNX Runtime failed: " + e.getMessage(), e);
        }
        return ranges;
    }

    private static float maxAbs(FloatBuffer b) {
        float m = 0f;
        for (int i = b.position(); i < b.limit(); i++) {
            float v = Math.abs(b.get(i));
            if (v > m) {
                m = v;
            }
        }
        return m;
    }
}
