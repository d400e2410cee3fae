package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.spi.FrameAllocator;

import java.nio.ByteBuffer;

/**
 * Page-locked buffers that the CPU image decoder writes into, one per batch position and generation (a call made
 * while the previous one is in flight takes the other of {@link NvJpegDecoder#GENERATIONS} sets, so that one is
 * still intact for its upload), grown as needed and reused from call to call, and the ones callers fill themselves ({@code YoloDetector.allocateFrame}): such
 * frames upload from where they are, with no staging copy.
 */
final class PinnedFrames implements AutoCloseable {
    private final PinnedMemory[] buffers;
    /** Frames handed to callers ({@code YoloDetector.allocateFrame}), kept until close. */
    private final java.util.List<PinnedMemory> kept = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final int positions;

    PinnedFrames(int positions) {
        this.positions = positions;
        this.buffers = new PinnedMemory[positions * NvJpegDecoder.GENERATIONS];
    }

    /**
     * @param generation which set of buffers (0 .. {@link NvJpegDecoder#GENERATIONS} − 1)
     * @param position   the batch position
     * @return an allocator handing out that position's buffer (a call uses each position once)
     */
    FrameAllocator allocator(int generation, int position) {
        if (position < 0 || position >= positions || generation < 0 || generation >= NvJpegDecoder.GENERATIONS) {
            throw new IndexOutOfBoundsException("position " + position + " of " + positions + ", generation " + generation);
        }
        int i = generation * positions + position;
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

    /**
     * @param bytes the size
     * @return a new page-locked buffer for a caller's frame, kept (and recognized by {@link #owns}) until close
     */
    ByteBuffer keep(int bytes) {
        PinnedMemory m = new PinnedMemory(bytes, "caller frame " + kept.size());
        kept.add(m);
        return m.buffer().limit(bytes);
    }

    /** @return whether {@code bytes} bytes from {@code b}'s position lie inside one of these buffers */
    boolean owns(ByteBuffer b, long bytes) {
        long at = Cuda.address(b);
        for (PinnedMemory m : buffers) {
            if (inside(m, at, bytes)) {
                return true;
            }
        }
        for (PinnedMemory m : kept) {
            if (inside(m, at, bytes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(PinnedMemory m, long at, long bytes) {
        if (m == null) {
            return false;
        }
        long base = m.at(0).address();
        return at >= base && at + bytes <= base + m.bytes();
    }

    @Override
    public void close() {
        for (PinnedMemory m : kept) {
            m.close();
        }
        kept.clear();
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].close();
                buffers[i] = null;
            }
        }
    }
}
