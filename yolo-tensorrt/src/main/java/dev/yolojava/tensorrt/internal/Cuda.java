package dev.yolojava.tensorrt.internal;

import dev.yolojava.tensorrt.CudaException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

/** The one checker every CUDA status goes through. */
public final class Cuda {
    private Cuda() {
    }

    /**
     * @param status a CUDA runtime status (cudaError_t)
     * @param call   the call, with the arguments that matter, for the message
     * @throws CudaException when {@code status} is not cudaSuccess
     */
    public static void check(int status, String call) {
        if (status != 0) {
            throw new CudaException(call, status, errorString(status));
        }
    }

    /**
     * @param status a CUDA driver status (CUresult)
     * @param call   the call, for the message
     * @throws CudaException when {@code status} is not CUDA_SUCCESS
     */
    public static void checkDriver(int status, String call) {
        if (status != 0) {
            throw new CudaException(call, status, "driver API error (CUresult " + status + ")");
        }
    }

    private static final String[] NVJPEG_STATUS = {"SUCCESS", "NOT_INITIALIZED", "INVALID_PARAMETER", "BAD_JPEG",
        "JPEG_NOT_SUPPORTED", "ALLOCATOR_FAILURE", "EXECUTION_FAILED", "ARCH_MISMATCH", "INTERNAL_ERROR",
        "IMPLEMENTATION_NOT_SUPPORTED", "INCOMPLETE_BITSTREAM"};

    /**
     * @param status an nvJPEG status (nvjpegStatus_t)
     * @param call   the call, for the message
     * @throws CudaException when {@code status} is not NVJPEG_STATUS_SUCCESS
     */
    public static void checkNvJpeg(int status, String call) {
        if (status != 0) {
            throw new CudaException(call, status, "NVJPEG_STATUS_" + nvJpegStatus(status));
        }
    }

    /** @return the name of an nvJPEG status */
    public static String nvJpegStatus(int status) {
        return status >= 0 && status < NVJPEG_STATUS.length ? NVJPEG_STATUS[status] : String.valueOf(status);
    }

    /** @return a pointer holding {@code target} (a device or host address someone else owns) */
    public static Pointer at(long target) {
        // the parameter must not be called "address": inside the subclass that name is Pointer's own field,
        // which shadows it, and the pointer held 0 (every DeviceImage was read from, and nvJPEG wrote to, NULL)
        return new Pointer() {
            {
                address = target;
            }
        };
    }

    /** @return the address of the byte at {@code b}'s position (a direct buffer) */
    public static long address(java.nio.ByteBuffer b) {
        return new BytePointer(b).address() + b.position();
    }

    /** @return CUDA's text for a runtime status */
    public static String errorString(int status) {
        try {
            BytePointer p = cudaGetErrorString(status);
            return p == null ? "unknown error" : p.getString();
        } catch (Throwable t) {
            return "error " + status;
        }
    }
}
