package dev.yolojava.profiler.spi;

import dev.yolojava.profiler.model.ApiRecord;
import dev.yolojava.profiler.model.CorrelationRecord;
import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.MarkerRecord;
import dev.yolojava.profiler.model.MemcpyRecord;
import dev.yolojava.profiler.model.MemsetRecord;
import dev.yolojava.profiler.model.OverheadRecord;
import dev.yolojava.profiler.model.SyncRecord;

/** Receives GPU activity records from an {@link ActivitySource}; thread-safe, never blocks. */
public interface ActivitySink {
    /** @param r a kernel */
    void kernel(KernelRecord r);

    /** @param r a copy */
    void memcpy(MemcpyRecord r);

    /** @param r a memset */
    void memset(MemsetRecord r);

    /** @param r an API call */
    void api(ApiRecord r);

    /** @param r a synchronization */
    void sync(SyncRecord r);

    /** @param r an NVTX range */
    void marker(MarkerRecord r);

    /** @param r a correlation */
    void correlation(CorrelationRecord r);

    /** @param r time the collector itself took (CUPTI overhead) */
    default void overhead(OverheadRecord r) {
    }

    /** @param count records the source lost */
    void dropped(long count);
}
