package dev.yolojava.profiler.export;

import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerConfig;
import dev.yolojava.profiler.ProfilerRange;
import dev.yolojava.profiler.ProfilerSchedule;

import dev.yolojava.profiler.model.ProfileData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TraceExporterTest {

    static TraceExporter named(String name, boolean fails, List<String> ran) {
        return new TraceExporter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExportResult export(ProfileData data, Path dir) {
                ran.add(name);
                return attempt(() -> {
                    if (fails) {
                        throw new java.nio.file.AccessDeniedException(dir.toString());
                    }
                });
            }

            @Override
            public ExportResult shutdown() {
                ran.add(name + " shut down");
                return ExportResult.success();
            }
        };
    }

    @Test
    void aCompositeRunsEveryExporterAndItsResultNamesEachThatFailed() {
        List<String> ran = new ArrayList<>();
        TraceExporter all = TraceExporter.composite(List.of(named("chrome", true, ran), named("summary", false, ran),
                named("jfr", true, ran)));
        ExportResult r = all.export(null, Path.of("/read-only/profiles"));
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.failures()).hasSize(2);
        assertThat(r.failures().get(0)).startsWith("chrome (").contains("/read-only/profiles");
        assertThat(r.failures().get(1)).startsWith("jfr (");
        assertThat(ran).containsExactly("chrome", "summary", "jfr");
        assertThat(all.shutdown().isSuccess()).isTrue();
        assertThat(ran).endsWith("chrome shut down", "summary shut down", "jfr shut down");
    }

    /** An exporter that takes its time, as a large trace does, counting what it wrote. */
    public static final class Slow implements TraceExporter {
        static final java.util.concurrent.atomic.AtomicInteger WRITTEN = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "slow-test";
        }

        @Override
        public ExportResult export(ProfileData data, Path dir) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            WRITTEN.incrementAndGet();
            return ExportResult.success();
        }
    }

    @Test
    void aClosingWindowExportsOffTheStepperThreadAndStopWaitsForIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Slow.WRITTEN.set(0);
        Profiler.start(ProfilerConfig.builder().enabled(true).cupti(false).nvtx(false).exporters(List.of("slow-test"))
                .outputDir(dir).schedule(ProfilerSchedule.parse("wait=0,warmup=0,active=1,repeat=2")).build());
        long slowest = 0;
        try {
            for (int i = 0; i < 3; i++) {
                try (ProfilerRange r = Profiler.range("work")) {
                    r.attribute("i", i);
                }
                long t0 = System.nanoTime();
                Profiler.step(); // closes a window on the first two steps
                slowest = Math.max(slowest, System.nanoTime() - t0);
            }
        } finally {
            Profiler.stop();
        }
        assertThat(slowest / 1e6).as("ms the slowest step() took (the export takes 300)").isLessThan(150);
        assertThat(Slow.WRITTEN).as("windows exported by the time stop() returned").hasValue(2);
    }
}
