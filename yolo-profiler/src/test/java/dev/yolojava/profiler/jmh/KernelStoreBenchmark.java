package dev.yolojava.profiler.jmh;

import dev.yolojava.profiler.internal.Capture;
import dev.yolojava.profiler.model.KernelRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * What storing one CUPTI kernel record costs on the parsing thread: the capture's columns ({@code Capture.kernel},
 * no object per kernel) against what the capture did before (a {@code KernelRecord} into a lock-free queue). Each
 * operation is one kernel; an invocation stores a batch-1 call's 124. Run with {@code -prof gc} for the bytes
 * allocated per kernel:
 * {@code mvn -q -pl yolo-profiler test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="KernelStoreBenchmark -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KernelStoreBenchmark {
    private static final int KERNELS = 124;
    /** A window's worth of calls before the store is replaced (as a capture is, when its window closes). */
    private static final int CALLS_PER_WINDOW = 2_000;
    private static final String[] NAMES = {"sm90_xmma_fprop_implicit_gemm_f16f16_f16f16_f16_nhwckrsc_nhwc",
        "__myl_MovNegExpAddDivMul", "yolo_letterbox", "yolo_nms", "genericReformat::copyPackedKernel"};

    private Capture capture = new Capture(Integer.MAX_VALUE);
    private Queue<KernelRecord> queue = new ConcurrentLinkedQueue<>();
    private int calls;
    private long t;

    @Benchmark
    @OperationsPerInvocation(KERNELS)
    public Capture columns() {
        if (++calls % CALLS_PER_WINDOW == 0) {
            capture = new Capture(Integer.MAX_VALUE);
        }
        for (int k = 0; k < KERNELS; k++) {
            t += 4_000;
            capture.kernel(NAMES[k % NAMES.length], t, t + 3_900, 0, 13, 1_000_000L + k, 40, 1, 1, 128, 1, 1, 64,
                    16_384, 0, true);
        }
        return capture;
    }

    @Benchmark
    @OperationsPerInvocation(KERNELS)
    public Queue<KernelRecord> recordsInAQueue() {
        if (++calls % CALLS_PER_WINDOW == 0) {
            queue = new ConcurrentLinkedQueue<>();
        }
        for (int k = 0; k < KERNELS; k++) {
            t += 4_000;
            queue.add(new KernelRecord(NAMES[k % NAMES.length], t, t + 3_900, 0, 13, 1_000_000L + k, 40, 1, 1, 128, 1, 1,
                    64, 16_384, 0, true));
        }
        return queue;
    }
}
