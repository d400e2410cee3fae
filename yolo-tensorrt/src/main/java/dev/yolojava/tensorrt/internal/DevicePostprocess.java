package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.internal.decode.Candidates;
import dev.yolojava.core.spi.DeviceDecodeSpec;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemset;
import static org.bytedeco.cuda.global.cudart.cudaMemsetAsync;

/**
 * Decode + NMS of a YOLOv8/11 output on the GPU ({@code postprocess.cu}): per execution slot the
 * device scratch (boxes, sort keys, counters, results) and the two launches, so only the kept boxes
 * ({@code 2 + 6 * maxDetections} floats per image at most) reach the host: copied back, or written by the NMS
 * kernel straight into page-locked memory. Owns every buffer it allocates.
 */
public final class DevicePostprocess implements AutoCloseable {
    /** Candidates (boxes over the threshold, before NMS) one image can have on the device; {@code YOLO_NMS_CAPACITY}. */
    public static final int CAPACITY = 4096;
    private static final int DECODE_THREADS = 256;
    /** {@code YOLO_NMS_THREADS}: the kernel treats any other block size as an overflow (the host decodes). */
    private static final int NMS_THREADS = 1024;

    private final PtxModule module;
    private final CUfunc_st decode;
    private final CUfunc_st nms;
    private final int numClasses;
    private final int anchors;
    private final float confidence;
    private final float iou;
    private final int maxDetections;
    private final boolean agnostic;
    private final DeviceMemory classMask;
    private final List<Scratch> slotBuffers = new ArrayList<>();
    private final boolean[] countsDirty;
    private final int resultFloats;
    private boolean closed;

    /**
     * @param spec        the detector's decoding settings (layout YOLOv8)
     * @param outputShape the engine output per slot, {@code [slotBatch, 4 + C, N]}
     * @param slots       execution slots that run concurrently
     */
    public DevicePostprocess(DeviceDecodeSpec spec, long[] outputShape, int slots) {
        if (outputShape.length != 3 || outputShape[1] != 4L + spec.numClasses()) {
            throw ShapeMismatchException.of("engine output for GPU decoding", "[B, " + (4 + spec.numClasses()) + ", N]", outputShape);
        }
        this.numClasses = spec.numClasses();
        this.anchors = (int) outputShape[2];
        this.confidence = spec.confidenceThreshold();
        this.iou = spec.iouThreshold();
        this.maxDetections = spec.maxDetections();
        this.agnostic = spec.agnostic();
        this.resultFloats = 2 + 6 * maxDetections;
        int batch = (int) outputShape[0];
        this.countsDirty = new boolean[slots];
        PtxModule m = new PtxModule("postprocess.ptx");
        DeviceMemory mask = null;
        try {
            this.decode = m.function("yolo_decode_v8");
            this.nms = m.function("yolo_nms");
            boolean[] filter = spec.classFilter();
            if (filter != null) {
                byte[] bytes = new byte[numClasses];
                for (int c = 0; c < numClasses; c++) {
                    bytes[c] = (byte) (c < filter.length && filter[c] ? 1 : 0);
                }
                mask = new DeviceMemory(numClasses, "class filter");
                try (BytePointer host = new BytePointer(bytes)) {
                    Cuda.check(cudaMemcpy(mask.pointer(), host, numClasses, 1), "cudaMemcpy(class filter H2D)");
                }
            }
            for (int s = 0; s < slots; s++) {
                slotBuffers.add(Scratch.allocate(s, batch, anchors, resultBytes()));
            }
        } catch (RuntimeException e) {
            slotBuffers.forEach(Scratch::close);
            if (mask != null) {
                mask.close();
            }
            m.close();
            throw e;
        }
        this.module = m;
        this.classMask = mask;
    }

    /** @return bytes of one image's result: kept count, candidate count, then 6 floats per kept box */
    public long resultBytes() {
        return 4L * resultFloats;
    }

    /** Enqueues decode + NMS of the first {@code batch} images of {@code output} on {@code stream}, into {@link #results}. */
    public void launch(int slot, Pointer output, int batch, CUstream_st stream) {
        launch(slot, output, batch, stream, results(slot));
    }

