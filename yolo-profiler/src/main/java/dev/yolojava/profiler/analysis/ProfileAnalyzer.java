package dev.yolojava.profiler.analysis;

import dev.yolojava.profiler.model.ApiRecord;
import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.MarkerRecord;
import dev.yolojava.profiler.model.MemcpyRecord;
import dev.yolojava.profiler.model.MemsetRecord;
import dev.yolojava.profiler.model.OverheadRecord;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.model.RangeEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes a {@link ProfileSummary} from a capture. Pure Java, deterministic. */
public final class ProfileAnalyzer {
    /** Copies at least this large (average) are judged by bandwidth. */
    static final double LARGE_COPY_BYTES = 1 << 20;
    /** Copies smaller than this (average) are judged by latency. */
    static final double SMALL_COPY_BYTES = 256 << 10;
    /** A small copy slower than this is worth a finding. */
    static final double SMALL_COPY_SLOW_US = 25;
    /** A kernel shorter than this, on average, marks a launch-bound range. */
    static final double SMALL_KERNEL_US = 10;

    private ProfileAnalyzer() {
    }

    /**
     * @param d a capture
     * @return the figures of {@code d}
     */
    public static ProfileSummary analyze(ProfileData d) {
        DeviceProperties dev = d.devices().isEmpty() ? null : d.devices().get(0);
        Map<Long, Long> externalOf = d.rangeIdsByCorrelation();
        Map<Long, RangeEvent> rangeById = d.rangesById();

        // per-range attribution: a kernel counts for its range and every enclosing one
        Map<Long, double[]> perRange = new HashMap<>(); // id -> {kernels, kernelNs, memcpyBytes}
        for (KernelRecord k : d.kernels()) {
            attribute(externalOf.get(k.correlationId()), rangeById, perRange, 1, k.durationNs(), 0);
        }
        for (MemcpyRecord m : d.memcpys()) {
            attribute(externalOf.get(m.correlationId()), rangeById, perRange, 0, 0, m.bytes());
        }

        double kernelTotalNs = d.kernels().stream().mapToLong(KernelRecord::durationNs).sum();
        List<ProfileSummary.KernelStats> kernels = kernelStats(d.kernels(), kernelTotalNs, dev);
        double tcNs = 0;
        for (KernelRecord k : d.kernels()) {
            if (TensorCoreHeuristic.looksLikeTensorCore(k.name())) {
                tcNs += k.durationNs();
            }
        }
        List<long[]> windows = kernelWindows(d);
        List<ProfileSummary.RangeStats> ranges = rangeStats(d.ranges(), perRange, windows);
        List<ProfileSummary.MemcpyStats> memcpy = memcpyStats(d.memcpys(), dev);
        List<ProfileSummary.LayerStats> layers = layerStats(d, kernelTotalNs);
        GpuTimeline tl = GpuTimeline.of(d, windows);
        List<String> findings = findings(ranges, memcpy, tl, d);
        return new ProfileSummary(d.name(), dev == null ? "none" : dev.name(), us(d.endNs() - d.startNs()),
                us(tl.busyNs()), us(tl.idleNs()), tl.largestGapsNs().stream().map(ProfileAnalyzer::us).toList(),
                d.kernels().size(), us(kernelTotalNs), kernelTotalNs == 0 ? 0 : tcNs / kernelTotalNs,
                d.droppedRecords(), us(d.overheads().stream().mapToLong(OverheadRecord::durationNs).sum()),
                kernels, memcpy, ranges, layers, findings);
    }

    private static void attribute(Long rangeId, Map<Long, RangeEvent> byId, Map<Long, double[]> acc,
                                  int kernels, long ns, long bytes) {
        int guard = 0;
        while (rangeId != null && rangeId != 0 && guard++ < 256) {
            double[] a = acc.computeIfAbsent(rangeId, x -> new double[3]);
            a[0] += kernels;
            a[1] += ns;
            a[2] += bytes;
            RangeEvent r = byId.get(rangeId);
            rangeId = r == null ? null : r.parentId();
        }
    }

