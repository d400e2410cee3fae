package dev.yolojava.profiler.internal.cupti;

import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.spi.ActivitySink;
import dev.yolojava.profiler.spi.ActivitySource;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.cupti.CUpti_BuffersCallbackCompleteFunc;
import org.bytedeco.cuda.cupti.CUpti_BuffersCallbackRequestFunc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cupti.*;

/**
 * CUPTI's activity API through the JavaCPP cuda preset: kernels (concurrent), memcpy, memset,
 * runtime API calls, synchronization, NVTX markers, overhead and external correlation. CUPTI fills
 * 4 MiB buffers asynchronously; completed buffers are parsed on CUPTI's own thread, turned into
 * records for the sink and recycled, so the inference thread never waits. Lost records (CUPTI's
 * dropped count, records of unknown kind) are counted, never thrown.
 */
public final class CuptiActivitySource implements ActivitySource {
    private static final Logger LOG = LoggerFactory.getLogger(CuptiActivitySource.class);
    private static final long BUFFER_BYTES = 4L << 20;
    /**
     * Most buffers alive at once (64 x 4 MiB): when every one is still waiting to be parsed, CUPTI gets no new
     * buffer and drops records, which it counts and the capture reports, instead of memory growing without bound.
     */
    static final int MAX_BUFFERS = 64;
    private static final int ALIGN = 8;
    private static final int[] KINDS = {CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, CUPTI_ACTIVITY_KIND_MEMCPY,
            CUPTI_ACTIVITY_KIND_MEMSET, CUPTI_ACTIVITY_KIND_RUNTIME, CUPTI_ACTIVITY_KIND_SYNCHRONIZATION,
            CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION, CUPTI_ACTIVITY_KIND_MARKER, CUPTI_ACTIVITY_KIND_OVERHEAD,
            CUPTI_ACTIVITY_KIND_DRIVER};
    /** CUPTI keeps the callback pointers: they must stay reachable for the life of the process. */
    private static volatile CuptiActivitySource active;
    /** Whether the activity kinds are enabled now (off between kernel windows). */
    private boolean collecting;
    private static final RequestCallback REQUEST = new RequestCallback();
    private static final CompleteCallback COMPLETE = new CompleteCallback();
    private static boolean callbacksRegistered;

