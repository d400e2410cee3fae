package dev.yolojava.core;

import dev.yolojava.core.image.Frame;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.spi.OutputTensor;
import dev.yolojava.core.spi.PipelinedBackend;
import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A list longer than the batch size, run two deep on a backend that keeps two calls in flight: batch k is prepared
 * (decoded, or just taken from the list) and submitted before batch k−1 is awaited and post-processed, so the GPU
 * has the next batch queued while the host decodes, stages and post-processes. A failure ends the batch still in
 * flight before it propagates, so the detector's next call starts clean.
 */
final class TwoDeepBatches {
    private static final Logger LOG = LoggerFactory.getLogger(TwoDeepBatches.class);

    /** Makes the frames of list items [from, to) (decoding them, say); they must stay intact until awaited. */
    @FunctionalInterface
    interface Prepare {
        List<? extends Frame> frames(int from, int to);
    }

    /** Post-processes an awaited batch's output into one detection list per image, appended to {@code results}. */
    @FunctionalInterface
    interface Finish {
        void finish(OutputTensor out, List<Letterbox> boxes, List<List<Detection>> results);
    }

    private record Submitted(PipelinedBackend.PendingOutput pending, List<Letterbox> boxes) {
    }

    private TwoDeepBatches() {
    }

    /**
     * @param n           list items
     * @param batch       items per batch
     * @param backend     a backend with {@link PipelinedBackend#pipelineDepth()} of at least 2
     * @param prepare     each batch's frames
     * @param inputWidth  the model's input width, for the letterboxes
     * @param inputHeight its input height
     * @param finish      each awaited batch's post-processing
     * @return one detection list per item, in order
     */
    static List<List<Detection>> run(int n, int batch, PipelinedBackend backend, Prepare prepare, int inputWidth,
                                     int inputHeight, Finish finish) {
        List<List<Detection>> results = new ArrayList<>(n);
        Submitted previous = null;
        Submitted current = null;
        try {
            for (int from = 0; from < n; from += batch) {
                List<? extends Frame> frames = prepare.frames(from, Math.min(n, from + batch));
                List<Letterbox> boxes = new ArrayList<>(frames.size());
                for (Frame f : frames) {
                    boxes.add(Letterbox.compute(f.width(), f.height(), inputWidth, inputHeight));
                }
                try (ProfilerRange r = Profiler.range("yolo.submit")) {
                    r.attribute("batch", frames.size());
                    current = new Submitted(backend.submitFrames(frames, boxes), boxes);
                }
                if (previous != null) {
                    Submitted done = previous;
                    previous = null;
                    finish(done, finish, results);
                }
                previous = current;
                current = null;
            }
            Submitted last = previous;
            previous = null;
            if (last != null) {
                finish(last, finish, results);
            }
            return results;
        } finally { // a batch failed to prepare or finish: those still in flight end before the next call
            awaitQuietly(previous);
            awaitQuietly(current);
        }
    }

    private static void finish(Submitted s, Finish finish, List<List<Detection>> results) {
        try (ProfilerRange r = Profiler.range("yolo.detect")) {
            r.attribute("batch", s.boxes().size());
            OutputTensor out;
            try (ProfilerRange a = Profiler.range("yolo.await")) {
                out = s.pending().await();
            }
            finish.finish(out, s.boxes(), results);
        }
    }

    private static void awaitQuietly(Submitted s) {
        if (s == null) {
            return;
        }
        try {
            s.pending().await();
        } catch (RuntimeException e) {
            LOG.debug("a batch in flight when another failed also failed: {}", e.toString());
        }
    }
}