    private static List<ProfileSummary.KernelStats> kernelStats(List<KernelRecord> all, double totalNs,
                                                                DeviceProperties dev) {
        Map<String, List<KernelRecord>> byName = new LinkedHashMap<>();
        all.forEach(k -> byName.computeIfAbsent(k.name(), n -> new ArrayList<>()).add(k));
        List<ProfileSummary.KernelStats> out = new ArrayList<>();
        byName.forEach((name, list) -> {
            long[] dur = Percentiles.sorted(list.stream().mapToLong(KernelRecord::durationNs).toArray());
            long sum = 0;
            for (long v : dur) {
                sum += v;
            }
            KernelRecord f = list.get(0);
            int shared = f.staticSharedBytes() + f.dynamicSharedBytes();
            double occ = dev == null ? -1 : Occupancy.theoretical(f.threadsPerBlock(), f.registersPerThread(), shared, dev);
            out.add(new ProfileSummary.KernelStats(name, list.size(), us(sum), us((double) sum / list.size()),
                    us(Percentiles.of(dur, 50)), us(Percentiles.of(dur, 99)), us(dur[dur.length - 1]),
                    totalNs == 0 ? 0 : sum / totalNs, f.gridX() + "," + f.gridY() + "," + f.gridZ(),
                    f.blockX() + "," + f.blockY() + "," + f.blockZ(), f.registersPerThread(), shared, occ,
                    TensorCoreHeuristic.looksLikeTensorCore(name)));
        });
        out.sort(Comparator.comparingDouble(ProfileSummary.KernelStats::totalUs).reversed());
        return out;
    }

    /** The spans during which CUPTI collected, when it collected in kernel windows only; empty otherwise. */
    static List<long[]> kernelWindows(ProfileData d) {
        List<long[]> out = new ArrayList<>();
        for (RangeEvent r : d.ranges()) {
            if (ProfileData.KERNEL_WINDOW_RANGE.equals(r.name())) {
                out.add(new long[]{r.startNs(), r.endNs()});
            }
        }
        return out;
    }

