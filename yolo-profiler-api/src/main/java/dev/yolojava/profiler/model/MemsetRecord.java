package dev.yolojava.profiler.model;

/**
 * One memset (CUPTI memset activity).
 *
 * @param bytes         bytes set
 * @param startNs       start
 * @param endNs         end
 * @param deviceId      device
 * @param streamId      stream
 * @param correlationId CUPTI correlation id
 */
public record MemsetRecord(long bytes, long startNs, long endNs, int deviceId, int streamId, long correlationId) implements ActivityRecord {
}
