package dev.yolojava.profiler.model;

/**
 * A synchronization the host waited on (CUPTI synchronization activity).
 *
 * @param type          e.g. {@code STREAM_SYNCHRONIZE}, {@code EVENT_SYNCHRONIZE}
 * @param startNs       start
 * @param endNs         end
 * @param streamId      stream, or -1
 * @param correlationId CUPTI correlation id of the API call
 */
public record SyncRecord(String type, long startNs, long endNs, int streamId, long correlationId) implements ActivityRecord {
}
