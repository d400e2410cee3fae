package dev.yolojava.core.spi;

/**
 * A plug-in that opens models on one kind of runtime, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.yolojava.core.spi.BackendProvider}). The usable provider of highest
 * {@link #rank()} wins unless the user names one ({@code -Dyolo.backend} / {@code YOLO_BACKEND}).
 */
public interface BackendProvider {

    /** @return the short name users select it by, e.g. {@code tensorrt} */
    String name();

    /** @return preference among available providers: higher wins (TensorRT 100, ONNX Runtime 10) */
    int rank();

    /** @return the Maven coordinates that bring this provider, for error messages */
    String artifact();

    /**
     * The option keys this provider reads, each prefixed with its {@link #name()} and a dot
     * ({@code tensorrt.precision}). A detector opened on this provider rejects any other key with this
     * prefix, listing these; keys of other known providers are ignored, so one configuration can serve
     * several backends.
     *
     * @return the keys it accepts; empty when it takes no options
     */
    default java.util.Set<String> optionKeys() {
        return java.util.Set.of();
    }

    /** @return whether it can run here; cheap to call more than once */
    Availability availability();

    /**
     * Loads a model.
     *
     * @param options the model and settings
     * @return the loaded model, ready to infer
     * @throws dev.yolojava.core.ModelLoadException naming the model when it cannot be loaded
     */
    InferenceBackend open(BackendOptions options);
}
