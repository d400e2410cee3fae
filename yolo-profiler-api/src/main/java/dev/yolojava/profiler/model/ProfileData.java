package dev.yolojava.profiler.model;

import java.util.List;

/**
 * Everything one capture recorded: what {@link dev.yolojava.profiler.Profiler#stop()} returns and the exporters of the
 * implementation ({@code yolo-profiler}) write.
 *
 * @param name          capture name (also the output sub-folder)
 * @param startNs       capture start
 * @param endNs         capture end
 * @param ranges        closed ranges
 * @param marks         instant marks
 * @param kernels       kernels
 * @param memcpys       copies
 * @param memsets       memsets
 * @param apiCalls      CUDA API calls
 * @param syncs         synchronizations
 * @param markers       NVTX ranges seen by CUPTI (TensorRT layers among them)
 * @param correlations  CUPTI correlation id to range id
 * @param overheads     CUPTI and driver overhead while collecting
 * @param devices       the GPUs seen
 * @param droppedRecords records lost (CUPTI buffers full, or past maxEvents)
 * @param gpuActivity   whether CUPTI was collecting
 */
public record ProfileData(String name, long startNs, long endNs, List<RangeEvent> ranges, List<MarkEvent> marks,
                          List<KernelRecord> kernels, List<MemcpyRecord> memcpys, List<MemsetRecord> memsets,
                          List<ApiRecord> apiCalls, List<SyncRecord> syncs, List<MarkerRecord> markers,
                          List<CorrelationRecord> correlations, List<OverheadRecord> overheads, List<DeviceProperties> devices, long droppedRecords,
                          boolean gpuActivity, List<DeviceSample> deviceSamples) {
    /**
     * The name of the ranges that mark kernel windows (the spans during which CUPTI collected, category
     * {@code profiler}); absent when GPU activity was collected throughout.
     */
    public static final String KERNEL_WINDOW_RANGE = "profiler.kernel_window";


    /**
     * Copies the lists.
     *
     * @param name          capture name (also the output sub-folder)
     * @param startNs       capture start
     * @param endNs         capture end
     * @param ranges        closed ranges
     * @param marks         instant marks
     * @param kernels       kernels
     * @param memcpys       copies
     * @param memsets       memsets
     * @param apiCalls      CUDA API calls
     * @param syncs         synchronizations
     * @param markers       NVTX ranges seen by CUPTI (TensorRT layers among them)
     * @param correlations  CUPTI correlation id to range id
     * @param overheads     CUPTI and driver overhead while collecting
     * @param devices       the GPUs seen
     * @param droppedRecords records lost (CUPTI buffers full, or past maxEvents)
     * @param gpuActivity   whether CUPTI was collecting
     * @param deviceSamples the GPUs' clocks, power, temperature and utilization at the capture's and each kernel
     *                      window's start and end (NVML), empty where NVML is absent
     */
    public ProfileData {
        ranges = List.copyOf(ranges);
        marks = List.copyOf(marks);
        kernels = List.copyOf(kernels);
        memcpys = List.copyOf(memcpys);
        memsets = List.copyOf(memsets);
        apiCalls = List.copyOf(apiCalls);
        syncs = List.copyOf(syncs);
        markers = List.copyOf(markers);
        correlations = List.copyOf(correlations);
        overheads = List.copyOf(overheads);
        devices = List.copyOf(devices);
        deviceSamples = List.copyOf(deviceSamples);
    }

    /**
     * A capture without device samples.
     *
     * @param name          capture name
     * @param startNs       capture start
     * @param endNs         capture end
     * @param ranges        closed ranges
     * @param marks         instant marks
     * @param kernels       kernels
     * @param memcpys       copies
     * @param memsets       memsets
     * @param apiCalls      CUDA API calls
     * @param syncs         synchronizations
     * @param markers       NVTX ranges seen by CUPTI
     * @param correlations  CUPTI correlation id to range id
     * @param overheads     CUPTI and driver overhead
     * @param devices       the GPUs seen
     * @param droppedRecords records lost
     * @param gpuActivity   whether CUPTI was collecting
     */
    public ProfileData(String name, long startNs, long endNs, List<RangeEvent> ranges, List<MarkEvent> marks,
                       List<KernelRecord> kernels, List<MemcpyRecord> memcpys, List<MemsetRecord> memsets,
                       List<ApiRecord> apiCalls, List<SyncRecord> syncs, List<MarkerRecord> markers,
                       List<CorrelationRecord> correlations, List<OverheadRecord> overheads, List<DeviceProperties> devices,
                       long droppedRecords, boolean gpuActivity) {
        this(name, startNs, endNs, ranges, marks, kernels, memcpys, memsets, apiCalls, syncs, markers, correlations,
                overheads, devices, droppedRecords, gpuActivity, List.of());
    }

    /**
     * @return for each CUDA correlation id, the external id pushed with it (the profiler range the work was
     *         launched in): the one index the analysis and the trace exporter attribute GPU work by
     */
    public java.util.Map<Long, Long> rangeIdsByCorrelation() {
        java.util.Map<Long, Long> m = new java.util.HashMap<>(correlations.size() * 2);
        for (CorrelationRecord c : correlations) {
            m.put(c.correlationId(), c.externalId());
        }
        return m;
    }

    /** @return the ranges by id */
    public java.util.Map<Long, RangeEvent> rangesById() {
        java.util.Map<Long, RangeEvent> m = new java.util.HashMap<>(ranges.size() * 2);
        ranges.forEach(r -> m.put(r.id(), r));
        return m;
    }
}
