package dev.yolojava.profiler;

import dev.yolojava.profiler.analysis.ProfileAnalyzer;
import dev.yolojava.profiler.analysis.ProfileSummary;
import dev.yolojava.profiler.internal.FakeActivitySource;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.model.RangeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilerTest {
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        Profiler.stop();
        FakeActivitySource.enabled = false;
        dev.yolojava.profiler.internal.FakeDeviceMonitor.enabled = false;
        dev.yolojava.profiler.internal.FakeDeviceMonitor.reasons = List.of();
    }

    private ProfilerConfig config(boolean gpu, List<String> exporters) {
        return ProfilerConfig.builder().enabled(true).outputDir(dir).exporters(exporters).cupti(gpu).nvtx(false).build();
    }

    @Test
    void offMeansNoopRanges() {
        ProfilerRange r = Profiler.range("x");
        assertThat(r).isSameAs(ProfilerRange.noop());
        assertThat(r.isRecording()).isFalse();
        r.close();
        r.close();
        assertThat(Profiler.stop()).isNull();
    }

    @Test
    void rangesNestPerThreadAcrossThreads() throws Exception {
        Profiler.start(config(false, List.of()));
        CountDownLatch both = new CountDownLatch(2);
        Runnable work = () -> {
            try (ProfilerRange outer = Profiler.range("inference")) {
                outer.attribute("batch", 4).attribute("model", "yolov8n");
                both.countDown();
                try {
                    both.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try (ProfilerRange inner = Profiler.range("preprocess", "cpu", 0xff8800)) {
                    Profiler.mark("halfway");
                }
            }
        };
        Thread a = new Thread(work, "worker-a"), b = new Thread(work, "worker-b");
        a.start();
        b.start();
        a.join();
        b.join();
        ProfileData d = Profiler.stop();
        assertThat(d.ranges()).hasSize(4);
        assertThat(d.marks()).hasSize(2);
        Map<String, List<RangeEvent>> byThread = d.ranges().stream().collect(Collectors.groupingBy(RangeEvent::threadName));
        assertThat(byThread).containsOnlyKeys("worker-a", "worker-b");
        for (List<RangeEvent> l : byThread.values()) {
            RangeEvent outer = l.stream().filter(r -> r.name().equals("inference")).findFirst().orElseThrow();
            RangeEvent inner = l.stream().filter(r -> r.name().equals("preprocess")).findFirst().orElseThrow();
            assertThat(inner.parentId()).isEqualTo(outer.id());
            assertThat(inner.depth()).isEqualTo(outer.depth() + 1);
            assertThat(inner.category()).isEqualTo("cpu");
            assertThat(inner.attributes()).containsEntry("color", "#ff8800");
            assertThat(inner.startNs()).isGreaterThanOrEqualTo(outer.startNs());
            assertThat(inner.endNs()).isLessThanOrEqualTo(outer.endNs());
            assertThat(outer.attributes()).containsEntry("batch", 4L).containsEntry("model", "yolov8n");
        }
    }

    @Test
    void closingTwiceRecordsOnceAndOutOfOrderCloseDoesNotThrow() {
        Profiler.start(config(false, List.of()));
        ProfilerRange a = Profiler.range("a");
        ProfilerRange b = Profiler.range("b");
        a.close(); // wrong order: must not throw
        b.close();
        b.close();
        try (ProfilerRange c = Profiler.range("c")) {
            c.attribute("after", 1);
        }
        ProfileData d = Profiler.stop();
        assertThat(d.ranges()).extracting(RangeEvent::name).containsExactlyInAnyOrder("a", "b", "c");
        RangeEvent ra = byName(d, "a"), rb = byName(d, "b"), rc = byName(d, "c");
        assertThat(rb.parentId()).as("b opened inside a").isEqualTo(ra.id());
        assertThat(ra.endNs()).as("a ends when it was closed, before b").isLessThanOrEqualTo(rb.endNs());
        assertThat(ra.endNs()).isGreaterThanOrEqualTo(ra.startNs());
        assertThat(rc.parentId()).as("the thread's range stack is empty again").isZero();
        assertThat(rc.depth()).isZero();
    }

    private static RangeEvent byName(ProfileData d, String name) {
        return d.ranges().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void gpuWorkIsAttributedToTheRangeItWasLaunchedIn() {
        FakeActivitySource.enabled = true;
        Profiler.start(config(true, List.of()));
        assertThat(Profiler.hasGpuActivity()).isTrue();
        for (int i = 0; i < 3; i++) {
            try (ProfilerRange r = Profiler.range("inference")) {
                FakeActivitySource.copy(4_915_200, 100_000);
                try (ProfilerRange e = Profiler.range("engine")) {
                    FakeActivitySource.kernel("sm90_xmma_gemm_f16f16_f16f32", 20_000);
                    FakeActivitySource.kernel("generatedNativePointwise", 5_000);
                }
            }
        }
        FakeActivitySource.kernel("outside", 1_000); // launched outside any range
        ProfileData d = Profiler.stop();
        assertThat(d.kernels()).hasSize(7);
        ProfileSummary s = ProfileAnalyzer.analyze(d);
        ProfileSummary.RangeStats inference = s.ranges().stream().filter(r -> r.name().equals("inference")).findFirst().orElseThrow();
        ProfileSummary.RangeStats engine = s.ranges().stream().filter(r -> r.name().equals("engine")).findFirst().orElseThrow();
        assertThat(inference.count()).isEqualTo(3);
        assertThat(inference.kernelsPerCall()).isEqualTo(2.0);
        assertThat(inference.kernelUsPerCall()).isEqualTo(25.0);
        assertThat(inference.memcpyBytesPerCall()).isEqualTo(4_915_200.0);
        assertThat(engine.kernelsPerCall()).isEqualTo(2.0);
        assertThat(engine.memcpyBytesPerCall()).isZero();
        assertThat(s.kernelCount()).isEqualTo(7);
    }

    @Test
    void exportsToTheConfiguredFolder() throws Exception {
        Profiler.start(config(false, List.of("chrome", "summary")));
        try (ProfilerRange r = Profiler.range("inference")) {
            Thread.sleep(1);
        }
        ProfileData d = Profiler.stop();
        Path out = dir.resolve(d.name());
        assertThat(out.resolve("trace.json")).isRegularFile();
        assertThat(out.resolve("summary.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("inference");
    }

    @Test
    void aScheduleExportsOneWindowPerCycle() {
        ProfilerConfig c = ProfilerConfig.builder().enabled(true).outputDir(dir).exporters(List.of()).cupti(false).nvtx(false)
                .schedule(ProfilerSchedule.parse("wait=1,warmup=1,active=2,repeat=1")).build();
        Profiler.start(c);
        ProfileData window = null;
        for (int step = 0; step < 6; step++) {
            try (ProfilerRange r = Profiler.range("step" + step)) {
                r.attribute("step", step);
            }
            ProfileData w = Profiler.step();
            if (w != null) {
                assertThat(window).as("only one window").isNull();
                window = w;
            }
        }
        assertThat(window).isNotNull();
        assertThat(window.ranges()).extracting(RangeEvent::name).containsExactly("step2", "step3");
        assertThat(Profiler.isRecording()).isFalse(); // repeat=1: done
    }

    @Test
    void kernelWindowsSwitchGpuCollectionOnOnlyForTheirCallsAndEachWindowIsExportedAsItCloses() {
        FakeActivitySource.enabled = true;
        dev.yolojava.profiler.export.MemoryExporter.reset();
        Profiler.start(ProfilerConfig.builder().enabled(true).outputDir(dir).exporters(List.of("memory")).nvtx(false)
                .kernelWindows(KernelWindows.parse("first=2,calls=3,every=10")).build());
        List<Integer> correlatedCalls = new java.util.ArrayList<>();
        for (int call = 0; call < 25; call++) {
            try (ProfilerRange r = Profiler.range("inference")) {
                if (FakeActivitySource.pushedOnThisThread() > 0) {
                    correlatedCalls.add(call);
                } else {
                    sleepMillis(2); // time outside windows, which must not count as GPU idle
                }
                FakeActivitySource.kernel("k", 10_000);
            }
            assertThat(Profiler.step()).as("a window is flushed and built on the export thread, not the caller's").isNull();
        }
        assertThat(Profiler.stop()).as("nothing recorded after the last window: nothing more to export").isNull();
        List<ProfileData> windows = dev.yolojava.profiler.export.MemoryExporter.CAPTURES;
        assertThat(dev.yolojava.profiler.export.MemoryExporter.THREADS).containsOnly("yolo-profiler-export");
        assertThat(correlatedCalls).containsExactly(2, 3, 4, 12, 13, 14, 22, 23, 24);
        assertThat(FakeActivitySource.SWITCHES).containsExactly(false, true, false, true, false, true, false);
        assertThat(windows).hasSize(3).allSatisfy(w -> {
            assertThat(w.kernels()).hasSize(3);
            assertThat(w.ranges()).filteredOn(r -> r.name().equals(ProfileData.KERNEL_WINDOW_RANGE)).hasSize(1);
        });
        // the first capture also holds the calls before the first window; later ones only their window's calls
        assertThat(windows).extracting(w -> w.ranges().stream().filter(r -> r.name().equals("inference")).count())
                .containsExactly(5L, 3L, 3L);
        ProfileData first = windows.get(0);
        ProfileSummary.RangeStats inference = ProfileAnalyzer.analyze(first).ranges().stream()
                .filter(r -> r.name().equals("inference")).findFirst().orElseThrow();
        assertThat(inference.count()).isEqualTo(5);
        assertThat(inference.kernelsPerCall()).as("averaged over the 3 calls CUPTI saw, not all 5").isEqualTo(1.0);
        long windowNs = first.ranges().stream().filter(r -> r.name().equals(ProfileData.KERNEL_WINDOW_RANGE))
                .mapToLong(RangeEvent::durationNs).sum();
        assertThat(ProfileAnalyzer.analyze(first).gpuIdleUs() * 1000).isLessThanOrEqualTo(windowNs);
    }

    @Test
    void recordsCuptiHandsOverOnlyAtTheFlushLandInTheirOwnWindowWhichTheExportThreadFlushes() {
        FakeActivitySource.enabled = true;
        FakeActivitySource.deferUntilFlush = true;
        FakeActivitySource.FLUSHED_ON.clear();
        dev.yolojava.profiler.export.MemoryExporter.reset();
        try {
            Profiler.start(ProfilerConfig.builder().enabled(true).outputDir(dir).exporters(List.of("memory")).nvtx(false)
                    .kernelWindows(KernelWindows.parse("first=2,calls=3,every=10")).build());
            for (int call = 0; call < 25; call++) {
                try (ProfilerRange r = Profiler.range("inference")) {
                    FakeActivitySource.kernel("k" + call, 10_000);
                }
                Profiler.step();
            }
            Profiler.stop();
        } finally {
            FakeActivitySource.deferUntilFlush = false;
        }
        List<ProfileData> windows = dev.yolojava.profiler.export.MemoryExporter.CAPTURES;
        assertThat(windows).extracting(w -> w.kernels().stream().map(dev.yolojava.profiler.model.KernelRecord::name).toList())
                .containsExactly(List.of("k2", "k3", "k4"), List.of("k12", "k13", "k14"), List.of("k22", "k23", "k24"));
        assertThat(FakeActivitySource.FLUSHED_ON).as("each window's flush").contains("yolo-profiler-export");
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theGpusStateIsSampledAtTheCaptureAndEachKernelWindowsBoundsAndAThrottledGpuIsAFinding() throws Exception {
        FakeActivitySource.enabled = true;
        dev.yolojava.profiler.internal.FakeDeviceMonitor.enabled = true;
        dev.yolojava.profiler.internal.FakeDeviceMonitor.reasons = List.of("SwPowerCap", "GpuIdle");
        dev.yolojava.profiler.export.MemoryExporter.reset();
        Profiler.start(ProfilerConfig.builder().enabled(true).outputDir(dir).exporters(List.of("chrome", "summary", "memory"))
                .nvtx(false).kernelWindows(KernelWindows.parse("first=2,calls=3,every=10")).build());
        for (int call = 0; call < 25; call++) {
            try (ProfilerRange r = Profiler.range("inference")) {
                FakeActivitySource.kernel("k", 10_000);
            }
            Profiler.step();
        }
        Profiler.stop(); // waits for the exports
        List<ProfileData> windows = dev.yolojava.profiler.export.MemoryExporter.CAPTURES;
        // the first capture: its start, its window's start and end; the others: their window's start and end
        assertThat(windows).extracting(w -> w.deviceSamples().size()).containsExactly(3, 2, 2);
        ProfileData d = windows.get(0);
        assertThat(d.deviceSamples()).extracting(dev.yolojava.profiler.model.DeviceSample::timestampNs).isSorted();
        assertThat(d.deviceSamples().get(0).throttling()).containsExactly("SwPowerCap"); // GpuIdle is not throttling
        assertThat(ProfileAnalyzer.analyze(d).findings()).anySatisfy(f -> assertThat(f)
                .startsWith("GPU clocks held down during the capture (NVML): GPU 0 SwPowerCap, SM clock down to")
                .contains("of 1980 MHz at up to 87 C"));
        Path out = dir.resolve(d.name());
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("Devices (NVML").contains("SwPowerCap,GpuIdle");
        String trace = Files.readString(out.resolve("trace.json"));
        assertThat(trace).contains("\"ph\":\"C\"").contains("\"name\":\"SM clock MHz\"").contains("throttled: SwPowerCap")
                .contains("GPU 0 state (NVML)");
    }

    @Test
    void anUnthrottledGpuIsNoFinding() {
        dev.yolojava.profiler.internal.FakeDeviceMonitor.enabled = true;
        Profiler.start(ProfilerConfig.builder().enabled(true).outputDir(dir).exporters(List.of()).cupti(false).nvtx(false)
                .build());
        try (ProfilerRange r = Profiler.range("inference")) {
            r.attribute("n", 1);
        }
        ProfileData d = Profiler.stop();
        assertThat(d.deviceSamples()).hasSize(2);
        assertThat(ProfileAnalyzer.analyze(d).findings()).noneMatch(f -> f.contains("NVML"));
    }

    @Test
    void theJfrExporterFollowsRangesLiveAsJfrEvents() throws Exception {
        Path jfr = dir.resolve("ranges.jfr");
        try (jdk.jfr.Recording rec = new jdk.jfr.Recording()) {
            rec.enable("dev.yolojava.ProfilerRange");
            rec.start();
            Profiler.start(config(false, List.of("jfr")));
            try (ProfilerRange outer = Profiler.range("inference", "app")) {
                try (ProfilerRange inner = Profiler.range("decode")) {
                    inner.attribute("n", 1);
                }
            }
            Profiler.stop();
            rec.stop();
            rec.dump(jfr);
        }
        List<String> names = jdk.jfr.consumer.RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("dev.yolojava.ProfilerRange"))
                .map(e -> e.getString("name") + "/" + e.getString("category")).toList();
        assertThat(names).containsExactly("decode/null", "inference/app");
    }

    @Test
    void enableProfilingAloneCollectsKernelsInDefaultWindowsAndAScheduleCollectsThroughout() {
        ProfilerConfig env = ProfilerConfig.fromMaps(Map.of("ENABLE_PROFILING", "1"), Map.of());
        assertThat(env.kernelWindows()).isEqualTo(KernelWindows.DEFAULT);
        ProfilerConfig scheduled = ProfilerConfig.fromMaps(Map.of("ENABLE_PROFILING", "1", "YOLO_PROFILING_SCHEDULE",
                "wait=1,active=2"), Map.of());
        assertThat(scheduled.kernelWindows().isAlways()).isTrue();
        assertThat(ProfilerConfig.fromMaps(Map.of("YOLO_PROFILING_KERNELS", "always"), Map.of()).kernelWindows().isAlways())
                .isTrue();
        assertThat(ProfilerConfig.builder().build().kernelWindows().isAlways()).isTrue();
        assertThat(KernelWindows.parse("every=100,calls=5")).isEqualTo(new KernelWindows(10, 5, 100));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelWindows.parse("calls=50,every=10"))
                .hasMessageContaining("every>=calls");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelWindows.parse("often=3"))
                .hasMessageContaining("unknown key 'often'");
    }

    @Test
    void wrappedWorkOnAnotherThreadNestsUnderTheRangeItWasWrappedIn() throws Exception {
        Profiler.start(config(false, List.of()));
        Runnable work;
        try (ProfilerRange request = Profiler.range("request")) {
            work = Profiler.wrap(() -> {
                try (ProfilerRange r = Profiler.range("work")) {
                    r.attribute("thread", Thread.currentThread().getName());
                }
            });
            Thread t = new Thread(work, "worker");
            t.start();
            t.join();
        }
        try (ProfilerRange later = Profiler.range("later-on-main")) {
            later.attribute("x", 1);
        }
        ProfileData d = Profiler.stop();
        RangeEvent request = byName(d, "request"), w = byName(d, "work");
        assertThat(w.parentId()).as("the worker's range is a child of the request").isEqualTo(request.id());
        assertThat(w.threadName()).isEqualTo("worker");
        assertThat(byName(d, "later-on-main").parentId()).isZero();
        Runnable plain = () -> { };
        assertThat(Profiler.wrap(plain)).as("nothing records: the work itself").isSameAs(plain);
    }
}
