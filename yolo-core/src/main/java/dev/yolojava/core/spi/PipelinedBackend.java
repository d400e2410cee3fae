package dev.yolojava.core.spi;

import dev.yolojava.core.image.Frame;
import dev.yolojava.core.preprocess.Letterbox;

import java.util.List;

/**
 * A frame backend that can have several calls in flight (double buffering): a submitted call is
 * queued on the device and returns at once, so the next frames are staged and uploaded while it
 * computes. Used by {@link dev.yolojava.core.FramePipeline}.
 */
public interface PipelinedBackend extends FrameInferenceBackend {

    /** @return how many submitted calls may be in flight (awaited later) at once */
    int pipelineDepth();

    /**
     * Queues {@code frames} and returns without waiting for them.
     *
     * @param frames      the frames (read until the call is awaited)
     * @param letterboxes each frame's letterbox
     * @return the call, to await
     * @throws IllegalStateException when {@link #pipelineDepth()} calls are already in flight
     */
    PendingOutput submitFrames(List<? extends Frame> frames, List<Letterbox> letterboxes);

    /** A submitted call. */
    interface PendingOutput {
        /**
         * Waits for the call. Its output (and, for a {@link DeviceDecoding} backend, its device
         * detections) stay valid until another call is submitted or run.
         *
         * @return the output
         */
        OutputTensor await();
    }
}
