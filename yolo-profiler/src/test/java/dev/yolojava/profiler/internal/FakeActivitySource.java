package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.model.CorrelationRecord;
import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.MemcpyRecord;
import dev.yolojava.profiler.spi.ActivitySink;
import dev.yolojava.profiler.spi.ActivitySource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for CUPTI, registered for tests only and available only while {@link #enabled}:
 * "launches" produce kernel/memcpy records plus the external-correlation record CUPTI would emit
 * for the id pushed on the launching thread.
 */
public final class FakeActivitySource implements ActivitySource {
    public static volatile boolean enabled;
    static volatile FakeActivitySource current;
    private static final AtomicLong CORRELATION = new AtomicLong(1000);
    private final ThreadLocal<Deque<Long>> pushed = ThreadLocal.withInitial(ArrayDeque::new);
    private volatile ActivitySink sink;
    volatile boolean stopped;
    /** Like CUPTI: launches while not collecting leave no records. */
    volatile boolean collecting = true;
    /** Like CUPTI's buffers: records are held until {@link #flush()} (and the flushing thread is noted). */
    public static volatile boolean deferUntilFlush;
    /** The threads that flushed, in order. */
    public static final java.util.List<String> FLUSHED_ON = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<dev.yolojava.profiler.model.ActivityRecord> held =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every switch {@link #collect} made, in order. */
    public static final java.util.List<Boolean> SWITCHES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String unavailableReason() {
        return enabled ? null : "test source disabled";
    }

    @Override
    public boolean start(ActivitySink sink) {
        this.sink = sink;
        SWITCHES.clear();
        current = this;
        return true;
    }

    @Override
    public void collect(boolean on) {
        if (on != collecting) {
            SWITCHES.add(on);
        }
        collecting = on;
    }

    /** @return how many correlation ids are pushed on this thread now */
    public static int pushedOnThisThread() {
        FakeActivitySource s = current;
        return s == null ? 0 : s.pushed.get().size();
    }

    @Override
    public void flush() {
        FLUSHED_ON.add(Thread.currentThread().getName());
        for (dev.yolojava.profiler.model.ActivityRecord r : held) {
            sink.record(r);
        }
        held.clear();
    }

    private void emit(dev.yolojava.profiler.model.ActivityRecord r) {
        if (deferUntilFlush) {
            held.add(r);
        } else {
            sink.record(r);
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public long timestampNs() {
        return System.nanoTime();
    }

    @Override
    public void pushCorrelation(long id) {
        pushed.get().push(id);
    }

    @Override
    public void popCorrelation() {
        pushed.get().pop();
    }

    @Override
    public List<DeviceProperties> devices() {
        return List.of(DeviceProperties.h100());
    }

    private long correlate() {
        long c = CORRELATION.incrementAndGet();
        Long ext = pushed.get().peek();
        if (ext != null) {
            emit(new CorrelationRecord(c, ext));
        }
        return c;
    }

    /** "Launches" a kernel from this thread. */
    public static void kernel(String name, long durationNs) {
        FakeActivitySource s = current;
        if (!s.collecting) {
            return;
        }
        long c = s.correlate();
        long t = System.nanoTime();
        s.emit(new KernelRecord(name, t, t + durationNs, 0, 7, c, 1, 1, 1, 128, 1, 1, 32, 0, 0, false));
    }

    /** "Launches" a pinned host-to-device copy from this thread. */
    public static void copy(long bytes, long durationNs) {
        FakeActivitySource s = current;
        if (!s.collecting) {
            return;
        }
        long c = s.correlate();
        long t = System.nanoTime();
        s.emit(new MemcpyRecord(MemcpyRecord.MemcpyKind.HTOD, bytes, true, false, "pinned", "device", t,
                t + durationNs, 0, 7, c));
    }
}
