package dev.yolojava.core;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
}
