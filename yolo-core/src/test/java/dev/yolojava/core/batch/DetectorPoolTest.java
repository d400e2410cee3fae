package dev.yolojava.core.batch;

import dev.yolojava.core.FakeBackend;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.spi.FrameInferenceBackend;
import dev.yolojava.core.spi.OutputTensor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorPoolTest {

    /** The fake model on a pretend GPU: logs which frames reached it, reads nothing at their addresses. */
    static final class GpuFake extends FakeBackend implements FrameInferenceBackend {
        final int device;
        final List<Frame> seen = Collections.synchronizedList(new ArrayList<>());

        GpuFake(int device) {
            this.device = device;
        }

        @Override
        public int cudaDevice() {
            return device;
        }

        @Override
        public OutputTensor inferFrames(List<? extends Frame> frames, List<Letterbox> letterboxes) {
            for (Frame f : frames) {
                if (f instanceof DeviceImage d && d.device() != device) { // what the TensorRT backend refuses
                    throw new IllegalArgumentException("DeviceImage on CUDA device " + d.device() + ", the detector"
                            + " runs on device " + device);
                }
            }
            seen.addAll(frames);
            return infer(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asFloatBuffer(), frames.size());
        }
    }

    static YoloDetector detector(FakeBackend backend) {
        return YoloDetector.withBackend(backend, YoloDetector.builder().model(Path.of("f.onnx")).config());
    }

    static DeviceImage onGpu(int device) {
        return new DeviceImage(0x1000, 64, 64, 64 * 3, PixelFormat.RGB, device);
    }

    /**
     * Starts a thread that borrows a detector through {@code borrow} and holds it until {@code release} opens;
     * returns once the detector is held.
     */
    static Thread holdUntil(CountDownLatch release,
                            java.util.function.Consumer<java.util.function.Function<YoloDetector, Boolean>> borrow)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> borrow.accept(d -> {
            holding.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    @Test
    void aDetectorTellsTheCudaDeviceItRunsOnAndTheCpuBackendNone() {
        try (YoloDetector gpu = detector(new GpuFake(3)); YoloDetector cpu = detector(new FakeBackend())) {
            assertThat(gpu.cudaDevice()).hasValue(3);
            assertThat(cpu.cudaDevice()).isEmpty();
        }
    }

    @Test
    void framesInGpuMemoryGoToADetectorOnTheirGpuAndHostFramesToAny() {
        List<GpuFake> backends = List.of(new GpuFake(0), new GpuFake(1), new GpuFake(0), new GpuFake(1));
        try (DetectorPool pool = DetectorPool.open(4, (int i) -> detector(backends.get(i)))) {
            for (int i = 0; i < 20; i++) {
                assertThat(pool.detect(onGpu(i % 2))).hasSize(1);
            }
            assertThat(pool.detectBatch(List.of(onGpu(1), RawImage.rgb(new byte[64 * 64 * 3], 64, 64), onGpu(1))))
                    .hasSize(3);
            for (int i = 0; i < 8; i++) {
                assertThat(pool.detect(RawImage.rgb(new byte[64 * 64 * 3], 64, 64))).hasSize(1);
            }
        }
        for (GpuFake b : backends) {
            assertThat(b.seen).filteredOn(f -> f instanceof DeviceImage)
                    .allSatisfy(f -> assertThat(((DeviceImage) f).device()).isEqualTo(b.device));
        }
        assertThat(backends.stream().mapToLong(b -> b.seen.stream().filter(f -> f instanceof DeviceImage).count()).sum())
                .isEqualTo(22);
        assertThat(backends.stream().mapToLong(b -> b.seen.stream().filter(f -> f instanceof RawImage).count()).sum())
                .isEqualTo(9);
    }

    @Test
    void aFrameOnAGpuNoDetectorRunsOnFailsAtOnceNamingTheDevices() {
        try (DetectorPool pool = DetectorPool.open(2, (int i) -> detector(new GpuFake(0)))) {
            assertThatThrownBy(() -> pool.detect(onGpu(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CUDA device 1").hasMessageContaining("CUDA device(s) [0]");
            assertThatThrownBy(() -> pool.detectBatch(List.of(onGpu(0), onGpu(1))))
                    .hasMessageContaining("image 1").hasMessageContaining("one batch runs on one GPU");
            assertThatThrownBy(() -> pool.withDevice(-1, d -> 0)).hasMessageContaining("expected >= 0, got -1");
        }
    }

    @Test
    void aCallerWaitsForADetectorOnItsGpuWhileTheOtherGpusDetectorIsFree() throws Exception {
        GpuFake g0 = new GpuFake(0);
        GpuFake g1 = new GpuFake(1);
        try (DetectorPool pool = DetectorPool.open(2, (int i) -> detector(i == 0 ? g0 : g1))) {
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = holdUntil(release, work -> pool.withDevice(1, work));
            AtomicReference<Object> answer = new AtomicReference<>();
            Thread waiter = new Thread(() -> answer.set(pool.detect(onGpu(1))));
            waiter.start();
            waiter.join(200);
            assertThat(waiter.isAlive()).as("device-1 frame waits for device 1's detector").isTrue();
            assertThat(pool.detect(onGpu(0))).as("device 0's detector is free meanwhile").hasSize(1);
            release.countDown();
            waiter.join(10_000);
            holder.join(10_000);
            assertThat(answer.get()).isInstanceOf(List.class);
            assertThat(g1.seen).hasSize(1);
            assertThat(g0.seen).hasSize(1);
        }
    }

    @Test
    void forEachDetectorLendsEveryDetectorOnceWaitingForOneThatIsBusy() throws Exception {
        List<GpuFake> backends = List.of(new GpuFake(0), new GpuFake(1), new GpuFake(0));
        try (DetectorPool pool = DetectorPool.open(3, (int i) -> detector(backends.get(i)))) {
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = holdUntil(release, work -> pool.withDevice(1, work)); // detector 1 is busy
            List<Integer> devices = Collections.synchronizedList(new ArrayList<>());
            Thread warming = new Thread(() -> pool.forEachDetector(d -> {
                devices.add(d.cudaDevice().orElse(-1));
                d.detect(RawImage.bgr(new byte[8 * 8 * 3], 8, 8));
            }));
            warming.start();
            warming.join(200);
            assertThat(devices).as("detector 0 done, waiting for the busy detector 1").containsExactly(0);
            release.countDown();
            warming.join(5_000);
            holder.join(5_000);
            assertThat(devices).containsExactly(0, 1, 0);
            for (GpuFake b : backends) {
                assertThat(b.seen).as("each detector warmed once").hasSize(1);
            }
        }
    }

    @Test
    void closingThePoolWakesACallerWaitingForADetector() throws Exception {
        DetectorPool pool = DetectorPool.open(1, (int i) -> detector(new GpuFake(0)));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdUntil(release, pool::with);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                pool.with(d -> 0);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        waiter.start();
        waiter.join(100);
        pool.close();
        waiter.join(10_000);
        release.countDown();
        holder.join(10_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    static byte[] jpeg(int width, int height) throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void manyJpegsRunInBatchChunksOnEveryDetectorAndComeBackInOrder() throws Exception {
        List<byte[]> jpegs = new ArrayList<>();
        for (int i = 0; i < 11; i++) { // sizes differ, so each image's box differs
            jpegs.add(jpeg(40 + 8 * i, 60 + 4 * i));
        }
        List<List<dev.yolojava.core.Detection>> expected;
        try (YoloDetector one = YoloDetector.withBackend(new FakeBackend(),
                YoloDetector.builder().model(Path.of("f.onnx")).batchSize(2).config())) {
            expected = one.detectEncoded(jpegs);
        }
        List<FakeBackend> backends = Collections.synchronizedList(new ArrayList<>());
        try (DetectorPool pool = DetectorPool.open(3, (int i) -> {
            FakeBackend b = new FakeBackend() {
                @Override
                public dev.yolojava.core.spi.OutputTensor infer(java.nio.FloatBuffer input, int batch) {
                    try {
                        Thread.sleep(20); // long enough that the other detectors take chunks meanwhile
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.infer(input, batch);
                }
            };
            backends.add(b);
            return YoloDetector.withBackend(b, YoloDetector.builder().model(Path.of("f.onnx")).batchSize(2).config());
        })) {
            assertThat(pool.detectEncoded(jpegs)).isEqualTo(expected);
            assertThat(backends.stream().mapToInt(b -> b.calls).sum()).as("chunks of 2: 6 calls").isEqualTo(6);
            assertThat(backends.stream().filter(b -> b.calls > 0).count()).as("detectors that took chunks").isGreaterThan(1);
            assertThat(backends).allSatisfy(b -> assertThat(b.lastBatch).isBetween(0, 2));
        }
    }

    @Test
    void longListsGoToEachDetectorInPiecesOfUpToFourBatchesWithAboutTwoPiecesPerDetector() {
        assertThat(DetectorPool.piecesOfBatches(11, 2, 3)).as("6 batches, 3 detectors").isEqualTo(1);
        assertThat(DetectorPool.piecesOfBatches(32 * 16, 32, 2)).as("16 batches, 2 detectors").isEqualTo(4);
        assertThat(DetectorPool.piecesOfBatches(32 * 12, 32, 2)).as("12 batches, 2 detectors").isEqualTo(3);
        assertThat(DetectorPool.piecesOfBatches(32 * 1000, 32, 1)).as("never more than 4").isEqualTo(4);
        assertThat(DetectorPool.piecesOfBatches(5, 32, 4)).as("less than a batch").isEqualTo(1);
    }

    @Test
    void aBadJpegAmongManyIsNamedByItsIndexInTheWholeList(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<byte[]> jpegs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            jpegs.add(jpeg(48, 48));
        }
        jpegs.set(7, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        try (DetectorPool pool = DetectorPool.open(2, (int i) -> YoloDetector.withBackend(new FakeBackend(),
                YoloDetector.builder().model(Path.of("f.onnx")).batchSize(2).config()))) {
            assertThatThrownBy(() -> pool.detectEncoded(jpegs))
                    .isInstanceOf(dev.yolojava.core.InvalidImageException.class).hasMessageContaining("encoded image 7");
            Path good = java.nio.file.Files.write(dir.resolve("a.jpg"), jpegs.get(0));
            Path missing = dir.resolve("missing.jpg");
            assertThat(pool.detectFiles(List.of(good, good, good))).hasSize(3);
            assertThatThrownBy(() -> pool.detectFiles(List.of(good, good, missing)))
                    .hasMessageContaining("missing.jpg");
            assertThat(pool.detectEncoded(jpegs.subList(0, 5))).as("the pool stays usable").hasSize(5);
        }
    }
}
