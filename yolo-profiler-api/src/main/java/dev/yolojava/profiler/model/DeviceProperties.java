package dev.yolojava.profiler.model;

/**
 * What the occupancy and bandwidth figures need of a GPU.
 *
 * @param id                    device ordinal
 * @param name                  marketing name
 * @param computeMajor          compute capability major
 * @param computeMinor          compute capability minor
 * @param multiprocessors       SM count
 * @param maxThreadsPerSm       resident threads per SM
 * @param maxBlocksPerSm        resident blocks per SM
 * @param registersPerSm        32-bit registers per SM
 * @param sharedMemoryPerSm     shared memory per SM, bytes
 * @param maxWarpsPerSm         resident warps per SM
 * @param memoryBandwidthBytesPerSec theoretical device memory bandwidth, or 0 when unknown
 * @param pcieGeneration        PCIe link generation, or 0 when unknown
 * @param pcieLinkWidth         PCIe lanes, or 0 when unknown
 */
public record DeviceProperties(int id, String name, int computeMajor, int computeMinor, int multiprocessors,
                               int maxThreadsPerSm, int maxBlocksPerSm, int registersPerSm, int sharedMemoryPerSm,
                               int maxWarpsPerSm, double memoryBandwidthBytesPerSec, int pcieGeneration,
                               int pcieLinkWidth) {

    /** @return the one-way PCIe peak in GB/s from generation and width, or 0 when unknown */
    public double pciePeakGigabytesPerSecond() {
        double perLane = switch (pcieGeneration) {
            case 3 -> 0.985;
            case 4 -> 1.969;
            case 5 -> 3.938;
            case 6 -> 7.563;
            default -> 0;
        };
        return perLane * pcieLinkWidth;
    }

    /**
     * Properties of an H100 SXM (sm_90), for tests and when the device cannot be queried.
     *
     * @return the H100's properties
     */
    public static DeviceProperties h100() {
        return new DeviceProperties(0, "NVIDIA H100 80GB HBM3", 9, 0, 132, 2048, 32, 65536, 233472, 64,
                3.35e12, 5, 16);
    }
}
