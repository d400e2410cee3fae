package dev.yolojava.tensorrt.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Copies caller-owned host frames into a slot's page-locked staging buffer, each at its offset. A batch whose frames
 * all go to one slot (a batched engine: 32 frames of 1.3 MB, 42 MB) is copied on several threads: one thread's copy
 * took longer than the whole GPU work of the call, which one slot cannot overlap with anything.
 */
final class StagingCopy {
    /** Below this many bytes a copy stays on the caller's thread. */
    static final long PARALLEL_BYTES = 8L << 20;

    private StagingCopy() {
    }

    /**
     * @param sources the frames' pixels, each from its position, {@code lengths[i]} bytes
     * @param lengths bytes of each frame
     * @param offsets where each frame goes in {@code dst}
     * @param dst     the staging buffer
     * @return whether the copy ran on several threads
     */
    static boolean copy(List<ByteBuffer> sources, long[] lengths, long[] offsets, ByteBuffer dst) {
        long total = 0;
        for (long l : lengths) {
            total += l;
        }
        boolean parallel = total >= PARALLEL_BYTES && sources.size() > 1;
        IntStream frames = IntStream.range(0, sources.size());
        (parallel ? frames.parallel() : frames).forEach(i -> {
            ByteBuffer to = dst.duplicate();
            to.position((int) offsets[i]);
            ByteBuffer from = sources.get(i).duplicate();
            from.limit((int) (from.position() + lengths[i]));
            to.put(from);
        });
        return parallel;
    }
}
