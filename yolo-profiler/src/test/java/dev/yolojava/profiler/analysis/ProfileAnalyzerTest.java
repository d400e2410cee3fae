package dev.yolojava.profiler.analysis;

import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.model.ProfileData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProfileAnalyzerTest {

    @Test
    void kernelRangeAndCopyFiguresFollowFromTheRecords() {
        ProfileData d = SyntheticProfiles.inference(10, 100, "sm90_xmma_gemm_f16f16_f16f32_f32_nhwckrsc_nhwc_tilesize128x128x64");
        ProfileSummary s = ProfileAnalyzer.analyze(d);
        assertThat(s.kernelCount()).isEqualTo(1000);
        assertThat(s.kernelTimeUs()).isCloseTo(5000, within(1e-6));
        assertThat(s.tensorCoreShare()).isEqualTo(1.0);
        assertThat(s.cuptiOverheadUs()).isCloseTo(7.0, within(1e-9));
        ProfileSummary.KernelStats k = s.kernels().get(0);
        assertThat(k.avgUs()).isCloseTo(5, within(1e-9));
        assertThat(k.p99Us()).isCloseTo(5, within(1e-9));
        // 256 threads, 128 registers: 4096 registers per warp -> 16 warps by registers -> 2 blocks of 8 warps of 64
        assertThat(k.occupancy()).isCloseTo(0.25, within(1e-9));
        assertThat(k.tensorCore()).isTrue();

        ProfileSummary.RangeStats r = s.ranges().get(0);
        assertThat(r.name()).isEqualTo("inference");
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.kernelsPerCall()).isEqualTo(100);
        assertThat(r.kernelUsPerCall()).isCloseTo(500, within(1e-6));
        assertThat(r.memcpyBytesPerCall()).isEqualTo(SyntheticProfiles.H2D_BYTES + SyntheticProfiles.D2H_BYTES);

        ProfileSummary.MemcpyStats h2d = s.memcpy().stream().filter(m -> m.kind().equals("H2D")).findFirst().orElseThrow();
        assertThat(h2d.gbPerSec()).isCloseTo(49.152, within(1e-6)); // 4,915,200 bytes in 100 us
        assertThat(h2d.pinnedShare()).isEqualTo(1.0);
        assertThat(h2d.peakGbPerSec()).isCloseTo(3.938 * 16, within(1e-9));
        assertThat(s.findings()).anyMatch(f -> f.startsWith("launch-bound") && f.contains("inference"));
    }

    @Test
    void layersGetTheKernelsLaunchedInsideTheirMarkers() {
        ProfileSummary s = ProfileAnalyzer.analyze(SyntheticProfiles.inference(4, 10, "k"));
        assertThat(s.layers()).hasSize(2);
        assertThat(s.layers()).allSatisfy(l -> {
            assertThat(l.count()).isEqualTo(4);
            assertThat(l.kernels()).isEqualTo(20);
            assertThat(l.gpuUs()).isCloseTo(100, within(1e-9));
            assertThat(l.share()).isCloseTo(0.5, within(1e-9));
        });
    }

    @Test
    void idleGapsAreTheHolesBetweenGpuRecords() {
        ProfileSummary s = ProfileAnalyzer.analyze(SyntheticProfiles.inference(2, 2, "k"));
        // per call: H2D 10..110, kernels 122..127 and 123..128 (overlap), D2H 132..142 us
        // busy = 100 + 6 + 10 = 116 us per call; gaps inside = 12 + 4 us; between calls 1010 - 142 = 868 us
        assertThat(s.gpuBusyUs()).isCloseTo(232, within(1e-6));
        assertThat(s.gpuIdleUs()).isCloseTo(16 + 868 + 16, within(1e-6));
        assertThat(s.largestGapsUs().get(0)).isCloseTo(868, within(1e-6));
        // idle 900 of 1132 us: the host feeds the GPU too slowly, and the finding says what queues work ahead
        assertThat(s.findings()).anySatisfy(f -> assertThat(f).startsWith("GPU idle 80% of the time")
                .contains("largest gap 868 us").contains("FramePipeline").contains("two deep"));
    }

    @Test
    void occupancyIsLimitedByWarpsRegistersAndSharedMemory() {
        DeviceProperties h100 = DeviceProperties.h100();
        assertThat(Occupancy.theoretical(256, 32, 0, h100)).isEqualTo(1.0);
        assertThat(Occupancy.theoretical(1024, 64, 0, h100)).isEqualTo(0.5); // 64 regs: 32 warps by registers
        assertThat(Occupancy.theoretical(128, 0, 100_000, h100)).isCloseTo(2 * 4 / 64.0, within(1e-9)); // 2 blocks by smem
        assertThat(Occupancy.theoretical(32, 0, 0, h100)).isEqualTo(0.5); // 32 blocks of 1 warp
        assertThat(Occupancy.theoretical(0, 0, 0, h100)).isZero();
    }

    @Test
    void tensorCoreKernelsAreRecognisedByName() {
        assertThat(TensorCoreHeuristic.looksLikeTensorCore("sm90_xmma_fprop_implicit_gemm_f16f16_f16f16_f16_nhwckrsc_nhwc")).isTrue();
        assertThat(TensorCoreHeuristic.looksLikeTensorCore("ampere_h16816gemm_128x128_ldg8_stages_32x5_nn")).isTrue();
        assertThat(TensorCoreHeuristic.looksLikeTensorCore("generatedNativePointwise")).isFalse();
        assertThat(TensorCoreHeuristic.looksLikeTensorCore("yolo_letterbox")).isFalse();
    }

    /** The synthetic capture with its work moved into a child range "yolo.infer" of each "inference". */
    static dev.yolojava.profiler.model.ProfileData nested(int calls, int kernels) {
        var d = SyntheticProfiles.inference(calls, kernels, "k");
        List<dev.yolojava.profiler.model.RangeEvent> ranges = new java.util.ArrayList<>(d.ranges());
        for (var r : d.ranges()) {
            ranges.add(new dev.yolojava.profiler.model.RangeEvent(1000 + r.id(), r.id(), "yolo.infer", null, 1, "main",
                    r.startNs() + 5_000, r.endNs() - 5_000, 1, java.util.Map.of()));
        }
        var corr = d.correlations().stream().map(c -> new dev.yolojava.profiler.model.CorrelationRecord(c.correlationId(),
                1000 + c.externalId())).toList();
        return new dev.yolojava.profiler.model.ProfileData(d.name(), d.startNs(), d.endNs(), ranges, d.marks(), d.kernels(),
                d.memcpys(), d.memsets(), d.apiCalls(), d.syncs(), d.markers(), corr, d.overheads(), d.devices(),
                d.droppedRecords(), d.gpuActivity());
    }

    @Test
    void launchBoundIsOneFindingAtTheInnermostRange() {
        ProfileSummary s = ProfileAnalyzer.analyze(nested(10, 100));
        assertThat(s.ranges()).extracting(ProfileSummary.RangeStats::name).contains("inference", "yolo.infer");
        List<String> launch = s.findings().stream().filter(f -> f.startsWith("launch-bound")).toList();
        assertThat(launch).singleElement().satisfies(f -> {
            assertThat(f).contains("'yolo.infer'").contains("inside 'inference'").contains("next:");
        });
    }

    @Test
    void smallCopiesAreJudgedByLatencyNotBandwidth() {
        var d = SyntheticProfiles.inference(200, 10, "k");
        List<dev.yolojava.profiler.model.MemcpyRecord> fast = new java.util.ArrayList<>(), slow = new java.util.ArrayList<>();
        for (var m : d.memcpys()) { // the 336 KB result copies become 7.2 KB ones, taking 2 us (fine) or 40 us (slow)
            if (m.kind() == dev.yolojava.profiler.model.MemcpyRecord.MemcpyKind.DTOH) {
                fast.add(new dev.yolojava.profiler.model.MemcpyRecord(m.kind(), 7_208, false, true, "device", "pinned",
                        m.startNs(), m.startNs() + 2_000, 0, 7, m.correlationId()));
                slow.add(new dev.yolojava.profiler.model.MemcpyRecord(m.kind(), 7_208, false, true, "device", "pinned",
                        m.startNs(), m.startNs() + 40_000, 0, 7, m.correlationId()));
            } else {
                fast.add(m);
                slow.add(m);
            }
        }
        var withFast = new dev.yolojava.profiler.model.ProfileData(d.name(), d.startNs(), d.endNs(), d.ranges(), d.marks(),
                d.kernels(), fast, d.memsets(), d.apiCalls(), d.syncs(), d.markers(), d.correlations(), d.overheads(),
                d.devices(), 0, true);
        var withSlow = new dev.yolojava.profiler.model.ProfileData(d.name(), d.startNs(), d.endNs(), d.ranges(), d.marks(),
                d.kernels(), slow, d.memsets(), d.apiCalls(), d.syncs(), d.markers(), d.correlations(), d.overheads(),
                d.devices(), 0, true);
        assertThat(ProfileAnalyzer.analyze(withFast).findings()).noneMatch(f -> f.startsWith("D2H"));
        assertThat(ProfileAnalyzer.analyze(withSlow).findings()).anyMatch(f -> f.startsWith("D2H copies of 7.2 KB take 40.0 us"));
    }
}
