package dev.yolojava.profiler.analysis;

import java.util.List;

/**
 * The derived figures of one capture, what the summary exporter writes and the comparison reads.
 * Times in microseconds; bandwidth in GB/s (10^9 bytes/s).
 *
 * @param name            capture name
 * @param device          GPU name, or "none"
 * @param wallUs          capture length
 * @param gpuBusyUs       time at least one kernel, copy or memset ran (union of intervals)
 * @param gpuIdleUs       {@code wallGpuUs - gpuBusyUs} between the first and last GPU record
 * @param largestGapsUs   the longest idle gaps between GPU records, longest first (up to 10)
 * @param kernelCount     kernels executed
 * @param kernelTimeUs    summed kernel time
 * @param tensorCoreShare share of kernel time in kernels that look like Tensor Core kernels
 * @param droppedRecords  records lost
 * @param cuptiOverheadUs time CUPTI and the driver spent on collection itself (overhead records)
 * @param kernels         per kernel name, by total time
 * @param memcpy          per copy direction
 * @param ranges          per range name
 * @param layers          per NVTX-marked layer (TensorRT), by GPU time; empty without markers
 * @param findings        plain-language observations ("launch-bound: ...")
 */
public record ProfileSummary(String name, String device, double wallUs, double gpuBusyUs, double gpuIdleUs,
                             List<Double> largestGapsUs, long kernelCount, double kernelTimeUs,
                             double tensorCoreShare, long droppedRecords, double cuptiOverheadUs, List<KernelStats> kernels,
                             List<MemcpyStats> memcpy, List<RangeStats> ranges, List<LayerStats> layers,
                             List<String> findings) {

    /**
     * Per kernel name.
     *
     * @param name        kernel name
     * @param count       executions
     * @param totalUs     summed duration
     * @param avgUs       mean
     * @param p50Us       median
     * @param p99Us       99th percentile
     * @param maxUs       longest
     * @param share       share of all kernel time
     * @param grid        grid of the first launch, "x,y,z"
     * @param block       block of the first launch, "x,y,z"
     * @param registers   registers per thread
     * @param sharedBytes static + dynamic shared memory per block
     * @param occupancy   theoretical occupancy, 0..1 (-1 when the device is unknown)
     * @param tensorCore  whether the name looks like a Tensor Core kernel
     */
    public record KernelStats(String name, long count, double totalUs, double avgUs, double p50Us, double p99Us,
                              double maxUs, double share, String grid, String block, int registers, int sharedBytes,
                              double occupancy, boolean tensorCore) {
    }

    /**
     * Per copy direction.
     *
     * @param kind         H2D, D2H, D2D...
     * @param count        copies
     * @param bytes        bytes moved
     * @param totalUs      summed duration
     * @param gbPerSec     bytes over summed duration
     * @param peakGbPerSec the link's peak (PCIe for H2D/D2H, memory for D2D), 0 when unknown
     * @param pinnedShare  share of bytes whose host side was pinned
     */
    public record MemcpyStats(String kind, long count, long bytes, double totalUs, double gbPerSec,
                              double peakGbPerSec, double pinnedShare) {
    }

    /**
     * Per range name.
     *
     * @param name            range name
     * @param count           times closed
     * @param totalUs         summed wall time
     * @param avgUs           mean wall time
     * @param p50Us           median
     * @param p99Us           99th percentile
     * @param kernelsPerCall  kernels attributed per call (itself and nested ranges)
     * @param kernelUsPerCall kernel time attributed per call
     * @param memcpyBytesPerCall bytes copied per call
     * @param gpuShare        attributed GPU time over wall time
     */
    public record RangeStats(String name, long count, double totalUs, double avgUs, double p50Us, double p99Us,
                             double kernelsPerCall, double kernelUsPerCall, double memcpyBytesPerCall,
                             double gpuShare) {
    }

    /**
     * Per layer (an NVTX range that GPU work was launched inside, e.g. a TensorRT layer).
     *
     * @param name    layer name
     * @param count   times run
     * @param gpuUs   GPU time of the kernels it launched
     * @param kernels kernels it launched
     * @param share   share of all kernel time
     */
    public record LayerStats(String name, long count, double gpuUs, long kernels, double share) {
    }
}
