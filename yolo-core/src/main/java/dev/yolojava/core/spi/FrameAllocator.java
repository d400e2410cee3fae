package dev.yolojava.core.spi;

import java.nio.ByteBuffer;

/**
 * Gives the memory decoded frames are written into, so that a backend can read them without another
 * copy: page-locked (pinned) host memory for a GPU backend, a direct buffer elsewhere. A buffer stays
 * valid until the allocator's owner is closed; its owner may hand the same memory out again for a
 * later call (a decode buffer is reused from call to call).
 */
@FunctionalInterface
public interface FrameAllocator {
    /** Plain direct buffers, freed by the garbage collector. */
    FrameAllocator DIRECT = ByteBuffer::allocateDirect;

    /**
     * @param bytes the size needed
     * @return a direct buffer of at least {@code bytes} bytes, positioned at 0 with its limit at {@code bytes}
     */
    ByteBuffer allocate(int bytes);
}
