package dev.yolojava.onnxruntime;

import dev.yolojava.onnxruntime.internal.OnnxRuntimeBackend;

import ai.onnxruntime.OrtEnvironment;
import dev.yolojava.core.spi.Availability;
import dev.yolojava.core.spi.BackendOptions;
import dev.yolojava.core.spi.BackendProvider;
import dev.yolojava.core.spi.InferenceBackend;

/**
 * The ONNX Runtime CPU backend's provider: available wherever ONNX Runtime's native library loads,
 * ranked below TensorRT so it is the fallback when no GPU is usable.
 * Options: {@code onnxruntime.threads} (intra-op threads, default: all cores).
 */
public final class OnnxRuntimeProvider implements BackendProvider {
    /** This provider's name. */
    public static final String NAME = "onnxruntime";
    /** Option: intra-op threads, a whole number {@code >= 1} (default: all cores). */
    public static final String THREADS = "onnxruntime.threads";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public String artifact() {
        return "dev.yolojava:yolo-onnxruntime";
    }

    @Override
    public java.util.Set<String> optionKeys() {
        return java.util.Set.of(THREADS);
    }

    @Override
    public Availability availability() {
        try {
            OrtEnvironment.getEnvironment();
            return Availability.yes();
        } catch (Throwable t) {
            return Availability.no("ONNX Runtime's native library did not load (" + t
                    + "); on Linux it needs glibc 2.28+ and x86_64 or aarch64");
        }
    }

    @Override
    public InferenceBackend open(BackendOptions options) {
        return OnnxRuntimeBackend.open(options);
    }
}
