package dev.yolojava.tensorrt.internal;

import dev.yolojava.tensorrt.CudaException;
import org.bytedeco.javacpp.BytePointer;

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
