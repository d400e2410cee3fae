package dev.yolojava.profiler;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With profiling off, the hot path (range + attribute + close) allocates nothing. */
class NoopRangeAllocationTest {

    static long work(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            try (ProfilerRange r = Profiler.range("inference")) {
                r.attribute("batch", i);
                sum += r.isRecording() ? 1 : 0;
            }
        }
        return sum;
    }

    @Test
    void noopRangesDoNotAllocate() {
        Profiler.stop();
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean, "needs HotSpot");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        work(200_000); // warm up, let the JIT settle
        long before = mx.getCurrentThreadAllocatedBytes();
        long s = work(1_000_000);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(s).isZero();
        // a single allocation per call would be >= 16 MB here; allow a little for the MXBean itself
        assertThat(allocated).isLessThan(4096);
    }
}
