package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;

/** Owns one cudaMalloc allocation; {@link #close()} frees it once. */
public final class DeviceMemory implements AutoCloseable {
    private final Pointer ptr = new Pointer();
    private final long bytes;
    private final String what;
    private boolean closed;

    /**
     * @param bytes size
     * @param what  what it holds, for error messages
     */
    public DeviceMemory(long bytes, String what) {
        this.bytes = bytes;
        this.what = what;
        Cuda.check(cudaMalloc(ptr, bytes), "cudaMalloc(" + what + ", " + bytes + " bytes)");
    }

    /** @return the device pointer */
    public Pointer pointer() {
        return ptr;
    }

    /** @return a byte pointer at {@code offset} into this allocation */
    public BytePointer at(long offset) {
        return new BytePointer(ptr).position(offset);
    }

    /** @return the size in bytes */
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            int s = cudaFree(ptr);
            if (s != 0) {
                org.slf4j.LoggerFactory.getLogger(DeviceMemory.class).warn("cudaFree({}) failed: {}", what, Cuda.errorString(s));
            }
        }
    }
}