    private static boolean inside(List<long[]> windows, long start, long end) {
        for (long[] w : windows) {
            if (start >= w[0] && end <= w[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per range name. With kernel windows, a range's GPU figures per call are averaged over its calls inside a
     * window (outside, CUPTI saw nothing), and its GPU share is of those calls' time.
     */
    private static List<ProfileSummary.RangeStats> rangeStats(List<RangeEvent> all, Map<Long, double[]> perRange,
                                                              List<long[]> windows) {
        Map<String, List<RangeEvent>> byName = new TreeMap<>();
        all.forEach(r -> byName.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r));
        List<ProfileSummary.RangeStats> out = new ArrayList<>();
        byName.forEach((name, list) -> {
            long[] dur = Percentiles.sorted(list.stream().mapToLong(RangeEvent::durationNs).toArray());
            long sum = 0;
            for (long v : dur) {
                sum += v;
            }
            double kernels = 0, kns = 0, bytes = 0;
            long observed = 0, observedNs = 0;
            for (RangeEvent r : list) {
                if (windows.isEmpty() || inside(windows, r.startNs(), r.endNs())) {
                    observed++;
                    observedNs += r.durationNs();
                }
                double[] a = perRange.get(r.id());
                if (a != null) {
                    kernels += a[0];
                    kns += a[1];
                    bytes += a[2];
                }
            }
            int n = list.size();
            long g = Math.max(1, observed);
            out.add(new ProfileSummary.RangeStats(name, n, us(sum), us((double) sum / n), us(Percentiles.of(dur, 50)),
                    us(Percentiles.of(dur, 99)), kernels / g, us(kns / g), bytes / g, observedNs == 0 ? 0 : kns / observedNs));
        });
        out.sort(Comparator.comparingDouble(ProfileSummary.RangeStats::totalUs).reversed());
        return out;
    }

    private static List<ProfileSummary.MemcpyStats> memcpyStats(List<MemcpyRecord> all, DeviceProperties dev) {
        Map<MemcpyRecord.MemcpyKind, List<MemcpyRecord>> byKind = new TreeMap<>();
        all.forEach(m -> byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>()).add(m));
        List<ProfileSummary.MemcpyStats> out = new ArrayList<>();
        byKind.forEach((kind, list) -> {
            long bytes = 0, ns = 0, pinned = 0;
            for (MemcpyRecord m : list) {
                bytes += m.bytes();
                ns += m.durationNs();
                boolean hostPinned = switch (kind) {
                    case HTOD -> m.srcPinned();
                    case DTOH -> m.dstPinned();
                    default -> m.srcPinned() || m.dstPinned();
                };
                if (hostPinned) {
                    pinned += m.bytes();
                }
            }
            double peak = dev == null ? 0 : switch (kind) {
                case HTOD, DTOH -> dev.pciePeakGigabytesPerSecond();
                case DTOD -> dev.memoryBandwidthBytesPerSec() / 2e9; // a copy reads and writes each byte
                default -> 0;
            };
            out.add(new ProfileSummary.MemcpyStats(kind.label(), list.size(), bytes, us(ns),
                    ns == 0 ? 0 : (double) bytes / ns, peak, bytes == 0 ? 0 : (double) pinned / bytes));
        });
        return out;
    }

    /** GPU time per NVTX layer: a kernel belongs to the innermost marker its launch call lies in. */
    private static List<ProfileSummary.LayerStats> layerStats(ProfileData d, double kernelTotalNs) {
        if (d.markers().isEmpty()) {
            return List.of();
        }
        Map<Long, List<MarkerRecord>> byThread = new HashMap<>();
        for (MarkerRecord m : d.markers()) {
            if (m.endNs() > m.startNs()) {
                byThread.computeIfAbsent(m.threadId(), t -> new ArrayList<>()).add(m);
            }
        }
        byThread.values().forEach(l -> l.sort(Comparator.comparingLong(MarkerRecord::startNs)));
        Map<Long, MarkerRecord> layerOfCorrelation = new HashMap<>();
        for (ApiRecord a : d.apiCalls()) {
            List<MarkerRecord> l = byThread.get(a.threadId());
            MarkerRecord m = l == null ? null : innermost(l, a.startNs());
            if (m != null) {
                layerOfCorrelation.put(a.correlationId(), m);
            }
        }
        Map<String, long[]> acc = new LinkedHashMap<>(); // name -> {ns, kernels}
        Map<String, java.util.Set<Long>> runs = new HashMap<>();
        for (KernelRecord k : d.kernels()) {
            MarkerRecord m = layerOfCorrelation.get(k.correlationId());
            if (m != null) {
                long[] a = acc.computeIfAbsent(m.name(), n -> new long[2]);
                a[0] += k.durationNs();
                a[1]++;
                runs.computeIfAbsent(m.name(), n -> new java.util.HashSet<>()).add(m.startNs());
            }
        }
        List<ProfileSummary.LayerStats> out = new ArrayList<>();
        acc.forEach((name, a) -> out.add(new ProfileSummary.LayerStats(name, runs.get(name).size(), us(a[0]), a[1],
                kernelTotalNs == 0 ? 0 : a[0] / kernelTotalNs)));
        out.sort(Comparator.comparingDouble(ProfileSummary.LayerStats::gpuUs).reversed());
        return out;
    }

    /** The marker starting last at or before {@code t} that still contains it (markers sorted by start). */
    static MarkerRecord innermost(List<MarkerRecord> sorted, long t) {
        int lo = 0, hi = sorted.size() - 1, idx = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).startNs() <= t) {
                idx = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = idx; i >= 0 && idx - i < 64; i--) {
            MarkerRecord m = sorted.get(i);
            if (m.endNs() >= t) {
                return m;
            }
        }
        return null;
    }

