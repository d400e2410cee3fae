package dev.yolojava.tensorrt.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes a built engine valid to reuse: the model bytes, TensorRT's version, the GPU, and every
 * build setting. Two keys that differ in anything must not share an engine.
 *
 * @param modelSha256       sha256 of the ONNX file
 * @param tensorRtVersion   TensorRT library version, e.g. 100600
 * @param gpuName           GPU name
 * @param computeCapability e.g. "9.0"
 * @param precision         fp32, fp16, int8
 * @param minBatch          optimization profile minimum batch
 * @param optBatch          optimization profile batch optimized for
 * @param maxBatch          optimization profile maximum batch
 * @param inputHeight       input height
 * @param inputWidth        input width
 * @param optimizationLevel builder optimization level
 * @param detailedProfiling built with detailed profiling verbosity
 * @param profiles          optimization profiles of a dynamic-batch engine (its execution contexts share them)
 * @param batchRewritten    whether the model's fixed batch of 1 was made dynamic before the build
 * @param maxAuxStreams     auxiliary streams the builder may use ({@code -1}: TensorRT's own choice)
 */
public record EngineKey(String modelSha256, int tensorRtVersion, String gpuName, String computeCapability,
                        String precision, int minBatch, int optBatch, int maxBatch, int inputHeight, int inputWidth,
                        int optimizationLevel, boolean detailedProfiling, int profiles, boolean batchRewritten,
                        int maxAuxStreams) {

    /** A key with one optimization profile and the model as it is. */
    public EngineKey(String modelSha256, int tensorRtVersion, String gpuName, String computeCapability,
                     String precision, int minBatch, int optBatch, int maxBatch, int inputHeight, int inputWidth,
                     int optimizationLevel, boolean detailedProfiling) {
        this(modelSha256, tensorRtVersion, gpuName, computeCapability, precision, minBatch, optBatch, maxBatch,
                inputHeight, inputWidth, optimizationLevel, detailedProfiling, 1, false, -1);
    }

    /** @return the fields as strings, for the sidecar file */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("modelSha256", modelSha256);
        m.put("tensorRtVersion", String.valueOf(tensorRtVersion));
        m.put("gpuName", gpuName);
        m.put("computeCapability", computeCapability);
        m.put("precision", precision);
        m.put("batchProfile", minBatch + "/" + optBatch + "/" + maxBatch);
        m.put("input", inputHeight + "x" + inputWidth);
        m.put("optimizationLevel", String.valueOf(optimizationLevel));
        m.put("detailedProfiling", String.valueOf(detailedProfiling));
        if (profiles != 1) { // absent from the keys of engines built before profiles were counted: their names stay
            m.put("profiles", String.valueOf(profiles));
        }
        if (batchRewritten) {
            m.put("batch", "fixed batch of 1 made dynamic (tensorrt.batchedEngine)");
        }
        if (maxAuxStreams >= 0) { // absent when TensorRT chooses (every engine built before the option): names stay
            m.put("maxAuxStreams", String.valueOf(maxAuxStreams));
        }
        return m;
    }

    /** @return a short, stable hash of every field, used in the file name */
    public String digest() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(fields().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
