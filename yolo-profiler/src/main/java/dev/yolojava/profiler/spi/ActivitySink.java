package dev.yolojava.profiler.spi;

import dev.yolojava.profiler.model.ActivityRecord;


/** Receives GPU activity records from an {@link ActivitySource}; thread-safe, never blocks. */
public interface ActivitySink {

    /**
     * Takes one record; called on the source's thread, so it must return quickly.
     *
     * @param r the record
     */
    void record(ActivityRecord r);

    /**
     * Takes one kernel, given as {@link dev.yolojava.profiler.model.KernelRecord}'s components in order: the hot path
     * (most records are kernels), which a sink that stores kernels in columns overrides so that no object is made per
     * kernel. By default, {@code record(new KernelRecord(...))}.
     *
     * @param name               readable kernel name
     * @param startNs            start, ns
     * @param endNs              end, ns
     * @param deviceId           device
     * @param streamId           stream
     * @param correlationId      CUPTI correlation id
     * @param gridX              grid x
     * @param gridY              grid y
     * @param gridZ              grid z
     * @param blockX             block x
     * @param blockY             block y
     * @param blockZ             block z
     * @param registersPerThread registers per thread
     * @param staticSharedBytes  static shared memory
     * @param dynamicSharedBytes dynamic shared memory
     * @param graphLaunched      launched as part of a CUDA graph
     */
    default void kernel(String name, long startNs, long endNs, int deviceId, int streamId, long correlationId,
                        int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                        int registersPerThread, int staticSharedBytes, int dynamicSharedBytes, boolean graphLaunched) {
        record(new dev.yolojava.profiler.model.KernelRecord(name, startNs, endNs, deviceId, streamId, correlationId, gridX,
                gridY, gridZ, blockX, blockY, blockZ, registersPerThread, staticSharedBytes, dynamicSharedBytes, graphLaunched));
    }

    /**
     * Counts records the source lost (its buffers were full) or could not parse.
     *
     * @param count how many
     */
    void dropped(long count);
}
