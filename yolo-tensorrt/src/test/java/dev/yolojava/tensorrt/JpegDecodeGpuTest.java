package dev.yolojava.tensorrt;

import dev.yolojava.core.Detection;
import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.image.internal.ImageDecoders;
import dev.yolojava.core.spi.FrameAllocator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * JPEG bytes to detections on the GPU: nvJPEG decodes into device memory that the letterbox reads; the
 * pixels, and so the detections, match the CPU decoder's; bad files give the CPU path's errors.
 */
@Tag("gpu")
class JpegDecodeGpuTest {
    static final Path SAMPLES = TensorRtBackendGpuTest.SAMPLES;

    @BeforeAll
    static void needsGpu() {
        GpuAssumptions.assumeTensorRt();
        assumeTrue(Files.isRegularFile(TensorRtBackendGpuTest.MODEL), "samples missing: run scripts/fetch-samples.sh");
    }

    static List<Path> samples() throws Exception {
        try (Stream<Path> s = Files.list(SAMPLES.resolve("images"))) {
            return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
    }

    static TensorRtBackend backendOf(YoloDetector d) {
        return d.unwrap(TensorRtBackend.class).orElseThrow();
    }

    static final Map<String, String> HARDWARE = Map.of("tensorrt.jpegDecoder", "hardware");

    @Test
    void gpuDecodedPixelsMatchTheCpuDecoderUpToRoundingAndChromaUpsampling() throws Exception {
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", HARDWARE, 8)) {
            TensorRtBackend trt = backendOf(det);
            List<Path> files = samples();
            List<byte[]> data = new ArrayList<>();
            for (Path f : files) {
                data.add(Files.readAllBytes(f));
            }
            List<Frame> frames = trt.decodeImages(data, files.stream().map(Path::toString).toList());
            int onGpu = 0;
            for (int i = 0; i < files.size(); i++) {
                RawImage cpu = ImageDecoders.openCv().decode(data.get(i), files.get(i).toString(), FrameAllocator.DIRECT);
                Frame f = frames.get(i);
                assertThat(f.width()).as(files.get(i).toString()).isEqualTo(cpu.width());
                assertThat(f.height()).as(files.get(i).toString()).isEqualTo(cpu.height());
                if (!(f instanceof DeviceImage d)) {
                    System.out.printf("%s: decoded on the CPU (the GPU decoder does not take it)%n", files.get(i).getFileName());
                    continue;
                }
                onGpu++;
                byte[] rgb = new byte[d.stride() * d.height()];
                BytePointer host = new BytePointer(rgb.length);
                assertThat(cudaMemcpy(host, new Pointer() { { address = d.address(); } }, rgb.length, 2)).isZero();
                host.get(rgb);
                long sum = 0;
                long far = 0; // beyond IDCT rounding: where chroma upsampling differs, at sharp colour edges
                int max = 0;
                for (int y = 0; y < d.height(); y++) {
                    for (int x = 0; x < 3 * d.width(); x++) {
                        int c = x % 3; // device RGB vs CPU BGR
                        int gpuV = rgb[y * d.stride() + x] & 0xFF;
                        int cpuV = cpu.pixels().get(y * cpu.stride() + (x - c) + (2 - c)) & 0xFF;
                        int diff = Math.abs(gpuV - cpuV);
                        sum += diff;
                        far += diff > 24 ? 1 : 0;
                        max = Math.max(max, diff);
                    }
                }
                long values = 3L * d.width() * d.height();
                double mean = (double) sum / values;
                System.out.printf("%s: nvJPEG vs OpenCV mean |diff| %.3f, max %d, %d of %d values differ by more than 24%n",
                        files.get(i).getFileName(), mean, max, far, values);
                assertThat(mean).as(files.get(i) + " mean difference").isLessThan(1.5);
                // libjpeg-turbo upsamples subsampled chroma with a triangle filter, the JPEG engines differently:
                // a few values at colour edges differ by more than rounding, never a visible share of the image
                assertThat((double) far / values).as(files.get(i) + " share differing by more than 24").isLessThan(0.001);
            }
            assertThat(onGpu).as("images nvJPEG decoded").isGreaterThan(0);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "jpegDecoder {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cpu", "hardware", "auto", "hardware/3"})
    void detectionsFromJpegBytesEqualThoseFromCpuDecodedFrames(String setting) throws Exception {
        String decoder = setting.split("/")[0]; // "/N": a batch split over N nvJPEG lanes
        String lanes = setting.contains("/") ? setting.split("/")[1] : "1";
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", Map.of("tensorrt.jpegDecoder", decoder,
                "tensorrt.jpegLanes", lanes), 8)) {
            List<Path> files = samples();
            List<List<Detection>> batched = det.detectFiles(files);
            for (int i = 0; i < files.size(); i++) {
                List<Detection> fromBytes = det.detect(files.get(i));
                List<Detection> fromFrame = det.detect(ImageDecoders.openCv().decode(Files.readAllBytes(files.get(i)),
                        files.get(i).toString(), FrameAllocator.DIRECT));
                System.out.printf("%s%n  bytes %s%n  frame %s%n", files.get(i).getFileName(), fromBytes, fromFrame);
                TensorRtBackendGpuTest.assertSame(fromFrame, fromBytes, files.get(i) + " bytes vs frame");
                TensorRtBackendGpuTest.assertSame(fromBytes, fromFrame, files.get(i) + " frame vs bytes");
                TensorRtBackendGpuTest.assertSame(fromBytes, batched.get(i), files.get(i) + " single vs batch");
            }
            long[] counts = backendOf(det).decodedImages();
            System.out.printf("%s: decoded on the GPU: %d, on the CPU: %d%n", decoder, counts[0], counts[1]);
            if (decoder.equals("cpu")) {
                assertThat(counts[0]).as("GPU-decoded images").isZero();
            } else {
                assertThat(counts[0]).as("GPU-decoded images").isPositive();
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "jpegDecoder {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"hardware", "cpu"})
    void aLongListDecodedTwoDeepGivesEachImagesDetectionsInOrder(String decoder) throws Exception {
        List<Path> files = samples();
        List<byte[]> list = new java.util.ArrayList<>();
        for (int i = 0; i < 5 * files.size() + 3; i++) { // batches of 4: each decodes while the previous one infers
            list.add(Files.readAllBytes(files.get((i * 3) % files.size())));
        }
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", Map.of("tensorrt.jpegDecoder", decoder), 4)) {
            List<List<Detection>> twoDeep = det.detectEncoded(list);
            assertThat(twoDeep).hasSize(list.size());
            for (int i = 0; i < list.size(); i++) {
                List<Detection> alone = det.detectEncoded(List.of(list.get(i))).get(0);
                TensorRtBackendGpuTest.assertSame(alone, twoDeep.get(i), "image " + i + " alone vs in the list");
                TensorRtBackendGpuTest.assertSame(twoDeep.get(i), alone, "image " + i + " in the list vs alone");
            }
        }
    }

    @Test
    void singleJpegsCycledReplayTheirCallGraphsAndGiveTheSameDetectionsEachTime() throws Exception {
        List<Path> files = samples();
        List<byte[]> bytes = new java.util.ArrayList<>();
        for (Path f : files) {
            bytes.add(Files.readAllBytes(f));
        }
        // batch 1: each image decodes into one of two alternating nvJPEG buffers, so the 7 samples are 14 call graphs
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", Map.of(), 1)) {
            List<List<Detection>> first = new java.util.ArrayList<>();
            for (byte[] b : bytes) {
                first.add(det.detect(b));
            }
            for (int round = 0; round < 30; round++) {
                for (int i = 0; i < bytes.size(); i++) {
                    List<Detection> again = det.detect(bytes.get(i));
                    TensorRtBackendGpuTest.assertSame(first.get(i), again, files.get(i) + " round " + round);
                    TensorRtBackendGpuTest.assertSame(again, first.get(i), files.get(i) + " round " + round + " (back)");
                }
            }
        }
    }

    @Test
    void badJpegsGiveTheCpuPathsErrorsAndTheDetectorStaysUsable() throws Exception {
        byte[] dog = Files.readAllBytes(SAMPLES.resolve("images/dog.jpg"));
        byte[] cut = Arrays.copyOf(dog, dog.length / 2);
        byte[] scrambled = dog.clone();
        for (int i = dog.length / 3; i < dog.length / 3 + 4000; i++) {
            scrambled[i] = (byte) (i * 31); // entropy-coded data destroyed, markers intact
        }
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", HARDWARE, 2)) {
            assertThatThrownBy(() -> det.detect(cut)).isInstanceOf(InvalidImageException.class).hasMessageContaining("truncated");
            assertThatThrownBy(() -> det.detect("not a jpeg".getBytes())).isInstanceOf(InvalidImageException.class);
            try {
                List<Detection> d = det.detect(scrambled); // libjpeg and nvJPEG may both decode garbage into pixels
                System.out.println("scrambled JPEG decoded to " + d.size() + " detections");
            } catch (InvalidImageException e) {
                System.out.println("scrambled JPEG refused: " + e.getMessage());
            }
            assertThat(det.detect(dog)).extracting(Detection::label).contains("dog", "bicycle");
            assertThat(det.detectEncoded(List.of(dog, dog))).allSatisfy(l -> assertThat(l).extracting(Detection::label).contains("dog"));
        }
    }

    @Test
    void twoThousandJpegDetectionsKeepDeviceMemoryAndRssFlat() throws Exception {
        byte[] dog = Files.readAllBytes(SAMPLES.resolve("images/dog.jpg"));
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", Map.of(), 1)) {
            for (int i = 0; i < 100; i++) {
                det.detect(dog);
            }
            long used0 = DeviceMemoryProbe.usedBytes(), rss0 = DeviceMemoryProbe.rssBytes();
            int found = 0;
            for (int i = 0; i < 2000; i++) {
                found += det.detect(dog).size();
            }
            long used1 = DeviceMemoryProbe.usedBytes(), rss1 = DeviceMemoryProbe.rssBytes();
            System.out.printf("2000 JPEG detections: device used %d -> %d MB, RSS %d -> %d MB%n", used0 >> 20, used1 >> 20,
                    rss0 >> 20, rss1 >> 20);
            assertThat(found).isGreaterThanOrEqualTo(2000 * 3);
            assertThat(used1 - used0).as("device memory growth").isLessThan(16L << 20);
            assertThat(rss1 - rss0).as("RSS growth").isLessThan(64L << 20);
        }
    }
}
