package dev.yolojava.profiler.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.yolojava.profiler.analysis.Occupancy;
import dev.yolojava.profiler.analysis.TensorCoreHeuristic;
import dev.yolojava.profiler.model.ApiRecord;
import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.MarkEvent;
import dev.yolojava.profiler.model.MarkerRecord;
import dev.yolojava.profiler.model.MemcpyRecord;
import dev.yolojava.profiler.model.MemsetRecord;
import dev.yolojava.profiler.model.OverheadRecord;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.model.RangeEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code trace.json} in the Chrome trace event format, which Perfetto (ui.perfetto.dev) and
 * chrome://tracing load: process 1 holds the Java threads and their ranges, process 2 the CUDA
 * API calls per OS thread, and one process per GPU holds a track per stream with kernels, copies
 * and memsets. A flow arrow leads from each CUDA launch (or from the range, without API records)
 * to the GPU work it started, and the GPU work carries the id and name of its range.
 */
public final class ChromeTraceExporter implements TraceExporter {
    static final int PID_CPU = 1;
    static final int PID_API = 2;
    static final int PID_GPU_BASE = 100;
    /** Counter tracks of each GPU's NVML state (clocks, power, temperature, utilization). */
    static final int PID_DEVICE_BASE = 200;
    static final int PID_NVTX = 3;
    static final int PID_OVERHEAD = 4;

    @Override
    public String name() {
        return "chrome";
    }

    @Override
    public ExportResult export(ProfileData d, Path dir) {
        return attempt(() -> write(d, dir));
    }

    private void write(ProfileData d, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (JsonGenerator g = new JsonFactory().createGenerator(dir.resolve("trace.json").toFile(), JsonEncoding.UTF8)) {
            write(d, g);
        }
    }

