package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;

/** Owns one cudaMalloc allocation; {@link #close()} frees it once. */
public final class DeviceMemory extends CudaAllocation {

    /**
     * @param bytes size
     * @param what  what it holds, for error messages
     */
    public DeviceMemory(long bytes, String what) {
        super(bytes, what);
        Cuda.check(cudaMalloc(ptr, bytes), "cudaMalloc(" + what + ", " + bytes + " bytes)");
    }

    /** @return the device pointer */
    public Pointer pointer() {
        return ptr;
    }

    @Override
    int free(Pointer p) {
        return cudaFree(p);
    }
}
