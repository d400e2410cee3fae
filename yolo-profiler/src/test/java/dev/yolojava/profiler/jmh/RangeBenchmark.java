package dev.yolojava.profiler.jmh;

import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerRange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cost of a range while profiling is off (what every detect call pays with the profiler
 * compiled in). Run with {@code -prof gc} to see the allocation rate:
 * {@code mvn -q -pl yolo-profiler test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="RangeBenchmark -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RangeBenchmark {

    @Benchmark
    public boolean noopRange() {
        try (ProfilerRange r = Profiler.range("inference")) {
            r.attribute("batch", 1);
            return r.isRecording();
        }
    }

    @Benchmark
    public void baseline() {
    }
}
