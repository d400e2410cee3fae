package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.internal.decode.Candidates;
import dev.yolojava.core.internal.decode.DecodeOptions;
import dev.yolojava.core.internal.decode.OutputDecoder;
import dev.yolojava.core.internal.decode.OutputLayout;
import dev.yolojava.core.internal.nms.NonMaxSuppression;
import dev.yolojava.core.spi.DeviceDecodeSpec;
import dev.yolojava.tensorrt.GpuAssumptions;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.FloatBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;

/**
 * The decode + NMS kernels alone, on synthetic YOLOv8 outputs built to stress them (clusters of
 * overlapping boxes, tied scores, several classes, scores at the threshold), against the CPU
 * decoder + NMS: the same boxes, in the same order, bit for bit.
 */
@Tag("gpu")
class DevicePostprocessGpuTest {

    @BeforeAll
    static void needsGpu() {
        GpuAssumptions.assumeTensorRt();
        Cuda.check(cudaSetDevice(0), "cudaSetDevice");
        Cuda.check(cudaFree(new Pointer()), "cudaFree(null) (context init)");
    }

    /** A [batch, 4 + classes, anchors] output: boxes in a few clusters, scores quantized to force ties. */
    static float[] output(int batch, int classes, int anchors, long seed, float hotFraction) {
        Random r = new Random(seed);
        int rows = 4 + classes;
        float[] o = new float[batch * rows * anchors];
        for (int b = 0; b < batch; b++) {
            int base = b * rows * anchors;
            for (int a = 0; a < anchors; a++) {
                int cluster = r.nextInt(6);
                o[base + a] = 100 + cluster * 80 + r.nextFloat() * 12;                 // cx
                o[base + anchors + a] = 120 + (cluster % 3) * 90 + r.nextFloat() * 12; // cy
                o[base + 2 * anchors + a] = 40 + r.nextFloat() * 20;                   // w
                o[base + 3 * anchors + a] = 40 + r.nextFloat() * 20;                   // h
                boolean hot = r.nextFloat() < hotFraction;
                for (int c = 0; c < classes; c++) {
                    float s = hot ? Math.round(r.nextFloat() * 20) / 20f : r.nextFloat() * 0.05f;
                    o[base + (4 + c) * anchors + a] = s;
                }
            }
        }
        return o;
    }

    @ParameterizedTest(name = "batch {0}, {1} classes, {2} anchors, conf {3}, iou {4}, maxDet {5}, agnostic {6}, hot {7}")
    @CsvSource({
            "1, 80, 8400, 0.25, 0.45, 300, false, 0.02",
            "3, 80, 8400, 0.25, 0.45, 300, false, 0.05",
            "2,  3, 2000, 0.25, 0.70,  10, true,  0.30",
            "2,  5, 3000, 0.50, 0.30, 300, false, 0.90",   // ~2,600 candidates per image
            "1,  2, 9000, 0.05, 0.45, 300, false, 0.60"})  // > 4,096 candidates: the host must decode
    void matchesTheCpuDecoderAndNms(int batch, int classes, int anchors, float conf, float iou, int maxDet,
                                    boolean agnostic, float hot) {
        float[] host = output(batch, classes, anchors, 42 + batch + classes, hot);
        long[] shape = {batch, 4 + classes, anchors};
        DeviceDecodeSpec spec = new DeviceDecodeSpec(OutputLayout.YOLOV8, classes, conf, iou, maxDet, agnostic, null);
        try (DevicePostprocess post = new DevicePostprocess(spec, shape, 1);
             DeviceMemory out = new DeviceMemory(4L * host.length, "test output");
             FloatPointer src = new FloatPointer(host);
             PinnedMemory results = new PinnedMemory(post.resultBytes() * batch, "test results")) {
            Cuda.check(cudaMemcpy(out.pointer(), src, 4L * host.length, 1), "cudaMemcpy H2D");
            assertThat(results.deviceAddress()).as("page-locked memory the device addresses (unified addressing)")
                    .isNotZero();
            // twice: into the slot's device results, copied back; then, with no memset between (the NMS kernel
            // zeroed the candidate counts), straight into the page-locked results over the bus
            for (boolean toHost : new boolean[]{false, true}) {
                FloatBuffer res = results.buffer().asFloatBuffer();
                while (res.hasRemaining()) {
                    res.put(Float.NaN);
                }
                if (toHost) {
                    post.launch(0, out.pointer(), batch, (CUstream_st) null, Cuda.at(results.deviceAddress()));
                } else {
                    post.launch(0, out.pointer(), batch, (CUstream_st) null);
                    Cuda.check(cudaMemcpy(results.at(0), post.results(0), post.resultBytes() * batch, 2), "cudaMemcpy D2H");
                }
                Cuda.check(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
                assertMatchesTheCpu(host, shape, batch, classes, conf, iou, maxDet, agnostic, post,
                        results.buffer().asFloatBuffer(), toHost ? "written to the host" : "copied back");
            }
        }
    }

    private static void assertMatchesTheCpu(float[] host, long[] shape, int batch, int classes, float conf, float iou,
                                            int maxDet, boolean agnostic, DevicePostprocess post, FloatBuffer res,
                                            String how) {
        OutputDecoder decoder = OutputLayout.detect(shape, classes);
        for (int b = 0; b < batch; b++) {
            Candidates cpu = new Candidates(), gpu = new Candidates();
            decoder.decode(FloatBuffer.wrap(host), shape, b, new DecodeOptions(conf, null), cpu);
            int[] keep = new NonMaxSuppression(iou, maxDet, agnostic).apply(cpu);
            boolean decoded = post.read(res, b, gpu);
            System.out.printf("image %d: %d candidates (gpu counted %d), cpu kept %d, gpu %s%n", b, cpu.size(),
                    post.candidates(res, b), keep.length, decoded ? "kept " + gpu.size() : "overflowed");
            assertThat(post.candidates(res, b)).as(how + ": candidate count").isEqualTo(cpu.size());
            if (cpu.size() > DevicePostprocess.CAPACITY) {
                assertThat(decoded).as(how + ": over capacity, the host decodes").isFalse();
                continue;
            }
            assertThat(decoded).isTrue();
            assertThat(gpu.size()).as(how + ": kept boxes").isEqualTo(keep.length);
            for (int k = 0; k < keep.length; k++) {
                int c = keep[k];
                assertThat(new float[]{gpu.x1(k), gpu.y1(k), gpu.x2(k), gpu.y2(k), gpu.score(k), gpu.classId(k)})
                        .as(how + ": box " + k).containsExactly(cpu.x1(c), cpu.y1(c), cpu.x2(c), cpu.y2(c), cpu.score(c), cpu.classId(c));
            }
        }
    }
}
