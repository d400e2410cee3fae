package dev.yolojava.core.jmh;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.image.internal.ImageDecoder;
import dev.yolojava.core.image.internal.ImageDecoders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Decoding one sample JPEG from its bytes into an upright BGR frame, with OpenCV (libjpeg-turbo) whole
 * ({@code opencv}) and cut at its restart markers into bands decoded on several cores ({@code opencv-bands}:
 * {@code Decoding.bands()}, the cores up to 8, or {@code -Dyolo.cpuDecode.bands}), and with ImageIO, into a reused
 * direct buffer (as a detector does). Needs {@code scripts/fetch-samples.sh}.
 * Run: {@code mvn -q -pl yolo-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="ImageDecodeBenchmark -f 0"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImageDecodeBenchmark {
    @Param({"dog", "eagle", "giraffe", "horses", "kite", "person", "scream"})
    public String image;
    @Param({"opencv", "opencv-bands", "imageio"})
    public String decoder;

    private byte[] bytes;
    private ImageDecoder dec;
    private int bands;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    @Setup
    public void load() throws IOException {
        Path samples = Path.of(System.getProperty("yolo.samples", "samples"));
        if (!Files.isDirectory(samples)) {
            samples = Path.of("..", "samples");
        }
        bytes = Files.readAllBytes(samples.resolve("images/" + image + ".jpg"));
        dec = decoder.startsWith("opencv") ? ImageDecoders.openCv() : ImageDecoders.imageIo();
        bands = decoder.equals("opencv-bands") ? dev.yolojava.core.image.internal.Decoding.bands() : 1;
    }

    @Benchmark
    public RawImage decode() {
        return dec.decode(bytes, image, n -> {
            if (buffer.capacity() < n) {
                buffer = ByteBuffer.allocateDirect(n);
            }
            return buffer.clear().limit(n);
        }, bands);
    }
}
