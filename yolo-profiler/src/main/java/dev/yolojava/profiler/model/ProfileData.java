package dev.yolojava.profiler.model;

import java.util.List;

/**
 * Everything one capture recorded, handed to each {@link dev.yolojava.profiler.TraceExporter}.
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
                          boolean gpuActivity) {

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
    }
}
