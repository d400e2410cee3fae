package dev.yolojava.profiler.model;

/**
 * One kernel execution (CUPTI concurrent-kernel activity).
 *
 * @param name                demangled kernel name
 * @param startNs             start on the GPU
 * @param endNs               end on the GPU
 * @param deviceId            device
 * @param streamId            stream
 * @param correlationId       CUPTI correlation id of the launching API call
 * @param gridX               grid size x
 * @param gridY               grid size y
 * @param gridZ               grid size z
 * @param blockX              block size x
 * @param blockY              block size y
 * @param blockZ              block size z
 * @param registersPerThread  registers per thread
 * @param staticSharedBytes   static shared memory per block
 * @param dynamicSharedBytes  dynamic shared memory per block
 * @param graphLaunched       launched from a CUDA graph
 */
public record KernelRecord(String name, long startNs, long endNs, int deviceId, int streamId, long correlationId,
                           int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                           int registersPerThread, int staticSharedBytes, int dynamicSharedBytes,
                           boolean graphLaunched) implements ActivityRecord {
    /** @return duration in ns */
    public long durationNs() {
        return endNs - startNs;
    }

    /** @return threads per block */
    public int threadsPerBlock() {
        return blockX * blockY * blockZ;
    }

    /** @return blocks in the grid */
    public long blocks() {
        return (long) gridX * gridY * gridZ;
    }
}
