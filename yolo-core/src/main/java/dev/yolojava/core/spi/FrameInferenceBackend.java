package dev.yolojava.core.spi;

import dev.yolojava.core.image.Frame;
import dev.yolojava.core.preprocess.Letterbox;

import java.util.List;

/**
 * A backend that letterboxes 8-bit frames itself (on the GPU, say), so the detector hands it the
 * frames instead of a float tensor. The letterbox geometry must be exactly {@link Letterbox#compute}.
 */
public interface FrameInferenceBackend extends InferenceBackend {

    /**
     * Letterboxes and runs {@code frames}.
     *
     * @param frames     1..maxBatchSize frames
     * @param letterboxes the geometry of each frame, from {@link Letterbox#compute}
     * @return the detection output; valid until the next call
     */
    OutputTensor inferFrames(List<? extends Frame> frames, List<Letterbox> letterboxes);

    /**
     * Memory for a frame that the caller fills and then passes to {@link #inferFrames}: the backend reads it where
     * it is (a GPU backend: page-locked memory it uploads from directly, where other host memory is first copied
     * into staging). Each call takes new memory, which stays valid until the backend closes.
     *
     * @param bytes the size, {@code > 0}
     * @return a direct buffer of at least {@code bytes} bytes, positioned at 0 with its limit at {@code bytes}
     */
    default java.nio.ByteBuffer frameBuffer(int bytes) {
        return java.nio.ByteBuffer.allocateDirect(bytes);
    }

    /**
     * @return the CUDA device whose memory {@link dev.yolojava.core.image.DeviceImage} frames passed to this backend
     *         must be in, or {@code -1} when the backend takes no frames in device memory
     */
    default int cudaDevice() {
        return -1;
    }
}
