package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.bytedeco.cuda.global.cudart.cudaFreeHost;
import static org.bytedeco.cuda.global.cudart.cudaGetLastError;
import static org.bytedeco.cuda.global.cudart.cudaHostGetDevicePointer;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;

/** Owns one page-locked host allocation (cudaMallocHost) and a ByteBuffer view of it. */
public final class PinnedMemory extends CudaAllocation {
    private final ByteBuffer view;

    /**
     * @param bytes size, at most 2 GiB (one ByteBuffer)
     * @param what  what it holds, for error messages
     */
    public PinnedMemory(long bytes, String what) {
        super(bytes, what);
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + ": pinned size must be 1..2^31-1 bytes, got " + bytes);
        }
        Cuda.check(cudaMallocHost(ptr, bytes), "cudaMallocHost(" + what + ", " + bytes + " bytes)");
        BytePointer bp = new BytePointer(ptr);
        bp.capacity(bytes);
        this.view = bp.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /**
     * Where a kernel reads and writes this memory directly, over the bus: with unified addressing (every 64-bit
     * Linux host) page-locked memory is mapped into the device at its host address.
     *
     * @return the device address of this allocation's first byte, or 0 when the device cannot address it (then
     *         data must be copied)
     */
    public long deviceAddress() {
        Pointer device = new Pointer();
        int status = cudaHostGetDevicePointer(device, ptr, 0);
        if (status != 0) {
            cudaGetLastError(); // clear it: the caller copies instead
            return 0L;
        }
        return device.address();
    }

    /** @return a fresh view of the whole buffer (position 0, native order) */
    public ByteBuffer buffer() {
        return view.duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    int free(Pointer p) {
        return cudaFreeHost(p);
    }
}
