package dev.yolojava.core;

import dev.yolojava.core.image.Frame;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Double-buffered detection of a stream of frames from one thread: {@link #submit} queues a
 * frame's upload and inference on the device and returns at once, so frame N+1 is staged and
 * uploaded while frame N computes; each frame's detections complete, in submission order, when the
 * pipeline is full, on {@link #flush()}, or on {@link #close()}. On backends that cannot pipeline,
 * {@link #submit} runs the frame synchronously.
 * <pre>{@code
 * try (FramePipeline pipeline = detector.pipeline()) {
 *     for (RawImage frame : video) {
 *         pipeline.submit(frame).thenAccept(detections -> draw(frame, detections));
 *     }
 * } // close() completes the frames still in flight
 * }</pre>
 * A synchronous {@code detect} on the same detector first completes the frames in flight. Not
 * for concurrent submitters: use one pipeline per thread (they share the detector's lock).
 */
public final class FramePipeline implements AutoCloseable {
    private final YoloDetector detector;
    private boolean closed;

    FramePipeline(YoloDetector detector) {
        this.detector = detector;
    }

    /**
     * Queues {@code frame}.
     *
     * @param frame the frame (host or device memory); read during this call and the next, so do not change it before its future completes
     * @return its detections, completed once its inference is awaited
     * @throws IllegalStateException when this pipeline or its detector is closed
     */
    public CompletableFuture<List<Detection>> submit(Frame frame) {
        if (closed) {
            throw new IllegalStateException("FramePipeline is closed");
        }
        return detector.submitToPipeline(frame);
    }

    /** Completes every frame in flight. */
    public void flush() {
        detector.drainPipeline();
    }

    /** @return how many frames can be in flight at once (1 when the backend cannot pipeline) */
    public int depth() {
        return detector.pipelineDepth();
    }

    /** Completes the frames in flight; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            detector.drainPipeline();
        }
    }
}