    private static List<String> findings(List<ProfileSummary.RangeStats> ranges, List<ProfileSummary.MemcpyStats> memcpy,
                                         GpuTimeline tl, ProfileData d) {
        List<String> f = new ArrayList<>();
        long fromGraphs = d.kernels().stream().filter(KernelRecord::graphLaunched).count();
        boolean graphs = !d.kernels().isEmpty() && fromGraphs * 2 > d.kernels().size();
        // one finding per cause: nested ranges share their kernels, so only the innermost (shortest) range
        // with a given kernel count is reported, naming the ranges around it
        List<ProfileSummary.RangeStats> launchBound = new ArrayList<>(ranges.stream()
                .filter(r -> r.kernelsPerCall() >= 50 && r.kernelUsPerCall() / r.kernelsPerCall() < SMALL_KERNEL_US).toList());
        launchBound.sort(java.util.Comparator.comparingDouble(ProfileSummary.RangeStats::avgUs));
        List<ProfileSummary.RangeStats> reported = new ArrayList<>();
        Map<String, List<String>> around = new java.util.HashMap<>();
        for (ProfileSummary.RangeStats r : launchBound) {
            ProfileSummary.RangeStats same = reported.stream()
                    .filter(x -> Math.abs(x.kernelsPerCall() - r.kernelsPerCall()) <= 0.1 * x.kernelsPerCall())
                    .findFirst().orElse(null);
            if (same != null) {
                around.computeIfAbsent(same.name(), n -> new ArrayList<>()).add(r.name());
            } else {
                reported.add(r);
            }
        }
        for (ProfileSummary.RangeStats r : reported) {
            List<String> outer = around.getOrDefault(r.name(), List.of());
            f.add(String.format(java.util.Locale.ROOT, "launch-bound: range '%s' launches %.0f kernels per call averaging"
                            + " %.1f us (%.0f us of kernels in a %.0f us call)%s; %s", r.name(), r.kernelsPerCall(),
                    r.kernelUsPerCall() / r.kernelsPerCall(), r.kernelUsPerCall(), r.avgUs(),
                    outer.isEmpty() ? "" : "; the same kernels run inside " + String.join(", ", outer.stream()
                            .map(n -> "'" + n + "'").toList()),
                    graphs ? "they already replay from a CUDA graph, so larger batches or fused layers are what is left"
                            : "next: CUDA graphs (tensorrt.cudaGraph) or fused layers to cut launch overhead"));
        }
        for (ProfileSummary.MemcpyStats m : memcpy) {
            if (m.pinnedShare() < 0.99 && (m.kind().equals("H2D") || m.kind().equals("D2H"))) {
                f.add(String.format(java.util.Locale.ROOT, "%s copies are %.0f%% pageable: pinned host buffers copy faster"
                        + " and can overlap", m.kind(), 100 * (1 - m.pinnedShare())));
            }
            double avgBytes = m.count() == 0 ? 0 : (double) m.bytes() / m.count();
            double avgUs = m.count() == 0 ? 0 : m.totalUs() / m.count();
            if (avgBytes >= LARGE_COPY_BYTES && m.peakGbPerSec() > 0 && m.gbPerSec() < 0.5 * m.peakGbPerSec()) {
                // large copies are judged by bandwidth
                f.add(String.format(java.util.Locale.ROOT, "%s copies (%.1f MB each) run at %.1f GB/s, under half the"
                                + " link's %.1f GB/s peak; next: pinned buffers, or fewer, larger copies",
                        m.kind(), avgBytes / 1e6, m.gbPerSec(), m.peakGbPerSec()));
            } else if (avgBytes < SMALL_COPY_BYTES && avgUs > SMALL_COPY_SLOW_US) {
                // small copies never reach the link's bandwidth: they are judged by latency
                f.add(String.format(java.util.Locale.ROOT, "%s copies of %.1f KB take %.1f us each, where a small copy"
                                + " takes under %.0f us; next: look for pageable memory or synchronous copies",
                        m.kind(), avgBytes / 1e3, avgUs, SMALL_COPY_SLOW_US));
            }
        }
        double span = tl.busyNs() + tl.idleNs();
        if (span > 0 && tl.idleNs() / span > 0.3) {
            f.add(String.format(java.util.Locale.ROOT, "GPU idle %.0f%% of the time between its first and last record"
                    + " (largest gap %.0f us): the host feeds it too slowly; next: a FramePipeline (frame N+1 uploads while"
                    + " N computes), many images per call (detectBatch/detectEncoded run a list two deep: the next batch is"
                    + " decoded and queued while one computes), larger batches, or find the CPU range inside the gaps in"
                    + " the trace",
                    100 * tl.idleNs() / span, us(tl.largestGapsNs().isEmpty() ? 0 : tl.largestGapsNs().get(0))));
        }
        throttling(d.deviceSamples()).ifPresent(f::add);
        if (d.droppedRecords() > 0) {
            f.add(d.droppedRecords() + " records were dropped: figures undercount; next: a shorter capture window"
                    + " (YOLO_PROFILING_SCHEDULE) or fewer CUPTI kinds (YOLO_PROFILING_CUPTI_KINDS)");
        }
        if (!d.gpuActivity()) {
            f.add("no GPU activity was collected (CUPTI not available): CPU ranges only");
        }
        return f;
    }

