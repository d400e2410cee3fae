package dev.yolojava.core;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a {@link YoloDetector} is built from. Made by {@link YoloDetector#builder()}.
 *
 * @param model               the model file
 * @param backend             backend name ({@code onnxruntime}, {@code tensorrt}) or null to choose by rank
 * @param confidenceThreshold minimum score kept, in [0, 1] (default 0.25)
 * @param iouThreshold        NMS IoU threshold, in [0, 1] (default 0.45)
 * @param maxDetections       most detections per image, {@code max_det} (default 300)
 * @param classIds            class ids to keep (checked against the model's classes when it opens); empty keeps all
 * @param classNames          class names to keep, resolved against the model's names when it opens; empty keeps all
 * @param agnosticNms         suppress across classes (default false)
 * @param inputWidth          input width for models with a dynamic input; 0 = the model's
 * @param inputHeight         input height for models with a dynamic input; 0 = the model's
 * @param batchSize           largest batch sent to the backend at once (default 1)
 * @param properties          backend-specific settings, e.g. {@code tensorrt.precision=fp16}
 */
public record YoloConfig(Path model, String backend, float confidenceThreshold, float iouThreshold,
                         int maxDetections, Set<Integer> classIds, Set<String> classNames, boolean agnosticNms,
                         int inputWidth, int inputHeight, int batchSize, Map<String, String> properties) {

    /**
     * Copies the collections: immutable, in a stable order.
     *
     * @param model               the model file
     * @param backend             backend name ({@code onnxruntime}, {@code tensorrt}) or null to choose by rank
     * @param confidenceThreshold minimum score kept, in [0, 1] (default 0.25)
     * @param iouThreshold        NMS IoU threshold, in [0, 1] (default 0.45)
     * @param maxDetections       most detections per image, {@code max_det} (default 300)
     * @param classIds            class ids to keep (checked against the model's classes when it opens); empty keeps all
     * @param classNames          class names to keep, resolved against the model's names when it opens; empty keeps all
     * @param agnosticNms         suppress across classes (default false)
     * @param inputWidth          input width for models with a dynamic input; 0 = the model's
     * @param inputHeight         input height for models with a dynamic input; 0 = the model's
     * @param batchSize           largest batch sent to the backend at once (default 1)
     * @param properties          backend-specific settings, e.g. {@code tensorrt.precision=fp16}
     */
    public YoloConfig {
        classIds = Collections.unmodifiableSet(new TreeSet<>(classIds));
        classNames = Collections.unmodifiableSet(new LinkedHashSet<>(classNames));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Builds a {@link YoloConfig} or a {@link YoloDetector}; every setter checks its argument. */
    public static final class Builder {
        private Path model;
        private String backend;
        private float confidence = 0.25f;
        private float iou = 0.45f;
        private int maxDetections = 300;
        private final Set<Integer> classIds = new TreeSet<>();
        private final Set<String> classNames = new LinkedHashSet<>();
        private boolean agnostic;
        private int inputWidth;
        private int inputHeight;
        private int batchSize = 1;
        private final Map<String, String> properties = new LinkedHashMap<>();

        Builder() {
        }

        /**
         * @param model path of the model file (ONNX, or a backend's own format); required
         * @return this builder
         */
        public Builder model(Path model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * @param backend {@code onnxruntime}, {@code tensorrt}, or null/"auto" to choose by rank
         * @return this builder
         */
        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        /**
         * @param threshold minimum score, in [0, 1]
         * @return this builder
         */
        public Builder confidenceThreshold(float threshold) {
            this.confidence = unit("confidenceThreshold", threshold);
            return this;
        }

        /**
         * @param threshold NMS IoU threshold, in [0, 1]
         * @return this builder
         */
        public Builder iouThreshold(float threshold) {
            this.iou = unit("iouThreshold", threshold);
            return this;
        }

        /**
         * @param max most detections per image, {@code >= 1}
         * @return this builder
         */
        public Builder maxDetections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDetections must be >= 1, got " + max);
            }
            this.maxDetections = max;
            return this;
        }

        /**
         * Keeps only these class ids (others are dropped before NMS); empty or null keeps all. Ids are
         * checked against the model's number of classes when the detector opens.
         *
         * @param classIds class ids, each {@code >= 0}
         * @return this builder
         */
        public Builder classes(Collection<Integer> classIds) {
            this.classIds.clear();
            if (classIds != null) {
                for (Integer c : classIds) {
                    if (c == null || c < 0) {
                        throw new IllegalArgumentException("classes must be class ids >= 0, got " + c);
                    }
                    this.classIds.add(c);
                }
            }
            return this;
        }

        /**
         * Keeps only the classes of these names (as the model names them, e.g. {@code person}); empty or
         * null keeps all. Names are resolved against the model's class names when the detector opens; an
         * unknown name is an error listing the model's names. Combines with {@link #classes(Collection)}.
         *
         * @param names class names
         * @return this builder
         */
        public Builder classNames(Collection<String> names) {
            this.classNames.clear();
            if (names != null) {
                for (String n : names) {
                    if (n == null || n.isBlank()) {
                        throw new IllegalArgumentException("classNames must be non-empty names, got '" + n + "'");
                    }
                    this.classNames.add(n.trim());
                }
            }
            return this;
        }

        /**
         * @param agnostic suppress overlapping boxes across classes
         * @return this builder
         */
        public Builder agnosticNms(boolean agnostic) {
            this.agnostic = agnostic;
            return this;
        }

        /**
         * The input size for models whose input height and width are dynamic (default: the model's
         * {@code imgsz} metadata); a model with a fixed input refuses any other size.
         *
         * @param width  input width, a positive multiple of 32
         * @param height input height, a positive multiple of 32
         * @return this builder
         */
        public Builder inputSize(int width, int height) {
            if (width <= 0 || height <= 0 || width % 32 != 0 || height % 32 != 0) {
                throw new IllegalArgumentException("inputSize must be positive multiples of 32, got " + width + "x" + height);
            }
            this.inputWidth = width;
            this.inputHeight = height;
            return this;
        }

        /**
         * @param size the largest batch run at once, {@code >= 1}
         * @return this builder
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Sets a backend-specific option, e.g. {@code option("tensorrt.precision", "fp16")}; the chosen
         * backend rejects keys of its own it does not know when the detector opens.
         *
         * @param key   {@code <backend>.<option>}
         * @param value the value, checked by the backend
         * @return this builder
         */
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
            return new YoloConfig(model, backend, confidence, iou, maxDetections, classIds, classNames, agnostic,
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
