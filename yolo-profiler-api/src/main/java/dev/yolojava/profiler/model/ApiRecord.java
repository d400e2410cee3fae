package dev.yolojava.profiler.model;

/**
 * One CUDA runtime or driver API call (CUPTI runtime/driver activity).
 *
 * @param name          function name, e.g. {@code cudaLaunchKernel}
 * @param startNs       start on the CPU
 * @param endNs         end on the CPU
 * @param threadId      OS thread id
 * @param correlationId CUPTI correlation id, shared with the GPU work it launched
 */
public record ApiRecord(String name, long startNs, long endNs, long threadId, long correlationId) implements ActivityRecord {
}
