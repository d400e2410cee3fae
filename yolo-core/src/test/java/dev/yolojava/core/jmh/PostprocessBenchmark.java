package dev.yolojava.core.jmh;

import dev.yolojava.core.internal.decode.Candidates;
import dev.yolojava.core.internal.decode.DecodeOptions;
import dev.yolojava.core.internal.decode.OutputDecoder;
import dev.yolojava.core.internal.decode.OutputLayout;
import dev.yolojava.core.internal.nms.NonMaxSuppression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Decode + NMS of one YOLOv8 output [1, 84, 8400] (direct buffer, like a backend's), and NMS
 * alone at 8400 candidates: the CPU post-processing cost per image.
 * Run: {@code mvn -q -pl yolo-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="PostprocessBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostprocessBenchmark {
    /** Share of anchors scoring above the threshold: 0.2% is a typical photo, 5% a crowded one. */
    @Param({"0.002", "0.05"})
    double positives;
    FloatBuffer output;
    final long[] shape = {1, 84, 8400};
    OutputDecoder decoder;
    final Candidates candidates = new Candidates();
    final Candidates dense = new Candidates();
    final NonMaxSuppression nms = new NonMaxSuppression(0.45f, 300, false);
    final DecodeOptions options = new DecodeOptions(0.25f, null);

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(42);
        output = ByteBuffer.allocateDirect(4 * 84 * 8400).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < 8400; i++) {
            output.put(i, r.nextFloat() * 640);
            output.put(8400 + i, r.nextFloat() * 640);
            output.put(2 * 8400 + i, 10 + r.nextFloat() * 100);
            output.put(3 * 8400 + i, 10 + r.nextFloat() * 100);
            boolean pos = r.nextDouble() < positives;
            for (int c = 0; c < 80; c++) {
                output.put((4 + c) * 8400 + i, pos && c == i % 80 ? 0.5f + r.nextFloat() / 2 : r.nextFloat() * 0.05f);
            }
        }
        decoder = OutputLayout.detect(shape, 80);
        for (int i = 0; i < 8400; i++) {
            float x = r.nextFloat() * 600, y = r.nextFloat() * 600;
            dense.add(x, y, x + 40, y + 40, r.nextFloat(), r.nextInt(80));
        }
    }

    @Benchmark
    public int decodeAndNms() {
        candidates.clear();
        decoder.decode(output, shape, 0, options, candidates);
        return nms.apply(candidates).length;
    }

    @Benchmark
    public int nmsOf8400Candidates() {
        return nms.apply(dense).length;
    }
}
