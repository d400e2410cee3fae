package dev.yolojava.profiler.internal.cupti;

import dev.yolojava.profiler.analysis.KernelNames;
import dev.yolojava.profiler.model.ApiRecord;
import dev.yolojava.profiler.model.CorrelationRecord;
import dev.yolojava.profiler.model.MarkerRecord;
import dev.yolojava.profiler.model.MemcpyRecord;
import dev.yolojava.profiler.model.MemsetRecord;
import dev.yolojava.profiler.model.SyncRecord;
import dev.yolojava.profiler.spi.ActivitySink;
import org.bytedeco.cuda.cupti.CUpti_Activity;
import org.bytedeco.cuda.cupti.CUpti_ActivityAPI;
import org.bytedeco.cuda.cupti.CUpti_ActivityExternalCorrelation;
import org.bytedeco.cuda.cupti.CUpti_ActivityKernel9;
import org.bytedeco.cuda.cupti.CUpti_ActivityMarker2;
import org.bytedeco.cuda.cupti.CUpti_ActivityMemcpy5;
import org.bytedeco.cuda.cupti.CUpti_ActivityMemset4;
import org.bytedeco.cuda.cupti.CUpti_ActivityOverhead3;
import org.bytedeco.cuda.cupti.CUpti_ActivitySynchronization;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import static org.bytedeco.cuda.global.cupti.*;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns CUPTI's activity records into the profiler's records: kernels, copies, memsets, API calls,
 * synchronizations, external correlations, overheads, and NVTX ranges (paired from their start and end
 * records). One job, apart from CUPTI's life cycle and buffers ({@link CuptiActivitySource}).
 */
final class CuptiRecordParser {
    private final Map<Integer, String> apiNames = new ConcurrentHashMap<>();
    private final Map<Integer, long[]> openMarkers = new ConcurrentHashMap<>();
    private final Map<Integer, String[]> markerNames = new ConcurrentHashMap<>();
    /**
     * Readable kernel names by the address of CUPTI's name string, which CUPTI shares among every record of the
     * same kernel: a name is read and demangled once per kernel, not once per record.
     */
    private final Map<Long, String> kernelNames = new ConcurrentHashMap<>();

    /**
     * Delivers every record of a completed buffer to {@code out}.
     *
     * @param buffer    the buffer CUPTI filled
     * @param validSize the bytes it filled
     * @param out       where the records go
     */
    void parse(BytePointer buffer, long validSize, ActivitySink out) {
        try (PointerPointer<CUpti_Activity> rec = new PointerPointer<>(1)) {
            rec.put(0, null);
            while (cuptiActivityGetNextRecord(buffer, validSize, rec) == 0) {
                CUpti_Activity a = new CUpti_Activity(rec.get(0));
                deliver(a, out);
            }
        }
    }

    private void deliver(CUpti_Activity a, ActivitySink out) {
        int kind = a.kind();
        if (kind == CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL || kind == CUPTI_ACTIVITY_KIND_KERNEL) {
            CUpti_ActivityKernel9 k = new CUpti_ActivityKernel9(a);
            BytePointer n = k.name();
            out.kernel(n == null || n.isNull() ? KernelNames.demangle(null)
                    : kernelName(n.address() + n.position(), n::getString), k.start(), k.end(),
                    k.deviceId(), k.streamId(), k.correlationId() & 0xffffffffL, k.gridX(), k.gridY(), k.gridZ(),
                    k.blockX(), k.blockY(), k.blockZ(), k.registersPerThread(), k.staticSharedMemory(),
                    k.dynamicSharedMemory(), k.graphId() != 0);
        } else if (kind == CUPTI_ACTIVITY_KIND_MEMCPY) {
            CUpti_ActivityMemcpy5 m = new CUpti_ActivityMemcpy5(a);
            out.record(new MemcpyRecord(copyKind(m.copyKind()), m.bytes(), m.srcKind() == CUPTI_ACTIVITY_MEMORY_KIND_PINNED,
                    m.dstKind() == CUPTI_ACTIVITY_MEMORY_KIND_PINNED, memoryKind(m.srcKind()), memoryKind(m.dstKind()),
                    m.start(), m.end(), m.deviceId(), m.streamId(), m.correlationId() & 0xffffffffL));
        } else if (kind == CUPTI_ACTIVITY_KIND_MEMSET) {
            CUpti_ActivityMemset4 m = new CUpti_ActivityMemset4(a);
            out.record(new MemsetRecord(m.bytes(), m.start(), m.end(), m.deviceId(), m.streamId(),
                    m.correlationId() & 0xffffffffL));
        } else if (kind == CUPTI_ACTIVITY_KIND_RUNTIME || kind == CUPTI_ACTIVITY_KIND_DRIVER) {
            // driver API records matter for work launched with cuLaunchKernel (the GPU letterbox): the
            // external correlation id reaches such kernels only through them
            CUpti_ActivityAPI r = new CUpti_ActivityAPI(a);
            out.record(new ApiRecord(apiName(kind == CUPTI_ACTIVITY_KIND_DRIVER, r.cbid()), r.start(), r.end(), r.threadId() & 0xffffffffL,
                    r.correlationId() & 0xffffffffL));
        } else if (kind == CUPTI_ACTIVITY_KIND_SYNCHRONIZATION) {
            CUpti_ActivitySynchronization s = new CUpti_ActivitySynchronization(a);
            out.record(new SyncRecord(syncType(s.type()), s.start(), s.end(), s.streamId(), s.correlationId() & 0xffffffffL));
        } else if (kind == CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION) {
            CUpti_ActivityExternalCorrelation c = new CUpti_ActivityExternalCorrelation(a);
            out.record(new CorrelationRecord(c.correlationId() & 0xffffffffL, c.externalId()));
        } else if (kind == CUPTI_ACTIVITY_KIND_MARKER) {
            marker(new CUpti_ActivityMarker2(a), out);
        } else if (kind == CUPTI_ACTIVITY_KIND_OVERHEAD) {
            CUpti_ActivityOverhead3 o = new CUpti_ActivityOverhead3(a);
            out.record(new dev.yolojava.profiler.model.OverheadRecord(overheadKind(o.overheadKind()), o.start(), o.end()));
        } else {
            out.dropped(1); // a kind this source does not parse: counted with the lost records
        }
    }

