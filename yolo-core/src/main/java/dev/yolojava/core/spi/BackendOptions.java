package dev.yolojava.core.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend is opened with.
 *
 * @param model        the model file (ONNX; a backend may accept its own formats too)
 * @param maxBatchSize the largest batch {@link InferenceBackend#infer} will be called with
 * @param inputWidth   requested input width for models with a dynamic input, or 0 for the model's own
 * @param inputHeight  requested input height, or 0
 * @param properties   backend-specific settings, keys prefixed by the backend name
 *                     ({@code tensorrt.precision=fp16}); unknown keys are ignored with a warning
 */
public record BackendOptions(Path model, int maxBatchSize, int inputWidth, int inputHeight,
                             Map<String, String> properties) {

    /**
     * Validates the values.
     *
     * @param model        the model file (ONNX; a backend may accept its own formats too)
     * @param maxBatchSize the largest batch {@link InferenceBackend#infer} will be called with
     * @param inputWidth   requested input width for models with a dynamic input, or 0 for the model's own
     * @param inputHeight  requested input height, or 0
     * @param properties   backend-specific settings, keys prefixed by the backend name
     *            ({@code tensorrt.precision=fp16}); unknown keys are ignored with a warning
     */
    public BackendOptions {
        Objects.requireNonNull(model, "model");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        properties = Map.copyOf(properties);
    }

    /**
     * @param key      the option key
     * @param fallback the value when absent
     * @return the property {@code key}, or {@code fallback} when absent
     */
    public String property(String key, String fallback) {
        return properties.getOrDefault(key, fallback);
    }
}
