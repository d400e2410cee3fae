package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.model.ApiRecord;
import dev.yolojava.profiler.model.CorrelationRecord;
import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.MarkEvent;
import dev.yolojava.profiler.model.MarkerRecord;
import dev.yolojava.profiler.model.MemcpyRecord;
import dev.yolojava.profiler.model.MemsetRecord;
import dev.yolojava.profiler.model.OverheadRecord;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.model.RangeEvent;
import dev.yolojava.profiler.model.SyncRecord;
import dev.yolojava.profiler.spi.ActivitySink;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The records of one capture window, filled from any thread, bounded by {@code maxEvents} (past it, records are
 * counted as dropped). Kernels, most of the records, are stored in columns ({@link KernelColumns}); the others in
 * lock-free queues.
 */
public final class Capture implements ActivitySink {
    private final int maxEvents;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Queue<RangeEvent> ranges = new ConcurrentLinkedQueue<>();
    private final Queue<MarkEvent> marks = new ConcurrentLinkedQueue<>();
    private final KernelColumns kernels = new KernelColumns();
    private final Queue<MemcpyRecord> memcpys = new ConcurrentLinkedQueue<>();
    private final Queue<MemsetRecord> memsets = new ConcurrentLinkedQueue<>();
    private final Queue<ApiRecord> apis = new ConcurrentLinkedQueue<>();
    private final Queue<SyncRecord> syncs = new ConcurrentLinkedQueue<>();
    private final Queue<MarkerRecord> markers = new ConcurrentLinkedQueue<>();
    private final Queue<CorrelationRecord> correlations = new ConcurrentLinkedQueue<>();
    private final Queue<OverheadRecord> overheads = new ConcurrentLinkedQueue<>();
    private final Queue<dev.yolojava.profiler.model.DeviceSample> deviceSamples = new ConcurrentLinkedQueue<>();

    /** @param maxEvents most records kept */
    public Capture(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    private <T> void add(Queue<T> q, T item) {
        if (admit()) {
            q.add(item);
        }
    }

    /** @return whether one more record fits the bound; if not, it is counted as dropped */
    private boolean admit() {
        if (count.incrementAndGet() > maxEvents) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** @param e a closed range */
    public void range(RangeEvent e) {
        add(ranges, e);
    }

    /** @param samples the GPUs' state now (NVML) */
    public void deviceSamples(java.util.List<dev.yolojava.profiler.model.DeviceSample> samples) {
        samples.forEach(x -> add(deviceSamples, x));
    }

    /** @param e a mark */
    public void mark(MarkEvent e) {
        add(marks, e);
    }

    @Override
    public void record(dev.yolojava.profiler.model.ActivityRecord r) {
        if (r instanceof KernelRecord k) {
            kernel(k.name(), k.startNs(), k.endNs(), k.deviceId(), k.streamId(), k.correlationId(), k.gridX(), k.gridY(),
                    k.gridZ(), k.blockX(), k.blockY(), k.blockZ(), k.registersPerThread(), k.staticSharedBytes(),
                    k.dynamicSharedBytes(), k.graphLaunched());
        } else if (r instanceof MemcpyRecord m) {
            add(memcpys, m);
        } else if (r instanceof MemsetRecord m) {
            add(memsets, m);
        } else if (r instanceof ApiRecord a) {
            add(apis, a);
        } else if (r instanceof SyncRecord y) {
            add(syncs, y);
        } else if (r instanceof MarkerRecord m) {
            add(markers, m);
        } else if (r instanceof CorrelationRecord c) {
            add(correlations, c);
        } else if (r instanceof OverheadRecord o) {
            add(overheads, o);
        }
    }

    /** Stores a kernel in columns: no object per kernel (they are made when the capture is exported). */
    @Override
    public void kernel(String name, long startNs, long endNs, int deviceId, int streamId, long correlationId,
                       int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                       int registersPerThread, int staticSharedBytes, int dynamicSharedBytes, boolean graphLaunched) {
        if (admit()) {
            kernels.add(name, startNs, endNs, deviceId, streamId, correlationId, gridX, gridY, gridZ, blockX, blockY, blockZ,
                    registersPerThread, staticSharedBytes, dynamicSharedBytes, graphLaunched);
        }
    }

    @Override
    public void dropped(long n) {
        dropped.addAndGet(n);
    }

    /** @return whether nothing was recorded (nor dropped) */
    public boolean isEmpty() {
        return count.get() == 0;
    }

    /** @return records lost so far */
    public long droppedCount() {
        return dropped.get();
    }

    /** @return an immutable snapshot */
    public ProfileData snapshot(String name, long startNs, long endNs, List<DeviceProperties> devices, boolean gpu) {
        return new ProfileData(name, startNs, endNs, new ArrayList<>(ranges), new ArrayList<>(marks),
                kernels.toRecords(), new ArrayList<>(memcpys), new ArrayList<>(memsets), new ArrayList<>(apis),
                new ArrayList<>(syncs), new ArrayList<>(markers), new ArrayList<>(correlations), new ArrayList<>(overheads), devices,
                dropped.get(), gpu, new ArrayList<>(deviceSamples));
    }
}
