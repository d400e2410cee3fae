package dev.yolojava.core;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerConfig;
import dev.yolojava.profiler.ProfilerSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A scheduled capture closes its window from detector calls alone: user code calls no step(). */
class ProfilerScheduleByDetectorTest {

    @Test
    void eachDetectorCallIsOneStepOfTheSchedule(@TempDir Path dir) throws Exception {
        Profiler.start(ProfilerConfig.builder().enabled(true).cupti(false).nvtx(false).exporters(List.of("summary"))
                .outputDir(dir).schedule(ProfilerSchedule.parse("wait=1,warmup=0,active=2,repeat=1")).build());
        try (YoloDetector d = YoloDetector.withBackend(new FakeBackend(),
                YoloDetector.builder().model(Path.of("fake.onnx")).config())) {
            RawImage img = RawImage.rgb(new byte[64 * 64 * 3], 64, 64);
            for (int i = 0; i < 4; i++) {
                d.detect(img);
            }
        } finally {
            Profiler.stop();
        }
        List<Path> windows;
        try (Stream<Path> s = Files.list(dir)) {
            windows = s.filter(p -> p.getFileName().toString().contains("window")).toList();
        }
        assertThat(windows).as("exported windows in " + dir).hasSize(1);
        assertThat(windows.get(0).resolve("summary.json")).isRegularFile();
        assertThat(Files.readString(windows.get(0).resolve("summary.json"))).contains("yolo.detect");
    }

    @Test
    void aBatchRunsInsideTheRangeOfItsFirstRequest(@TempDir Path dir) throws Exception {
        Profiler.start(ProfilerConfig.builder().enabled(true).cupti(false).nvtx(false).exporters(List.of())
                .outputDir(dir).build());
        dev.yolojava.profiler.model.ProfileData data;
        try (YoloDetector d = YoloDetector.withBackend(new FakeBackend(),
                YoloDetector.builder().model(Path.of("fake.onnx")).batchSize(4).config());
             dev.yolojava.core.batch.DynamicBatcher b = dev.yolojava.core.batch.DynamicBatcher.builder().maxBatch(4)
                     .build(d)) {
            try (dev.yolojava.profiler.ProfilerRange request = Profiler.range("request")) {
                b.submit(RawImage.rgb(new byte[64 * 64 * 3], 64, 64)).get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            data = Profiler.stop();
        }
        var request = data.ranges().stream().filter(r -> r.name().equals("request")).findFirst().orElseThrow();
        var detect = data.ranges().stream().filter(r -> r.name().equals("yolo.detect")).findFirst().orElseThrow();
        assertThat(detect.parentId()).as("the batch's range nests under the request").isEqualTo(request.id());
        assertThat(detect.threadName()).startsWith("yolo-batcher");
    }
}
