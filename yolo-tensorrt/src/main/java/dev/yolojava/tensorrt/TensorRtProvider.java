package dev.yolojava.tensorrt;

import dev.yolojava.tensorrt.internal.TensorRtOptions;

import dev.yolojava.core.spi.Availability;
import dev.yolojava.core.spi.BackendOptions;
import dev.yolojava.core.spi.BackendProvider;
import dev.yolojava.core.spi.InferenceBackend;
import dev.yolojava.tensorrt.internal.GpuInfo;

/**
 * The TensorRT backend's provider. Available when the CUDA runtime and TensorRT libraries load and
 * a GPU answers; otherwise it says which piece is missing and the SPI falls back to ONNX Runtime.
 */
public final class TensorRtProvider implements BackendProvider {
    /** This provider's name. */
    public static final String NAME = "tensorrt";
    private volatile Availability cached;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public String artifact() {
        return "dev.yolojava:yolo-tensorrt";
    }

    @Override
    public java.util.Set<String> optionKeys() {
        return TensorRtOptions.KEYS;
    }

    @Override
    public Availability availability() {
        Availability a = cached;
        if (a == null) {
            String why = GpuInfo.unavailableReason();
            a = why == null ? Availability.yes() : Availability.no(why);
            cached = a;
        }
        return a;
    }

    @Override
    public InferenceBackend open(BackendOptions options) {
        Availability a = availability();
        if (!a.available()) {
            throw new dev.yolojava.core.BackendNotFoundException("tensorrt backend cannot run here: " + a.reason());
        }
        return TensorRtBackend.open(options);
    }
}
