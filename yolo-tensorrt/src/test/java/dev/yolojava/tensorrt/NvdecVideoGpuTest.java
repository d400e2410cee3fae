package dev.yolojava.tensorrt;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.video.FfmpegVideoSource;
import dev.yolojava.core.video.VideoDecoder;
import dev.yolojava.core.video.VideoFrame;
import dev.yolojava.core.video.VideoSource;
import dev.yolojava.core.video.VideoSources;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU's hardware decoder (NVDEC, FFmpeg's h264_cuvid) gives the CPU decoder's frames, and so its
 * detections; on a second GPU too where there is one.
 */
@Tag("gpu")
class NvdecVideoGpuTest {
    static final Path H264 = TensorRtBackendGpuTest.SAMPLES.resolve("videos/vtest-h264.mp4");

    @BeforeAll
    static void needsGpuAndVideo() {
        GpuAssumptions.assumeTensorRt();
        assumeTrue(Files.isRegularFile(H264), "no " + H264 + ": run scripts/make-test-videos.sh");
    }

    /** Every 10th of the first 200 frames, copied out of the source's buffers. */
    static List<RawImage> frames(VideoDecoder decoder, int gpu, StringBuilder used) {
        List<RawImage> out = new ArrayList<>();
        try (FfmpegVideoSource v = FfmpegVideoSource.open(H264.toString(), 10_000, decoder, gpu)) {
            used.append(v.decoder());
            for (VideoFrame f; out.size() < 20 && (f = v.read()) != null; ) {
                if (f.index() % 10 == 0) {
                    RawImage img = (RawImage) f.image();
                    ByteBuffer copy = ByteBuffer.allocateDirect(img.pixels().remaining());
                    copy.put(img.pixels().duplicate()).flip();
                    out.add(new RawImage(copy, img.width(), img.height(), img.stride(), img.format()));
                }
            }
        }
        return out;
    }

