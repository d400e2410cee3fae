package dev.yolojava.tensorrt.internal;

import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.tensorrt.global.nvinfer.getInferLibVersion;

/**
 * The GPU and TensorRT version an engine is built for, and whether this machine can run TensorRT.
 *
 * @param device          CUDA device ordinal
 * @param name            GPU name, e.g. "NVIDIA H100 80GB HBM3"
 * @param major           compute capability major
 * @param minor           compute capability minor
 * @param tensorRtVersion TensorRT library version, e.g. 100600
 * @param totalMemory     device memory in bytes
 */
public record GpuInfo(int device, String name, int major, int minor, int tensorRtVersion, long totalMemory) {

    /** @return "major.minor" */
    public String computeCapability() {
        return major + "." + minor;
    }

    /**
     * Makes {@code device} current on this thread and describes it.
     *
     * @throws dev.yolojava.tensorrt.CudaException when the device does not exist or the driver fails
     */
    public static GpuInfo query(int device) {
        try (PointerScope scope = new PointerScope()) {
            Cuda.check(cudaSetDevice(device), "cudaSetDevice(" + device + ")");
            cudaDeviceProp p = new cudaDeviceProp();
            Cuda.check(cudaGetDeviceProperties(p, device), "cudaGetDeviceProperties(" + device + ")");
            return new GpuInfo(device, p.name().getString().trim(), p.major(), p.minor(), getInferLibVersion(),
                    p.totalGlobalMem());
        }
    }

    /**
     * Checks, without throwing, that the CUDA runtime loads, a GPU answers and the TensorRT
     * libraries load.
     *
     * @return null when TensorRT can run here, else what is missing and what to install
     */
    public static String unavailableReason() {
        try {
            Loader.load(org.bytedeco.cuda.global.cudart.class);
        } catch (Throwable t) {
            return "the CUDA 12 runtime could not be loaded (" + firstLine(t) + "); install the NVIDIA driver and"
                    + " CUDA 12 (libcudart.so.12 on the library path) or add org.bytedeco:cuda-platform-redist";
        }
        try (IntPointer n = new IntPointer(1)) {
            int status = cudaGetDeviceCount(n);
            if (status != 0) {
                return "no usable GPU: cudaGetDeviceCount failed with " + Cuda.errorString(status)
                        + " (is the NVIDIA driver installed and a GPU visible, e.g. CUDA_VISIBLE_DEVICES?)";
            }
            if (n.get() == 0) {
                return "no CUDA GPU found";
            }
        } catch (Throwable t) {
            return "no usable GPU: " + firstLine(t);
        }
        try {
            Loader.load(org.bytedeco.tensorrt.global.nvinfer.class);
            Loader.load(org.bytedeco.tensorrt.global.nvonnxparser.class);
        } catch (Throwable t) {
            return "the TensorRT 10 libraries could not be loaded (" + firstLine(t) + "); install TensorRT 10.6"
                    + " (libnvinfer.so.10, libnvonnxparser.so.10 on the library path) or add"
                    + " org.bytedeco:tensorrt-platform-redist";
        }
        return null;
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
