package dev.yolojava.core;

import dev.yolojava.core.internal.ClassNames;
import dev.yolojava.core.internal.ParallelBatch;
import dev.yolojava.core.internal.decode.Candidates;
import dev.yolojava.core.internal.decode.DecodeOptions;
import dev.yolojava.core.internal.decode.OutputDecoder;
import dev.yolojava.core.internal.decode.OutputLayout;
import dev.yolojava.core.internal.nms.NonMaxSuppression;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.spi.DeviceDecoding;
import dev.yolojava.core.spi.OutputTensor;
import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerRange;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

/**
 * A detector's output to detections: per image, the boxes the backend already kept on the device
 * ({@link DeviceDecoding}), or the YOLO head decoded and suppressed here (NMS, or top-k for heads without it), mapped
 * back through the image's letterbox. The images of a batch decoded here are post-processed in parallel on threads
 * of the detector's own, started on the first such batch. Reuses one candidate list and NMS per batch position, so
 * it is used under the detector's lock.
 */
final class BatchPostprocessor implements AutoCloseable {
    private final OutputDecoder decoder;
    private final List<String> classNames;
    private final DeviceDecoding deviceDecoding;
    private final DecodeOptions decodeOptions;
    private final int maxDetections;
    private final int batchSize;
    private final Candidates[] candidates;
    private final NonMaxSuppression[] nms;
    private volatile ThreadFactory threadFactory;
    private ParallelBatch pool;

    /**
     * @param decoder        the model's head, or null to detect it from the first output's shape
     * @param classNames     the model's class names
     * @param deviceDecoding the backend, where it decodes + suppresses on the device; else null
     * @param decodeOptions  the confidence threshold and class filter
     * @param config         the detector's settings (batch size, IoU threshold, most detections, agnostic NMS)
     */
    BatchPostprocessor(OutputDecoder decoder, List<String> classNames, DeviceDecoding deviceDecoding,
                       DecodeOptions decodeOptions, YoloConfig config) {
        this.decoder = decoder;
        this.classNames = classNames;
        this.deviceDecoding = deviceDecoding;
        this.decodeOptions = decodeOptions;
        this.maxDetections = config.maxDetections();
        this.batchSize = config.batchSize();
        this.candidates = new Candidates[batchSize];
        this.nms = new NonMaxSuppression[batchSize];
        for (int i = 0; i < batchSize; i++) {
            candidates[i] = new Candidates();
            nms[i] = new NonMaxSuppression(config.iouThreshold(), config.maxDetections(), config.agnosticNms());
        }
    }

    /** Sets what makes the post-processing threads (before the first batch needs them); null keeps the default. */
    void useThreadFactory(ThreadFactory factory) {
        this.threadFactory = factory;
    }

    /**
     * Post-processes a batch's output inside a {@code yolo.postprocess} range.
     *
     * @param out     the backend's output for at least {@code n} images
     * @param boxes   each image's letterbox
     * @param n       images
     * @param results where one detection list per image is appended, in order
     * @throws ShapeMismatchException when the output holds fewer than {@code n} images
     */
    void batch(OutputTensor out, List<Letterbox> boxes, int n, List<List<Detection>> results) {
        try (ProfilerRange r = Profiler.range("yolo.postprocess")) {
            OutputDecoder dec = decoderFor(out);
            if (out.shape()[0] < n) {
                throw ShapeMismatchException.of("backend output batch", "first dimension >= " + n, out.shape());
            }
            if (n == 1) {
                results.add(image(dec, out, 0, boxes.get(0)));
            } else {
                results.addAll(java.util.Arrays.asList(all(dec, out, boxes, n)));
            }
        }
    }

    /**
     * @param out the output of a one-image call
     * @param box its letterbox
     * @return its detections, best first
     */
    List<Detection> one(OutputTensor out, Letterbox box) {
        return image(decoderFor(out), out, 0, box);
    }

    private OutputDecoder decoderFor(OutputTensor out) {
        return decoder != null ? decoder : OutputLayout.detect(out.shape(), classNames.size());
    }

    @SuppressWarnings("unchecked")
    private List<Detection>[] all(OutputDecoder dec, OutputTensor out, List<Letterbox> boxes, int n) {
        List<Detection>[] each = new List[n];
        if (deviceDecoding != null) { // only the kept boxes to map: not worth other threads
            for (int i = 0; i < n; i++) {
                each[i] = image(dec, out, i, boxes.get(i));
            }
            return each;
        }
        List<Callable<Void>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            parts.add(() -> {
                each[k] = image(dec, out, k, boxes.get(k));
                return null;
            });
        }
        pool().runAll(parts);
        return each;
    }

    /**
     * The detector's own threads for decoding + NMS of a batch's images in parallel (not the shared common pool,
     * where other work of the application would queue behind ours or ours behind it); started on the first
     * CPU-decoded batch, stopped by {@link #close()}.
     */
    private ParallelBatch pool() {
        if (pool == null) {
            int threads = Math.max(1, Math.min(batchSize, Runtime.getRuntime().availableProcessors()));
            pool = new ParallelBatch(threads, "postprocess", threadFactory,
                    t -> new YoloException(t instanceof InterruptedException ? "interrupted while post-processing a batch"
                            : "post-processing failed", t));
        }
        return pool;
    }

    private List<Detection> image(OutputDecoder dec, OutputTensor out, int index, Letterbox lb) {
        Candidates c = candidates[index];
        c.clear();
        int[] keep;
        if (deviceDecoding != null && deviceDecoding.deviceDetections(index, c)) {
            keep = java.util.stream.IntStream.range(0, c.size()).toArray(); // already kept, best first
        } else {
            dec.decode(out.data().duplicate(), out.shape(), index, decodeOptions, c);
            keep = dec.needsNms() ? nms[index].apply(c) : topK(c, maxDetections);
        }
        List<Detection> dets = new ArrayList<>(keep.length);
        for (int k : keep) {
            BoundingBox box = lb.toOriginal(c.x1(k), c.y1(k), c.x2(k), c.y2(k));
            int cls = c.classId(k);
            dets.add(new Detection(cls, ClassNames.label(classNames, cls), c.score(k), box));
        }
        return dets;
    }

    private static int[] topK(Candidates c, int k) {
        Integer[] idx = new Integer[c.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(c.score(b), c.score(a)));
        int n = Math.min(k, idx.length);
        int[] keep = new int[n];
        for (int i = 0; i < n; i++) {
            keep[i] = idx[i];
        }
        return keep;
    }

    /** Stops the post-processing threads; idempotent. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