    /**
     * Enqueues decode + NMS of the first {@code batch} images of {@code output} on {@code stream}.
     *
     * @param results where the NMS kernel writes {@link #resultBytes()} per image: the slot's device results, or
     *                page-locked host memory's device address ({@link PinnedMemory#deviceAddress}), read once the
     *                stream is done with no copy in between
     */
    public void launch(int slot, Pointer output, int batch, CUstream_st stream, Pointer results) {
        Scratch b = slotBuffers.get(slot);
        // the NMS kernel zeroes the candidate counts it read, ready for the next decode; only a launch that failed
        // between the two kernels leaves them set, and then they are cleared on the stream first
        if (countsDirty[slot]) {
            Cuda.check(cudaMemsetAsync(b.counts().pointer(), 0, 4L * b.images(), stream), "cudaMemsetAsync(candidate counts)");
        }
        countsDirty[slot] = true;
        PtxModule.launch(decode, "yolo_decode_v8", (anchors + DECODE_THREADS - 1) / DECODE_THREADS, batch, DECODE_THREADS, 1,
                stream, output, numClasses, anchors, confidence, classMask == null ? (Object) 0L : classMask.pointer(),
                b.boxes().pointer(), b.keys().pointer(), b.counts().pointer(), CAPACITY);
        PtxModule.launch(nms, "yolo_nms", batch, 1, NMS_THREADS, 1, stream,
                b.boxes().pointer(), b.keys().pointer(), b.counts().pointer(), anchors, CAPACITY, iou, maxDetections,
                agnostic ? 1 : 0, results);
        countsDirty[slot] = false;
    }

    /** @return the device results of {@code slot}, {@link #resultBytes()} per image */
    public Pointer results(int slot) {
        return slotBuffers.get(slot).results().pointer();
    }

    /** @return how many candidates image {@code image} of {@code results} had (more than {@link #CAPACITY}: not decoded) */
    public int candidates(FloatBuffer results, int image) {
        return Float.floatToRawIntBits(results.get(image * resultFloats + 1));
    }

    /**
     * Appends the kept boxes of {@code image} to {@code out}.
     *
     * @return false when the image had more candidates than the device holds
     */
    public boolean read(FloatBuffer results, int image, Candidates out) {
        int base = image * resultFloats;
        if (candidates(results, image) > CAPACITY) {
            return false;
        }
        int kept = Math.min(maxDetections, Float.floatToRawIntBits(results.get(base)));
        float[] v = new float[6 * kept];
        results.get(base + 2, v, 0, v.length);
        for (int k = 0; k < kept; k++) {
            int o = 6 * k;
            out.add(v[o], v[o + 1], v[o + 2], v[o + 3], v[o + 4], (int) v[o + 5]);
        }
        return true;
    }

    /**
     * One slot's device scratch: decoded boxes [B][N][6], sort keys [B][CAPACITY], candidate counts [B] (zeroed here,
     * then by each NMS launch), results.
     */
    private record Scratch(int images, DeviceMemory boxes, DeviceMemory keys, DeviceMemory counts, DeviceMemory results)
            implements AutoCloseable {

        static Scratch allocate(int slot, int batch, int anchors, long resultBytes) {
            List<DeviceMemory> done = new ArrayList<>(4);
            try {
                done.add(new DeviceMemory(4L * 6 * anchors * batch, "decoded boxes, slot " + slot));
                done.add(new DeviceMemory(8L * CAPACITY * batch, "NMS sort keys, slot " + slot));
                done.add(new DeviceMemory(4L * batch, "candidate counts, slot " + slot));
                done.add(new DeviceMemory(resultBytes * batch, "NMS results, slot " + slot));
                Cuda.check(cudaMemset(done.get(2).pointer(), 0, 4L * batch), "cudaMemset(candidate counts, slot " + slot + ")");
                return new Scratch(batch, done.get(0), done.get(1), done.get(2), done.get(3));
            } catch (RuntimeException e) {
                done.forEach(DeviceMemory::close);
                throw e;
            }
        }

        @Override
        public void close() {
            boxes.close();
            keys.close();
            counts.close();
            results.close();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            slotBuffers.forEach(Scratch::close);
            if (classMask != null) {
                classMask.close();
            }
            module.close();
        }
    }
}