    @Test
    void nvdecFramesGiveTheCpuDecodersPixelsAndDetections() {
        StringBuilder cpuName = new StringBuilder(), gpuName = new StringBuilder();
        List<RawImage> cpu = frames(VideoDecoder.CPU, 0, cpuName);
        List<RawImage> gpu = frames(VideoDecoder.NVDEC, 0, gpuName);
        System.out.println("decoders: " + cpuName + " vs " + gpuName);
        assertThat(gpuName.toString()).startsWith("h264_cuvid (NVDEC, GPU 0)");
        assertThat(gpu).hasSameSizeAs(cpu).hasSize(20);
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", Map.of(), 1)) {
            int[] tally = new int[2];
            for (int i = 0; i < cpu.size(); i++) {
                double diff = meanAbsDiff(cpu.get(i), gpu.get(i));
                System.out.printf("frame %d: mean |pixel difference| %.3f%n", i * 10, diff);
                assertThat(diff).as("frame " + i * 10).isLessThan(2.0);
                tally(det.detect(cpu.get(i)), det.detect(gpu.get(i)), "frame " + i * 10, tally);
            }
            System.out.printf("NVDEC vs CPU frames: %d of %d confident detections have a twin with IoU >= 0.9%n", tally[1],
                    tally[0]);
            assertThat(tally[0]).as("confident detections compared").isGreaterThan(20);
            assertThat((double) tally[1] / tally[0]).as("share matched at IoU >= 0.9").isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void nvdecFramesInGpuMemoryGiveTheCpuFramesDetectionsOneByOneAndPipelined() {
        List<RawImage> cpu = frames(VideoDecoder.CPU, 0, new StringBuilder());
        try (YoloDetector det = TensorRtBackendGpuTest.detector("tensorrt", Map.of(), 1)) {
            int[] tally = new int[2];
            try (VideoSource v = VideoSources.open(H264.toString(), 10_000, VideoDecoder.NVDEC_DEVICE, 0)) {
                System.out.println("device decoder: " + v.decoder());
                assertThat(v.decoder()).startsWith("h264_cuvid (NVDEC into GPU memory, GPU 0)");
                int k = 0;
                for (VideoFrame f; k < cpu.size() && (f = v.read()) != null; ) {
                    if (f.index() % 10 == 0) {
                        assertThat(f.image()).isInstanceOfSatisfying(DeviceImage.class,
                                d -> assertThat(d.format()).isEqualTo(PixelFormat.NV12));
                        tally(det.detect(cpu.get(k)), det.detect(f.image()), "device frame " + f.index(), tally);
                        k++;
                    }
                }
                assertThat(k).isEqualTo(cpu.size());
            }
            System.out.printf("NVDEC device vs CPU frames: %d of %d confident detections have a twin with IoU >= 0.9%n",
                    tally[1], tally[0]);
            assertThat(tally[0]).as("confident detections compared").isGreaterThan(20);
            assertThat((double) tally[1] / tally[0]).as("share matched at IoU >= 0.9").isGreaterThanOrEqualTo(0.95);
            // through the double-buffered pipeline: frames stay in flight while the next ones decode
            int[] piped = new int[2];
            try (VideoSource v = VideoSources.open(H264.toString(), 10_000, VideoDecoder.NVDEC_DEVICE, 0);
                 dev.yolojava.core.video.VideoDetections results = det.stream(v)) {
                while (results.hasNext()) {
                    dev.yolojava.core.video.FrameResult r = results.next();
                    if (r.frameIndex() % 10 == 0 && r.frameIndex() < 200) {
                        tally(det.detect(cpu.get((int) r.frameIndex() / 10)), r.detections(), "piped frame " + r.frameIndex(),
                                piped);
                    }
                    if (r.frameIndex() >= 199) {
                        break;
                    }
                }
            }
            System.out.printf("NVDEC device frames pipelined vs CPU frames: %d of %d twins%n", piped[1], piped[0]);
            assertThat((double) piped[1] / piped[0]).as("pipelined share matched at IoU >= 0.9").isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void deviceFramesOfSeveralStreamsBatchedTogetherGetTheirOwnDetections() {
        List<RawImage> cpu = frames(VideoDecoder.CPU, 0, new StringBuilder());
        java.util.Map<String, List<Detection>> found = new java.util.concurrent.ConcurrentHashMap<>();
        double averageBatch;
        try (YoloDetector single = TensorRtBackendGpuTest.detector("tensorrt", Map.of(), 1);
             dev.yolojava.core.batch.DetectorPool pool = dev.yolojava.core.batch.DetectorPool.open(1,
                     () -> TensorRtBackendGpuTest.detector("tensorrt", Map.of(), 4))) {
            dev.yolojava.core.video.StreamGroup.Builder b = dev.yolojava.core.video.StreamGroup.builder(pool)
                    .maxFramesPerStream(200).batching(4, java.time.Duration.ofMillis(20), 1)
                    .onFrame((stream, f, d, t) -> {
                        if (f.index() % 10 == 0) {
                            found.put(stream + ":" + f.index(), d);
                        }
                    });
            for (int s = 0; s < 3; s++) {
                b.add(VideoSources.open(H264.toString(), 10_000, VideoDecoder.NVDEC_DEVICE, 0));
            }
            try (dev.yolojava.core.video.StreamGroup g = b.start()) {
                assertThat(g.await(java.time.Duration.ofMinutes(2))).isTrue();
                for (int s = 0; s < 3; s++) {
                    assertThat(g.failure(s)).as("stream " + s).isNull();
                    assertThat(g.frames(s)).isEqualTo(200);
                }
                averageBatch = g.averageBatch();
            }
            int[] tally = new int[2];
            for (int s = 0; s < 3; s++) {
                for (int k = 0; k < cpu.size(); k++) {
                    List<Detection> d = found.get(s + ":" + k * 10);
                    assertThat(d).as("stream " + s + " frame " + k * 10).isNotNull();
                    tally(single.detect(cpu.get(k)), d, "batched stream " + s + " frame " + k * 10, tally);
                }
            }
            System.out.printf("device frames batched across 3 streams (%.1f per call) vs CPU frames: %d of %d twins%n",
                    averageBatch, tally[1], tally[0]);
            assertThat(averageBatch).as("frames of several streams per call").isGreaterThan(1.0);
            assertThat(tally[0]).isGreaterThan(60);
            assertThat((double) tally[1] / tally[0]).as("share matched at IoU >= 0.9").isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void nvdecDeviceFramesCarryTheCpuSourcesTimestampsAndFrameRate() {
        try (VideoSource cpu = VideoSources.open(H264.toString(), 10_000, VideoDecoder.CPU, 0);
             VideoSource dev = VideoSources.open(H264.toString(), 10_000, VideoDecoder.NVDEC_DEVICE, 0)) {
            assertThat(dev.frameRate()).isEqualTo(cpu.frameRate());
            for (int i = 0; i < 60; i++) {
                VideoFrame a = cpu.read(), b = dev.read();
                assertThat(b.index()).isEqualTo(a.index());
                assertThat(b.timestampMicros()).as("frame " + i).isEqualTo(a.timestampMicros());
            }
        }
    }

    @Test
    void aSecondGpuDecodesAndDetectsTheSameAsTheFirst() {
        int n;
        try (IntPointer p = new IntPointer(1)) {
            cudaGetDeviceCount(p);
            n = p.get();
        }
        assumeTrue(n >= 2, "one GPU here");
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        List<RawImage> on0 = frames(VideoDecoder.NVDEC, 0, a);
        List<RawImage> on1 = frames(VideoDecoder.NVDEC, 1, b);
        assertThat(b.toString()).contains("GPU 1");
        try (YoloDetector d0 = TensorRtBackendGpuTest.detector("tensorrt", Map.of("tensorrt.device", "0"), 1);
             YoloDetector d1 = TensorRtBackendGpuTest.detector("tensorrt", Map.of("tensorrt.device", "1"), 1)) {
            int[] tally = new int[2];
            for (int i = 0; i < on0.size(); i++) {
                assertThat(meanAbsDiff(on0.get(i), on1.get(i))).as("frame " + i * 10).isLessThan(0.01);
                tally(d0.detect(on0.get(i)), d1.detect(on1.get(i)), "GPU 1 frame " + i * 10, tally);
            }
            System.out.printf("GPU 1 vs GPU 0: %d of %d confident detections have a twin with IoU >= 0.9%n", tally[1], tally[0]);
            assertThat(tally[0]).isGreaterThan(20);
            assertThat(tally[1]).as("same pixels, same engine: every detection").isEqualTo(tally[0]);
        }
    }

    /**
     * Counts the confident (score >= 0.4) detections of {@code a} in {@code tally[0]} and those with a twin in
     * {@code b} (same class, IoU >= 0.9) in {@code tally[1]}, printing the ones without.
     */
    static void tally(List<Detection> a, List<Detection> b, String what, int[] tally) {
        for (Detection d : a) {
            if (d.score() < 0.4f) {
                continue; // near the threshold a box may fall on either side
            }
            tally[0]++;
            Detection twin = b.stream().filter(x -> x.classId() == d.classId())
                    .max((x, y) -> Float.compare(x.box().iou(d.box()), y.box().iou(d.box()))).orElse(null);
            if (twin != null && twin.box().iou(d.box()) >= 0.9f) {
                tally[1]++;
            } else {
                System.out.println(what + ": " + d + " has no twin at IoU >= 0.9; nearest " + twin);
            }
        }
    }

    static double meanAbsDiff(RawImage x, RawImage y) {
        assertThat(y.width()).isEqualTo(x.width());
        assertThat(y.height()).isEqualTo(x.height());
        long sum = 0;
        for (int r = 0; r < x.height(); r++) {
            for (int c = 0; c < x.width() * 3; c++) {
                sum += Math.abs((x.pixels().get(r * x.stride() + c) & 0xff) - (y.pixels().get(r * y.stride() + c) & 0xff));
            }
        }
        return (double) sum / (x.width() * 3L * x.height());
    }
}