    /**
     * Writes the trace of {@code d} to {@code g}.
     *
     * @param d the capture
     * @param g where the JSON goes
     * @throws IOException when writing fails
     */
    public void write(ProfileData d, JsonGenerator g) throws IOException {
        long t0 = d.startNs();
        Map<Long, Long> externalOf = d.rangeIdsByCorrelation();
        Map<Long, RangeEvent> ranges = d.rangesById();
        Map<Long, ApiRecord> apiByCorrelation = new HashMap<>();
        d.apiCalls().forEach(a -> apiByCorrelation.put(a.correlationId(), a));
        DeviceProperties dev = d.devices().isEmpty() ? null : d.devices().get(0);

        g.writeStartObject();
        g.writeStringField("displayTimeUnit", "ms");
        g.writeObjectFieldStart("otherData");
        g.writeStringField("capture", d.name());
        g.writeNumberField("droppedRecords", d.droppedRecords());
        g.writeBooleanField("gpuActivity", d.gpuActivity());
        g.writeEndObject();
        g.writeArrayFieldStart("traceEvents");

        meta(g, "process_name", PID_CPU, 0, "CPU (Java threads)");
        meta(g, "process_sort_index", PID_CPU, 0, null);
        Set<Long> threads = new TreeSet<>();
        for (RangeEvent r : d.ranges()) {
            if (threads.add(r.threadId())) {
                meta(g, "thread_name", PID_CPU, r.threadId(), r.threadName());
            }
            g.writeStartObject();
            common(g, "X", r.name(), r.category() == null ? "range" : r.category(), PID_CPU, r.threadId(), r.startNs() - t0);
            g.writeNumberField("dur", (r.endNs() - r.startNs()) / 1000.0);
            g.writeObjectFieldStart("args");
            g.writeNumberField("rangeId", r.id());
            g.writeNumberField("parentId", r.parentId());
            for (Map.Entry<String, Object> a : r.attributes().entrySet()) {
                g.writeObjectField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        for (MarkEvent m : d.marks()) {
            g.writeStartObject();
            common(g, "i", m.name(), "mark", PID_CPU, m.threadId(), m.timeNs() - t0);
            g.writeStringField("s", "t");
            g.writeEndObject();
        }
        if (!d.apiCalls().isEmpty()) {
            meta(g, "process_name", PID_API, 0, "CUDA API (OS threads)");
        }
        for (ApiRecord a : d.apiCalls()) {
            g.writeStartObject();
            common(g, "X", a.name(), "cuda_api", PID_API, a.threadId(), a.startNs() - t0);
            g.writeNumberField("dur", (a.endNs() - a.startNs()) / 1000.0);
            g.writeObjectFieldStart("args");
            g.writeNumberField("correlationId", a.correlationId());
            g.writeEndObject();
            g.writeEndObject();
        }
        if (!d.markers().isEmpty()) {
            meta(g, "process_name", PID_NVTX, 0, "NVTX (TensorRT layers and other markers)");
        }
        for (MarkerRecord m : d.markers()) {
            g.writeStartObject();
            common(g, "X", m.name(), m.domain().isEmpty() ? "nvtx" : m.domain(), PID_NVTX, m.threadId(), m.startNs() - t0);
            g.writeNumberField("dur", Math.max(0, m.endNs() - m.startNs()) / 1000.0);
            g.writeEndObject();
        }
        if (!d.overheads().isEmpty()) {
            meta(g, "process_name", PID_OVERHEAD, 0, "CUPTI overhead");
        }
        for (OverheadRecord o : d.overheads()) {
            g.writeStartObject();
            common(g, "X", o.kind(), "overhead", PID_OVERHEAD, 0, o.startNs() - t0);
            g.writeNumberField("dur", Math.max(0, o.durationNs()) / 1000.0);
            g.writeEndObject();
        }
        Set<Integer> devices = new TreeSet<>();
        Set<Long> streams = new TreeSet<>();
        for (KernelRecord k : d.kernels()) {
            int pid = gpuTrack(g, devices, streams, k.deviceId(), k.streamId(), dev);
            g.writeStartObject();
            common(g, "X", k.name(), "kernel", pid, k.streamId(), k.startNs() - t0);
            g.writeNumberField("dur", k.durationNs() / 1000.0);
            g.writeObjectFieldStart("args");
            g.writeStringField("grid", k.gridX() + "," + k.gridY() + "," + k.gridZ());
            g.writeStringField("block", k.blockX() + "," + k.blockY() + "," + k.blockZ());
            g.writeNumberField("registersPerThread", k.registersPerThread());
            g.writeNumberField("sharedBytes", k.staticSharedBytes() + k.dynamicSharedBytes());
            if (dev != null) {
                g.writeNumberField("theoreticalOccupancy", Math.round(1000 * Occupancy.theoretical(k.threadsPerBlock(),
                        k.registersPerThread(), k.staticSharedBytes() + k.dynamicSharedBytes(), dev)) / 1000.0);
            }
            g.writeBooleanField("tensorCore", TensorCoreHeuristic.looksLikeTensorCore(k.name()));
            rangeArgs(g, k.correlationId(), externalOf, ranges);
            g.writeEndObject();
            g.writeEndObject();
            flow(g, k.correlationId(), k.startNs() - t0, pid, k.streamId(), externalOf, ranges, apiByCorrelation, t0);
        }
        for (MemcpyRecord m : d.memcpys()) {
            int pid = gpuTrack(g, devices, streams, m.deviceId(), m.streamId(), dev);
            g.writeStartObject();
            common(g, "X", "Memcpy " + m.kind().label() + " (" + (m.srcPinned() || m.dstPinned() ? "pinned" : "pageable") + ")",
                    "memcpy", pid, m.streamId(), m.startNs() - t0);
            g.writeNumberField("dur", m.durationNs() / 1000.0);
            g.writeObjectFieldStart("args");
            g.writeNumberField("bytes", m.bytes());
            g.writeNumberField("GBps", Math.round(m.gigabytesPerSecond() * 100) / 100.0);
            g.writeStringField("src", m.srcKind());
            g.writeStringField("dst", m.dstKind());
            rangeArgs(g, m.correlationId(), externalOf, ranges);
            g.writeEndObject();
            g.writeEndObject();
            flow(g, m.correlationId(), m.startNs() - t0, pid, m.streamId(), externalOf, ranges, apiByCorrelation, t0);
        }
        for (MemsetRecord m : d.memsets()) {
            int pid = gpuTrack(g, devices, streams, m.deviceId(), m.streamId(), dev);
            g.writeStartObject();
            common(g, "X", "Memset", "memset", pid, m.streamId(), m.startNs() - t0);
            g.writeNumberField("dur", (m.endNs() - m.startNs()) / 1000.0);
            g.writeObjectFieldStart("args");
            g.writeNumberField("bytes", m.bytes());
            g.writeEndObject();
            g.writeEndObject();
        }
        deviceCounters(g, d, t0);
        g.writeEndArray();
        g.writeEndObject();
    }

    /** NVML samples as counter tracks per GPU: SM clock, power, temperature, utilization. */
    private static void deviceCounters(JsonGenerator g, ProfileData d, long t0) throws IOException {
        Set<Integer> named = new TreeSet<>();
        for (dev.yolojava.profiler.model.DeviceSample x : d.deviceSamples()) {
            int pid = PID_DEVICE_BASE + x.device();
            if (named.add(x.device())) {
                meta(g, "process_name", pid, 0, "GPU " + x.device() + " state (NVML)");
            }
            counter(g, pid, "SM clock MHz", x.timestampNs() - t0, "MHz", x.smClockMhz());
            counter(g, pid, "power W", x.timestampNs() - t0, "W", x.powerWatts());
            counter(g, pid, "temperature C", x.timestampNs() - t0, "C", x.temperatureC());
            counter(g, pid, "utilization %", x.timestampNs() - t0, "gpu", x.gpuUtilizationPercent());
            if (!x.throttling().isEmpty()) {
                g.writeStartObject();
                common(g, "i", "throttled: " + String.join(",", x.throttling()), "nvml", pid, 0, x.timestampNs() - t0);
                g.writeStringField("s", "p");
                g.writeEndObject();
            }
        }
    }

    private static void counter(JsonGenerator g, int pid, String name, long tsNs, String key, double value)
            throws IOException {
        g.writeStartObject();
        common(g, "C", name, "nvml", pid, 0, tsNs);
        g.writeObjectFieldStart("args");
        g.writeNumberField(key, value);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static int gpuTrack(JsonGenerator g, Set<Integer> devices, Set<Long> streams, int device, int stream,
                                DeviceProperties dev) throws IOException {
        int pid = PID_GPU_BASE + device;
        if (devices.add(device)) {
            meta(g, "process_name", pid, 0, "GPU " + device + (dev != null && dev.id() == device ? " " + dev.name() : ""));
        }
        if (streams.add(((long) device << 32) | (stream & 0xffffffffL))) {
            meta(g, "thread_name", pid, stream, "stream " + stream);
        }
        return pid;
    }

    private static void rangeArgs(JsonGenerator g, long correlationId, Map<Long, Long> externalOf,
                                  Map<Long, RangeEvent> ranges) throws IOException {
        g.writeNumberField("correlationId", correlationId);
        Long ext = externalOf.get(correlationId);
        if (ext != null) {
            g.writeNumberField("rangeId", ext);
            RangeEvent r = ranges.get(ext);
            if (r != null) {
                g.writeStringField("range", r.name());
            }
        }
    }

    /** A flow from the launching API call (or the range) to the GPU record. */
    private static void flow(JsonGenerator g, long correlationId, long gpuTs, int pid, int tid, Map<Long, Long> externalOf,
                             Map<Long, RangeEvent> ranges, Map<Long, ApiRecord> apis, long t0) throws IOException {
        ApiRecord api = apis.get(correlationId);
        Long ext = externalOf.get(correlationId);
        RangeEvent r = ext == null ? null : ranges.get(ext);
        int srcPid;
        long srcTid, srcTs;
        if (api != null) {
            srcPid = PID_API;
            srcTid = api.threadId();
            srcTs = api.startNs() - t0;
        } else if (r != null) {
            srcPid = PID_CPU;
            srcTid = r.threadId();
            srcTs = r.startNs() - t0;
        } else {
            return;
        }
        g.writeStartObject();
        common(g, "s", "launch", "flow", srcPid, srcTid, srcTs);
        g.writeNumberField("id", correlationId);
        g.writeEndObject();
        g.writeStartObject();
        common(g, "f", "launch", "flow", pid, tid, gpuTs);
        g.writeNumberField("id", correlationId);
        g.writeStringField("bp", "e");
        g.writeEndObject();
    }

    private static void common(JsonGenerator g, String ph, String name, String cat, int pid, long tid, long tsNs)
            throws IOException {
        g.writeStringField("ph", ph);
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeNumberField("ts", tsNs / 1000.0);
    }

    private static void meta(JsonGenerator g, String what, int pid, long tid, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", what);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (name != null) {
            g.writeStringField("name", name);
        } else {
            g.writeNumberField("sort_index", pid);
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