    private final Map<Long, BytePointer> buffers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<BytePointer> free = new ConcurrentLinkedQueue<>();
    private volatile ActivitySink sink;
    /**
     * Parses completed buffers off CUPTI's thread, one at a time in completion order, so CUPTI gets its next
     * buffer back at once; {@link #flush()} waits until every buffer handed over is parsed.
     */
    private final java.util.concurrent.ExecutorService parsing = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "yolo-cupti-parse");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    /** Turns CUPTI's records into the profiler's (keeps the open NVTX ranges and API names it has seen). */
    private final CuptiRecordParser parser = new CuptiRecordParser();
    private List<DeviceProperties> devices = List.of();

    @Override
    public String name() {
        return "cupti";
    }

    @Override
    public String unavailableReason() {
        try {
            Loader.load(org.bytedeco.cuda.global.cupti.class);
        } catch (Throwable t) {
            return "CUPTI (libcupti.so.12) not loadable: " + t.getMessage();
        }
        try (IntPointer n = new IntPointer(1)) {
            int s = cudaGetDeviceCount(n);
            if (s != 0 || n.get() == 0) {
                return "no CUDA device (cudaGetDeviceCount status " + s + ")";
            }
        } catch (Throwable t) {
            return "CUDA runtime not usable: " + t.getMessage();
        }
        return null;
    }

    @Override
    public synchronized boolean start(ActivitySink sink) {
        try {
            this.sink = sink;
            this.devices = queryDevices();
            active = this;
            if (!callbacksRegistered) {
                if (!ok(cuptiActivityRegisterCallbacks(REQUEST, COMPLETE), "cuptiActivityRegisterCallbacks")) {
                    return false;
                }
                callbacksRegistered = true;
            }
            int enabled = 0;
            for (int kind : enabledKinds()) {
                if (ok(cuptiActivityEnable(kind), "cuptiActivityEnable(" + kind + ")")) {
                    enabled++;
                }
            }
            collecting = enabled > 0;
            return enabled > 0;
        } catch (Throwable t) {
            LOG.warn("CUPTI could not start: {}", t.toString());
            return false;
        }
    }

    /**
     * The activity kinds to collect: all, or those named in {@code -Dyolo.profiling.cupti.kinds} /
     * {@code YOLO_PROFILING_CUPTI_KINDS} (kernel, memcpy, memset, runtime, sync, correlation, marker,
     * overhead, driver), e.g. {@code kernel,memcpy,correlation} to leave out per-call runtime API records.
     */
    static int[] enabledKinds() {
        String spec = System.getProperty("yolo.profiling.cupti.kinds", System.getenv("YOLO_PROFILING_CUPTI_KINDS"));
        if (spec == null || spec.isBlank()) {
            return KINDS;
        }
        String[] names = {"kernel", "memcpy", "memset", "runtime", "sync", "correlation", "marker", "overhead",
            "driver"};
        java.util.List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String want = part.trim().toLowerCase(java.util.Locale.ROOT);
            int i = java.util.Arrays.asList(names).indexOf(want);
            if (i < 0) {
                LOG.warn("YOLO_PROFILING_CUPTI_KINDS: unknown kind '{}' ignored; known: {}", want, String.join(",", names));
            } else {
                out.add(KINDS[i]);
            }
        }
        if (!out.contains(KINDS[3]) && !out.contains(KINDS[8])) {
            LOG.warn("YOLO_PROFILING_CUPTI_KINDS without runtime or driver: CUPTI then emits no external correlation"
                    + " records, so no kernel or copy is attributed to its range (measured on an H100: 0 of 24,800 kernels)");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public synchronized void collect(boolean on) {
        if (on == collecting || active != this) {
            return;
        }
        try {
            for (int kind : enabledKinds()) {
                if (on) {
                    ok(cuptiActivityEnable(kind), "cuptiActivityEnable(" + kind + ")");
                } else {
                    cuptiActivityDisable(kind);
                }
            }
            collecting = on;
        } catch (Throwable t) {
            LOG.warn("CUPTI could not switch collection {}: {}", on ? "on" : "off", t.toString());
        }
    }

    @Override
    public void flush() {
        try {
            ok(cuptiActivityFlushAll(CUPTI_ACTIVITY_FLAG_FLUSH_FORCED), "cuptiActivityFlushAll");
        } catch (Throwable t) {
            LOG.warn("CUPTI flush failed: {}", t.toString());
        }
        awaitParsed(10_000); // the records of every completed buffer are in the sink when flush returns
    }

    @Override
    public synchronized void stop() {
        try {
            for (int kind : enabledKinds()) {
                cuptiActivityDisable(kind);
            }
            collecting = false;
            flush();
        } catch (Throwable t) {
            LOG.warn("CUPTI stop failed: {}", t.toString());
        } finally {
            if (active == this) {
                active = null;
            }
            parsing.shutdown();
            for (BytePointer b; (b = free.poll()) != null; ) {
                buffers.remove(b.address());
                b.close();
            }
        }
    }

    @Override
    public long timestampNs() {
        long[] t = new long[1];
        return cuptiGetTimestamp(t) == 0 ? t[0] : System.nanoTime();
    }

    @Override
    public void pushCorrelation(long id) {
        cuptiActivityPushExternalCorrelationId(CUPTI_EXTERNAL_CORRELATION_KIND_UNKNOWN, id);
    }

    @Override
    public void popCorrelation() {
        cuptiActivityPopExternalCorrelationId(CUPTI_EXTERNAL_CORRELATION_KIND_UNKNOWN, (long[]) null);
    }

    @Override
    public List<DeviceProperties> devices() {
        return devices;
    }

    private static List<DeviceProperties> queryDevices() {
        List<DeviceProperties> out = new ArrayList<>();
        try (IntPointer n = new IntPointer(1)) {
            if (cudaGetDeviceCount(n) != 0) {
                return out;
            }
            for (int d = 0; d < n.get(); d++) {
                try (cudaDeviceProp p = new cudaDeviceProp()) {
                    if (cudaGetDeviceProperties(p, d) != 0) {
                        continue;
                    }
                    double bw = 2.0 * p.memoryClockRate() * 1e3 * (p.memoryBusWidth() / 8.0);
                    // cudaDeviceProp has no PCIe generation: Hopper and later ship PCIe 5, Ampere 4.
                    int gen = p.major() >= 9 ? 5 : p.major() == 8 ? 4 : 3;
                    out.add(new DeviceProperties(d, p.name().getString().trim(), p.major(), p.minor(),
                            p.multiProcessorCount(), p.maxThreadsPerMultiProcessor(), p.maxBlocksPerMultiProcessor(),
                            p.regsPerMultiprocessor(), (int) p.sharedMemPerMultiprocessor(),
                            p.maxThreadsPerMultiProcessor() / 32, bw, gen, 16));
                }
            }
        }
        return out;
    }

    private static boolean ok(int status, String call) {
        if (status == 0) {
            return true;
        }
        String text = "CUPTI error " + status;
        try (PointerPointer<BytePointer> s = new PointerPointer<>(1)) {
            if (cuptiGetResultString(status, s) == 0 && s.get(0) != null) {
                text = s.getString(0);
            }
        } catch (Throwable ignored) {
            // keep the number
        }
        LOG.warn("{} failed: {}", call, text);
        return false;
    }

    /** @return a recycled or new buffer, or null when {@link #MAX_BUFFERS} are all in use */
    BytePointer takeBuffer() {
        BytePointer b = free.poll();
        if (b == null) {
            if (buffers.size() >= MAX_BUFFERS) {
                return null;
            }
            b = new BytePointer(BUFFER_BYTES + ALIGN);
            buffers.put(b.address(), b);
        }
        return b;
    }

    void complete(CUctx_st ctx, int streamId, BytePointer buffer, long validSize) {
        BytePointer owned = buffers.get(buffer.address());
        ActivitySink out = sink;
        try (SizeTPointer n = new SizeTPointer(1)) { // CUPTI's count needs its context: read it here
            if (out != null && cuptiActivityGetNumDroppedRecords(ctx, streamId, n) == 0 && n.get() > 0) {
                out.dropped(n.get());
            }
        } catch (Throwable t) {
            LOG.debug("CUPTI dropped-record count failed: {}", t.toString());
        }
        if (validSize <= 0 || out == null) {
            recycle(owned);
            return;
        }
        pending.incrementAndGet();
        Runnable parse = () -> {
            try {
                parser.parse(buffer, validSize, out);
            } catch (Throwable t) {
                LOG.warn("CUPTI buffer parse failed: {}", t.toString());
            } finally {
                recycle(owned);
                if (pending.decrementAndGet() == 0) {
                    synchronized (pending) {
                        pending.notifyAll();
                    }
                }
            }
        };
        try {
            parsing.execute(parse);
        } catch (java.util.concurrent.RejectedExecutionException e) { // stopping: parse here
            parse.run();
        }
    }

    private void recycle(BytePointer owned) {
        if (owned != null) {
            free.offer(owned);
        }
    }

    /** Waits until every buffer handed to the parsing thread is parsed, {@code millis} at most. */
    private void awaitParsed(long millis) {
        long end = System.currentTimeMillis() + millis;
        synchronized (pending) {
            for (long left = millis; pending.get() > 0 && left > 0; left = end - System.currentTimeMillis()) {
                try {
                    pending.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (pending.get() > 0) {
            LOG.warn("CUPTI: {} buffers still being parsed after {} ms; the capture may miss their records", pending.get(),
                    millis);
        }
    }

    /** Hands CUPTI an 8-byte-aligned, recycled buffer. */
    private static final class RequestCallback extends CUpti_BuffersCallbackRequestFunc {
        @Override
        public void call(PointerPointer buffer, SizeTPointer size, SizeTPointer maxNumRecords) {
            CuptiActivitySource src = active;
            BytePointer b = src == null ? null : src.takeBuffer();
            if (b == null) { // not collecting, or every buffer in use: CUPTI drops (and counts) what it cannot store
                size.put(0L);
                buffer.put(0, (org.bytedeco.javacpp.Pointer) null);
                return;
            }
            long misalign = b.address() % ALIGN;
            buffer.put(0, misalign == 0 ? b : new BytePointer(b).position(ALIGN - misalign));
            size.put(BUFFER_BYTES);
            maxNumRecords.put(0L);
        }
    }

    /** Parses a completed buffer on CUPTI's thread and recycles it. */
    private static final class CompleteCallback extends CUpti_BuffersCallbackCompleteFunc {
        @Override
        public void call(CUctx_st ctx, int streamId, BytePointer buffer, long size, long validSize) {
            CuptiActivitySource src = active;
            if (src != null) {
                src.complete(ctx, streamId, buffer, validSize);
            }
        }
    }
}