    /**
     * @param address where CUPTI's name string is
     * @param read    reads it (called once per address)
     * @return the readable name of that kernel
     */
    String kernelName(long address, java.util.function.Supplier<String> read) {
        return kernelNames.computeIfAbsent(address, a -> KernelNames.demangle(read.get()));
    }

    /** NVTX ranges arrive as a start record (with the name) and an end record with the same id. */
    private void marker(CUpti_ActivityMarker2 m, ActivitySink out) {
        int flags = m.flags();
        long tid = m.objectId().pt_threadId() & 0xffffffffL; // the OS thread, as in runtime API records
        if ((flags & CUPTI_ACTIVITY_FLAG_MARKER_INSTANTANEOUS) != 0) {
            out.record(new MarkerRecord(str(m.name()), str(m.domain()), m.timestamp(), m.timestamp(), tid));
        } else if ((flags & CUPTI_ACTIVITY_FLAG_MARKER_START) != 0) {
            openMarkers.put(m.id(), new long[]{m.timestamp(), tid});
            markerNames.put(m.id(), new String[]{str(m.name()), str(m.domain())});
        } else if ((flags & CUPTI_ACTIVITY_FLAG_MARKER_END) != 0) {
            long[] start = openMarkers.remove(m.id());
            String[] names = markerNames.remove(m.id());
            if (start != null) {
                out.record(new MarkerRecord(names[0], names[1], start[0], m.timestamp(), start[1]));
            }
        }
    }

    private static String str(BytePointer p) {
        return p == null || p.isNull() ? "" : p.getString();
    }

    private String apiName(boolean driver, int cbid) {
        return apiNames.computeIfAbsent(driver ? -1 - cbid : cbid, key -> {
            try (PointerPointer<BytePointer> name = new PointerPointer<>(1)) {
                int domain = driver ? CUPTI_CB_DOMAIN_DRIVER_API : CUPTI_CB_DOMAIN_RUNTIME_API;
                if (cuptiGetCallbackName(domain, cbid, name) == 0 && name.get(0) != null) {
                    return name.getString(0);
                }
            } catch (Throwable ignored) {
                // fall through
            }
            return (driver ? "driver#" : "runtime#") + cbid;
        });
    }

    static MemcpyRecord.MemcpyKind copyKind(int k) {
        if (k == CUPTI_ACTIVITY_MEMCPY_KIND_HTOD) {
            return MemcpyRecord.MemcpyKind.HTOD;
        } else if (k == CUPTI_ACTIVITY_MEMCPY_KIND_DTOH) {
            return MemcpyRecord.MemcpyKind.DTOH;
        } else if (k == CUPTI_ACTIVITY_MEMCPY_KIND_DTOD) {
            return MemcpyRecord.MemcpyKind.DTOD;
        } else if (k == CUPTI_ACTIVITY_MEMCPY_KIND_HTOH) {
            return MemcpyRecord.MemcpyKind.HTOH;
        } else if (k == CUPTI_ACTIVITY_MEMCPY_KIND_PTOP) {
            return MemcpyRecord.MemcpyKind.PTOP;
        }
        return MemcpyRecord.MemcpyKind.OTHER;
    }

    private static String memoryKind(int k) {
        if (k == CUPTI_ACTIVITY_MEMORY_KIND_PINNED) {
            return "pinned";
        } else if (k == CUPTI_ACTIVITY_MEMORY_KIND_PAGEABLE) {
            return "pageable";
        } else if (k == CUPTI_ACTIVITY_MEMORY_KIND_DEVICE) {
            return "device";
        }
        return "other";
    }

    private static String overheadKind(int k) {
        if (k == CUPTI_ACTIVITY_OVERHEAD_DRIVER_COMPILER) {
            return "driver-compiler";
        } else if (k == CUPTI_ACTIVITY_OVERHEAD_CUPTI_BUFFER_FLUSH) {
            return "cupti-buffer-flush";
        } else if (k == CUPTI_ACTIVITY_OVERHEAD_CUPTI_INSTRUMENTATION) {
            return "cupti-instrumentation";
        } else if (k == CUPTI_ACTIVITY_OVERHEAD_CUPTI_RESOURCE) {
            return "cupti-resource";
        } else if (k == CUPTI_ACTIVITY_OVERHEAD_LAZY_FUNCTION_LOADING) {
            return "lazy-function-loading";
        } else if (k == CUPTI_ACTIVITY_OVERHEAD_COMMAND_BUFFER_FULL) {
            return "command-buffer-full";
        }
        return "other";
    }

    private static String syncType(int t) {
        if (t == CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_STREAM_SYNCHRONIZE) {
            return "stream";
        } else if (t == CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_EVENT_SYNCHRONIZE) {
            return "event";
        } else if (t == CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_CONTEXT_SYNCHRONIZE) {
            return "context";
        } else if (t == CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_STREAM_WAIT_EVENT) {
            return "stream-wait-event";
        }
        return "other";
    }
}
