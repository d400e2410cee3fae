package dev.yolojava.profiler.model;

/**
 * An NVTX range seen by CUPTI: ours, or those TensorRT emits per layer (profiling verbosity DETAILED).
 *
 * @param name     range text (for TensorRT: the layer name)
 * @param domain   NVTX domain name, empty for the default domain
 * @param startNs  start on the CPU
 * @param endNs    end on the CPU, or equal to start for an instant marker
 * @param threadId OS thread id
 */
public record MarkerRecord(String name, String domain, long startNs, long endNs, long threadId) implements ActivityRecord {
}
