package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.LoggerFactory;

/** One CUDA allocation (device or pinned host) with a single owner; {@link #close()} frees it once. */
abstract sealed class CudaAllocation implements AutoCloseable permits DeviceMemory, PinnedMemory {
    final Pointer ptr = new Pointer();
    private final long bytes;
    private final String what;
    private boolean closed;

    CudaAllocation(long bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    /** @return a byte pointer at {@code offset} into this allocation */
    public BytePointer at(long offset) {
        return new BytePointer(ptr).position(offset);
    }

    /** @return the size in bytes */
    public long bytes() {
        return bytes;
    }

    /** The CUDA call that frees {@code p}; returns its status. */
    abstract int free(Pointer p);

    /** Frees the memory once; a failure is logged, not thrown. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            int s = free(ptr);
            if (s != 0) {
                LoggerFactory.getLogger(getClass()).warn("freeing {} failed: {}", what, Cuda.errorString(s));
            }
        }
    }
}
