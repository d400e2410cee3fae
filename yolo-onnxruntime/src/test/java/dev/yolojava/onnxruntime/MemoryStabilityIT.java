package dev.yolojava.onnxruntime;

import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Many detect calls on one detector must not grow native (RSS) or heap memory meaningfully. CI makes
 * 300 calls (about 30 s on 2 cores); the 2,000-call soak runs with {@code mvn verify -Psoak} (or
 * {@code -Dyolo.soak.calls=N}).
 */
class MemoryStabilityIT {
    static final int CALLS = Integer.getInteger("yolo.soak.calls", 300);

    static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void repeatedCallsDoNotLeak() throws Exception {
        Path model = OnnxRuntimeBackendIT.MODEL;
        assumeTrue(Files.isRegularFile(model), "samples missing: run scripts/fetch-samples.sh");
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        RawImage img = RawImage.read(OnnxRuntimeBackendIT.SAMPLES.resolve("images/dog.jpg"));
        try (YoloDetector d = YoloDetector.builder().model(model).backend("onnxruntime").build()) {
            for (int i = 0; i < 100; i++) {
                d.detect(img);
            }
            long rss0 = rssBytes(), heap0 = heapAfterGc();
            int found = 0;
            for (int i = 0; i < CALLS; i++) {
                found += d.detect(img).size();
            }
            long rss1 = rssBytes(), heap1 = heapAfterGc();
            System.out.printf(CALLS + " calls: RSS %d -> %d MB, heap %d -> %d MB%n", rss0 >> 20, rss1 >> 20, heap0 >> 20, heap1 >> 20);
            assertThat(found).isGreaterThanOrEqualTo(CALLS * 3);
            assertThat(rss1 - rss0).as("RSS growth").isLessThan(48L << 20);
            assertThat(heap1 - heap0).as("heap growth").isLessThan(16L << 20);
        }
    }
}
