package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Packing the 17 arguments of one NV12 letterbox launch into the thread's reused {@link KernelArgs} block (now) vs a
 * JavaCPP pointer allocated per argument in a {@code PointerScope} (launches before the tenth session), the launch
 * itself left out (no GPU needed). Every JavaCPP allocation takes one process-wide lock: run with {@code -t 1} and
 * {@code -t 2} to see what launching threads cost each other. Run: {@code mvn -q -pl yolo-tensorrt test-compile
 * exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="KernelArgsBenchmark -f 0 -t 2"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelArgsBenchmark {
    private final Pointer device = Cuda.at(0x7f0000001000L);

    private Object[] letterboxArgs() {
        return new Object[]{device, 768, device, 768, 768, 576, 0, 0, device, 640, 640, 0, 80, 640, 480, 1.2f, 1.2f};
    }

    /** The tenth session's launch: the thread's block, filled in place. */
    @Benchmark
    public long reusedBlock() {
        return KernelArgs.forThisThread().pack("yolo_letterbox_nv12", letterboxArgs()).address();
    }

    /** The launch before it: a pointer allocated (and freed) per argument. */
    @Benchmark
    public long pointerPerArgument() {
        Object[] args = letterboxArgs();
        try (PointerScope scope = new PointerScope()) {
            PointerPointer<Pointer> p = new PointerPointer<>(args.length);
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                Pointer v;
                if (a instanceof Integer x) {
                    v = new IntPointer(1).put(x);
                } else if (a instanceof Float x) {
                    v = new FloatPointer(1).put(x);
                } else if (a instanceof Long x) {
                    v = new LongPointer(1).put(x);
                } else {
                    Pointer x = (Pointer) a;
                    v = new LongPointer(1).put(x.address() + x.position());
                }
                p.put(i, v);
            }
            return p.get(0).address();
        }
    }
}
