package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.spi.FrameAllocator;

import java.nio.ByteBuffer;

/**
 * Page-locked buffers that the CPU image decoder writes into, one per batch position, grown as needed and
 * reused from call to call: the frames upload from where they were decoded, with no staging copy.
 */
final class PinnedFrames implements AutoCloseable {
    private final PinnedMemory[] buffers;

    PinnedFrames(int positions) {
        this.buffers = new PinnedMemory[positions];
    }

    /** @return an allocator handing out position {@code i}'s buffer (a call uses each position once) */
    FrameAllocator allocator(int i) {
        return bytes -> {
            PinnedMemory m = buffers[i];
            if (m == null || m.bytes() < bytes) {
                if (m != null) {
                    m.close();
                }
                // round up so that slightly larger images do not reallocate (and re-capture graphs) each time
                long size = Math.max(bytes, (long) Math.ceil(bytes * 1.25 / 4096) * 4096);
                m = new PinnedMemory(Math.min(size, Integer.MAX_VALUE), "decoded frame " + i);
                buffers[i] = m;
            }
            return m.buffer().limit(bytes);
        };
    }

    /** @return whether {@code bytes} bytes from {@code b}'s position lie inside one of these buffers */
    boolean owns(ByteBuffer b, long bytes) {
        long at = Cuda.address(b);
        for (PinnedMemory m : buffers) {
            if (m != null) {
                long base = m.at(0).address();
                if (at >= base && at + bytes <= base + m.bytes()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].close();
                buffers[i] = null;
            }
        }
    }
}
