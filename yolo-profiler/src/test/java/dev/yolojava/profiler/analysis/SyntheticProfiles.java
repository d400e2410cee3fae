package dev.yolojava.profiler.analysis;

import dev.yolojava.profiler.model.ApiRecord;
import dev.yolojava.profiler.model.CorrelationRecord;
import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.MarkerRecord;
import dev.yolojava.profiler.model.MemcpyRecord;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.model.RangeEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hand-built capture of {@code calls} inferences, 1 ms apart, each: range "inference" (id i+1),
 * a 4,915,200-byte pinned H2D copy taking 100 us, {@code kernelsPerCall} kernels of 5 us inside
 * TensorRT layer markers "conv1" (first half) and "head" (second half), launched 1 us apart, and
 * a 336,000-byte D2H copy taking 10 us. Every figure the analyzer reports follows from this.
 */
public final class SyntheticProfiles {
    public static final long H2D_BYTES = 4_915_200;
    public static final long D2H_BYTES = 336_000;

    public static ProfileData inference(int calls, int kernelsPerCall, String kernelName) {
        List<RangeEvent> ranges = new ArrayList<>();
        List<KernelRecord> kernels = new ArrayList<>();
        List<MemcpyRecord> copies = new ArrayList<>();
        List<CorrelationRecord> corr = new ArrayList<>();
        List<ApiRecord> api = new ArrayList<>();
        List<MarkerRecord> markers = new ArrayList<>();
        long c = 1;
        for (int i = 0; i < calls; i++) {
            long t = 1_000_000L * i;
            long id = i + 1;
            ranges.add(new RangeEvent(id, 0, "inference", null, 1, "main", t, t + 900_000, 0, Map.of("batch", 1L)));
            corr.add(new CorrelationRecord(c, id));
            copies.add(new MemcpyRecord(MemcpyRecord.MemcpyKind.HTOD, H2D_BYTES, true, false, "pinned", "device",
                    t + 10_000, t + 110_000, 0, 7, c++));
            long k0 = t + 120_000;
            markers.add(new MarkerRecord("conv1", "TensorRT", k0 - 500, k0 + (kernelsPerCall / 2) * 1_000L - 600, 42));
            markers.add(new MarkerRecord("head", "TensorRT", k0 + (kernelsPerCall / 2) * 1_000L - 500,
                    k0 + kernelsPerCall * 1_000L, 42));
            for (int k = 0; k < kernelsPerCall; k++) {
                long launch = k0 + k * 1_000L;
                corr.add(new CorrelationRecord(c, id));
                api.add(new ApiRecord("cudaLaunchKernel", launch, launch + 300, 42, c));
                kernels.add(new KernelRecord(kernelName, launch + 2_000, launch + 7_000, 0, 7, c++, 40, 1, 1, 256, 1, 1,
                        128, 0, 0, false));
            }
            corr.add(new CorrelationRecord(c, id));
            long d0 = k0 + kernelsPerCall * 1_000L + 10_000;
            copies.add(new MemcpyRecord(MemcpyRecord.MemcpyKind.DTOH, D2H_BYTES, false, true, "device", "pinned",
                    d0, d0 + 10_000, 0, 7, c++));
        }
        return new ProfileData("synthetic", 0, 1_000_000L * calls, ranges, List.of(), kernels, copies, List.of(), api,
                List.of(), markers, corr, List.of(new dev.yolojava.profiler.model.OverheadRecord("cupti-buffer-flush", 5_000, 12_000)),
                List.of(DeviceProperties.h100()), 0, true);
    }

    private SyntheticProfiles() {
    }
}
