package dev.yolojava.profiler.analysis;

import dev.yolojava.profiler.model.DeviceProperties;

/**
 * Theoretical occupancy from a launch configuration and the device's limits, as the CUDA occupancy
 * calculator computes it: resident warps per SM over the maximum, limited by warps, blocks,
 * registers (allocated per warp in units of 256) and shared memory (1 KiB reserved per block on
 * sm_80+, allocated in units of 128 bytes).
 */
public final class Occupancy {
    private Occupancy() {
    }

    /**
     * @param threadsPerBlock    threads per block, {@code >= 1}
     * @param registersPerThread registers per thread (0 when unknown: no register limit)
     * @param sharedPerBlock     static + dynamic shared memory per block, bytes
     * @param d                  the device
     * @return occupancy in [0, 1]; 0 when the block cannot fit at all
     */
    public static double theoretical(int threadsPerBlock, int registersPerThread, int sharedPerBlock, DeviceProperties d) {
        if (threadsPerBlock <= 0 || d.maxWarpsPerSm() <= 0) {
            return 0;
        }
        int warpsPerBlock = (threadsPerBlock + 31) / 32;
        int byWarps = d.maxWarpsPerSm() / warpsPerBlock;
        int byBlocks = d.maxBlocksPerSm() > 0 ? d.maxBlocksPerSm() : Integer.MAX_VALUE;
        int byRegs = Integer.MAX_VALUE;
        if (registersPerThread > 0 && d.registersPerSm() > 0) {
            int regsPerWarp = roundUp(registersPerThread * 32, 256);
            int warpsByRegs = d.registersPerSm() / regsPerWarp;
            byRegs = warpsByRegs / warpsPerBlock;
        }
        int byShared = Integer.MAX_VALUE;
        if (sharedPerBlock > 0 && d.sharedMemoryPerSm() > 0) {
            int reserved = d.computeMajor() >= 8 ? 1024 : 0;
            byShared = d.sharedMemoryPerSm() / roundUp(sharedPerBlock + reserved, 128);
        }
        int blocks = Math.min(Math.min(byWarps, byBlocks), Math.min(byRegs, byShared));
        return Math.min(1.0, (double) blocks * warpsPerBlock / d.maxWarpsPerSm());
    }

    private static int roundUp(int v, int unit) {
        return (v + unit - 1) / unit * unit;
    }
}