    /**
     * One finding for the GPUs that NVML saw slowed down (power cap, thermal or hardware slowdown) during the
     * capture: each device, its reasons and its lowest SM clock against its maximum.
     */
    static java.util.Optional<String> throttling(List<dev.yolojava.profiler.model.DeviceSample> samples) {
        Map<Integer, java.util.Set<String>> why = new TreeMap<>();
        Map<Integer, int[]> clocks = new TreeMap<>(); // device -> {lowest SM clock while throttled, max, hottest}
        for (dev.yolojava.profiler.model.DeviceSample x : samples) {
            List<String> t = x.throttling();
            if (t.isEmpty()) {
                continue;
            }
            why.computeIfAbsent(x.device(), k -> new java.util.TreeSet<>()).addAll(t);
            int[] c = clocks.computeIfAbsent(x.device(), k -> new int[]{Integer.MAX_VALUE, x.maxSmClockMhz(), -1});
            c[0] = Math.min(c[0], x.smClockMhz());
            c[2] = Math.max(c[2], x.temperatureC());
        }
        if (why.isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder b = new StringBuilder("GPU clocks held down during the capture (NVML): ");
        why.forEach((dev, reasons) -> {
            int[] c = clocks.get(dev);
            b.append(String.format(java.util.Locale.ROOT, "GPU %d %s, SM clock down to %d of %d MHz at up to %d C; ", dev,
                    String.join("+", reasons), c[0], c[1], c[2]));
        });
        b.append("next: compare with an unthrottled run before trusting timings; for power caps check the limit"
                + " (nvidia-smi -q -d POWER), for thermal ones the cooling and the other work on that GPU");
        return java.util.Optional.of(b.toString());
    }

    static double us(double ns) {
        return ns / 1000.0;
    }

    /**
     * Busy and idle time of the GPU from its records (all devices and streams merged); with kernel windows,
     * only gaps inside one window count as idle (between windows CUPTI saw nothing).
     */
    record GpuTimeline(long busyNs, long idleNs, List<Double> largestGapsNs) {
        static GpuTimeline of(ProfileData d) {
            return of(d, kernelWindows(d));
        }

        static GpuTimeline of(ProfileData d, List<long[]> windows) {
            List<long[]> iv = new ArrayList<>();
            d.kernels().forEach(k -> iv.add(new long[]{k.startNs(), k.endNs()}));
            d.memcpys().forEach(m -> iv.add(new long[]{m.startNs(), m.endNs()}));
            for (MemsetRecord m : d.memsets()) {
                iv.add(new long[]{m.startNs(), m.endNs()});
            }
            if (iv.isEmpty()) {
                return new GpuTimeline(0, 0, List.of());
            }
            iv.sort(Comparator.comparingLong(a -> a[0]));
            long busy = 0, curS = iv.get(0)[0], curE = iv.get(0)[1];
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < iv.size(); i++) {
                long[] a = iv.get(i);
                if (a[0] > curE) {
                    busy += curE - curS;
                    if (windows.isEmpty() || inside(windows, curE, a[0])) {
                        gaps.add(a[0] - curE);
                    }
                    curS = a[0];
                    curE = a[1];
                } else {
                    curE = Math.max(curE, a[1]);
                }
            }
            busy += curE - curS;
            long idle = gaps.stream().mapToLong(Long::longValue).sum();
            gaps.sort(Comparator.reverseOrder());
            return new GpuTimeline(busy, idle, gaps.stream().limit(10).map(Long::doubleValue).toList());
        }
    }
}
