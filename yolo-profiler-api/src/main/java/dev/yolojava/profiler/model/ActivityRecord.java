package dev.yolojava.profiler.model;

/**
 * One record of GPU activity, as an activity source (CUPTI) delivers it: the one type a sink receives,
 * so a new kind of record is one more permitted record rather than one more method on every sink.
 */
public sealed interface ActivityRecord permits KernelRecord, MemcpyRecord, MemsetRecord, ApiRecord, SyncRecord,
        MarkerRecord, CorrelationRecord, OverheadRecord {
}
