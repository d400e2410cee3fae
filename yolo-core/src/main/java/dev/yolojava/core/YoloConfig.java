package dev.yolojava.core;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link YoloDetector} is built from. Made by {@link YoloDetector#builder()}.
 *
 * @param model               the model file
 * @param backend             backend name ({@code onnxruntime}, {@code tensorrt}) or null to choose by rank
 * @param confidenceThreshold minimum score kept, in [0, 1] (default 0.25)
 * @param iouThreshold        NMS IoU threshold, in [0, 1] (default 0.45)
 * @param maxDetections       most detections per image, {@code max_det} (default 300)
 * @param classFilter         per class id, whether it is kept; null keeps all
 * @param agnosticNms         suppress across classes (default false)
 * @param inputWidth          input width for models with a dynamic input; 0 = the model's
 * @param inputHeight         input height for models with a dynamic input; 0 = the model's
 * @param batchSize           largest batch sent to the backend at once (default 1)
 * @param properties          backend-specific settings, e.g. {@code tensorrt.precision=fp16}
 */
public record YoloConfig(Path model, String backend, float confidenceThreshold, float iouThreshold,
                         int maxDetections, boolean[] classFilter, boolean agnosticNms,
                         int inputWidth, int inputHeight, int batchSize, Map<String, String> properties) {

    /** Copies the mutable parts. */
    public YoloConfig {
        classFilter = classFilter == null ? null : classFilter.clone();
        properties = Map.copyOf(properties);
    }

    @Override
    public boolean[] classFilter() {
        return classFilter == null ? null : classFilter.clone();
    }

    /** Builds a {@link YoloConfig} or a {@link YoloDetector}; every setter checks its argument. */
    public static final class Builder {
        private Path model;
        private String backend;
        private float confidence = 0.25f;
        private float iou = 0.45f;
        private int maxDetections = 300;
        private boolean[] classFilter;
        private boolean agnostic;
        private int inputWidth;
        private int inputHeight;
        private int batchSize = 1;
        private final Map<String, String> properties = new LinkedHashMap<>();

        Builder() {
        }

        /** @param model path of the model file (ONNX, or a backend's own format); required */
        public Builder model(Path model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** @param backend {@code onnxruntime}, {@code tensorrt}, or null/"auto" to choose by rank */
        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        /** @param threshold minimum score, in [0, 1] */
        public Builder confidenceThreshold(float threshold) {
            this.confidence = unit("confidenceThreshold", threshold);
            return this;
        }

        /** @param threshold NMS IoU threshold, in [0, 1] */
        public Builder iouThreshold(float threshold) {
            this.iou = unit("iouThreshold", threshold);
            return this;
        }

        /** @param max most detections per image, {@code >= 1} */
        public Builder maxDetections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDetections must be >= 1, got " + max);
            }
            this.maxDetections = max;
            return this;
        }

        /** @param classIds the class ids to keep (others are dropped before NMS); empty keeps all */
        public Builder classes(Collection<Integer> classIds) {
            if (classIds == null || classIds.isEmpty()) {
                this.classFilter = null;
                return this;
            }
            int max = 0;
            for (Integer c : classIds) {
                if (c == null || c < 0) {
                    throw new IllegalArgumentException("classes must be class ids >= 0, got " + c);
                }
                max = Math.max(max, c);
            }
            boolean[] f = new boolean[max + 1];
            classIds.forEach(c -> f[c] = true);
            this.classFilter = f;
            return this;
        }

        /** @param agnostic suppress overlapping boxes across classes */
        public Builder agnosticNms(boolean agnostic) {
            this.agnostic = agnostic;
            return this;
        }

        /** @param width input width, @param height input height, for models with a dynamic input */
        public Builder inputSize(int width, int height) {
            if (width <= 0 || height <= 0 || width % 32 != 0 || height % 32 != 0) {
                throw new IllegalArgumentException("inputSize must be positive multiples of 32, got " + width + "x" + height);
            }
            this.inputWidth = width;
            this.inputHeight = height;
            return this;
        }

        /** @param size the largest batch run at once, {@code >= 1} */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** Sets a backend-specific option, e.g. {@code option("tensorrt.precision", "fp16")}. */
        public Builder option(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of " + key);
            properties.put(key, value);
            return this;
        }

        /** @return the configuration; @throws IllegalStateException when no model was set */
        public YoloConfig config() {
            if (model == null) {
                throw new IllegalStateException("model is required: call builder().model(Path)");
            }
            return new YoloConfig(model, backend, confidence, iou, maxDetections, classFilter, agnostic,
                    inputWidth, inputHeight, batchSize, properties);
        }

        /** @return an open detector; see {@link YoloDetector#open} */
        public YoloDetector build() {
            return YoloDetector.open(config());
        }

        private static float unit(String name, float v) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
            }
            return v;
        }
    }
}
