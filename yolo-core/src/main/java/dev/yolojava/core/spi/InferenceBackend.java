package dev.yolojava.core.spi;

import java.nio.FloatBuffer;

/**
 * One loaded model on one device, ready to run. Created by a {@link BackendProvider}; used by one
 * thread at a time (the detector serializes calls); {@link #close()} frees every native resource
 * and is idempotent.
 */
public interface InferenceBackend extends AutoCloseable {

    /** @return the backend's name, as its provider reports it */
    String name();

    /** @return tensor names, shapes and metadata of the loaded model */
    ModelInfo model();

    /**
     * Runs the model on {@code batch} images.
     *
     * @param input NCHW floats, {@code batch * 3 * H * W} of them from position 0
     * @param batch how many images, 1..maxBatchSize
     * @return the detection output; valid until the next call
     */
    OutputTensor infer(FloatBuffer input, int batch);

    /**
     * @return what the backend runs on and with, for reports and benchmark records: e.g. {@code device},
     *         library versions, settings that change speed; empty when the backend says nothing
     */
    default java.util.Map<String, String> describe() {
        return java.util.Map.of();
    }

    /** Frees native resources; idempotent, throws nothing checked. */
    @Override
    void close();
}
